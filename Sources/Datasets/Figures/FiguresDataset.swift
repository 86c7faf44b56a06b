import COCO
import Foundation

/// Articulated humanoid figures with COCO's 17 keypoints (Tables 5 and 6), on the same textured,
/// cluttered backgrounds as the shapes.
///
/// Each figure is one flat-coloured layer whose mask is the union of its limbs. A keypoint is
/// `v = 2` when nothing is drawn over the figure at that pixel, `v = 1` when another figure or
/// an occluder hides it (less than half of the figure shows through), and `v = 0` (with x = y = 0) when it falls outside the image, as COCO's
/// annotators label. Keypoint coordinates follow COCO's pixel-index convention: continuous
/// position minus 0.5 (detectron2 adds the 0.5 back).
public struct FiguresDataset: SyntheticDataset {
    /// How images are drawn.
    public let configuration: FiguresConfiguration
    /// The stream seed.
    public let seed: UInt64

    /// Creates the dataset, rejecting an invalid configuration.
    public init(configuration: FiguresConfiguration = .standard, seed: UInt64 = 0) throws(InputError) {
        try configuration.validate()
        self.configuration = configuration
        self.seed = seed
    }

    /// The one `person` category with keypoint names and skeleton.
    public var categories: [COCOCategory] { [PersonKeypoints.category] }

    /// Sample `index`: a pure function of `(seed, index)`; image id `index + 1`.
    public func sample(at index: Int) -> SyntheticSample {
        var (scene, random) = configuration.startScene(seed: seed, index: index,
                                                       dotRadius: configuration.figureHeight.lowerBound / 24)
        let width = scene.width
        let height = scene.height
        var placed: [(layer: Int, figure: Figure)] = []
        for _ in 0..<random.integer(configuration.figuresPerImage) {
            let figureHeight = random.logUniform(configuration.figureHeight)
            let unit = figureHeight / 8
            let pelvis = Point(x: random.uniform(0.1 * Double(width)...0.9 * Double(width)),
                               y: random.uniform(min(3 * unit, Double(height) / 2)...max(Double(height) / 2, Double(height) - 2.5 * unit)))
            let figure = Figure(pelvis: pelvis, height: figureHeight, random: &random)
            placed.append((scene.addLayer(polygons: figure.polygons, contrastingAt: pelvis, random: &random), figure))
            if random.chance(configuration.occluderProbability) {
                addOccluder(near: figure, height: figureHeight, to: &scene, random: &random)
            }
        }
        let newIndex = scene.removeHiddenLayers(among: placed.map(\.layer),
                                                minimumVisibleFraction: configuration.minimumVisibleFraction)
        placed = placed.compactMap { entry in newIndex[entry.layer].map { ($0, entry.figure) } }
        let alphas = scene.visibleAlphas()
        let image = scene.render(alphas: alphas, noise: configuration.noise, random: &random)

        let record = syntheticRecord(index: index, width: width, height: height)
        var annotations: [COCOAnnotation] = []
        var masks: [BinaryMask] = []
        for (layer, figure) in placed {
            let (mask, segmentation) = scene.annotatedMask(of: layer, polygons: figure.polygons,
                                                           allowPolygons: true, alphas: alphas)
            guard let box = mask.boundingBox else { continue }
            var keypoints: [Double] = []
            for point in figure.keypoints {
                let x = Int(point.x.rounded(.down))
                let y = Int(point.y.rounded(.down))
                if x < 0 || y < 0 || x >= width || y >= height {
                    keypoints += [0, 0, 0]
                } else {
                    keypoints += [point.x - 0.5, point.y - 0.5, scene.isHidden(layer: layer, x: x, y: y, alphas: alphas) ? 1 : 2]
                }
            }
            annotations.append(COCOAnnotation(
                id: record.id * 1000 + annotations.count + 1, imageID: record.id, categoryID: 1,
                segmentation: segmentation, area: Scene.cocoArea(of: segmentation, mask: mask), bbox: box, isCrowd: 0,
                keypoints: keypoints, numKeypoints: stride(from: 2, to: keypoints.count, by: 3).filter { keypoints[$0] > 0 }.count))
            masks.append(mask)
        }
        return SyntheticSample(image: image, record: record, annotations: annotations, masks: masks)
    }

    /// An unannotated shape over part of a figure.
    private func addOccluder(near figure: Figure, height: Double, to scene: inout Scene, random: inout SplitMixGenerator) {
        let anchor = figure.keypoints[random.integer(0...(figure.keypoints.count - 1))]
        let size = height * random.uniform(0.15...0.4)
        let category = ShapeCategory.allCases[random.integer(0...(ShapeCategory.allCases.count - 1))]
        let polygon = category.outline.placed(at: anchor, scaleX: size / 2, scaleY: size / 2,
                                              angle: random.uniform(0...(2 * Double.pi)))
        _ = scene.addLayer(polygons: [polygon], contrastingAt: anchor, random: &random)
    }
}
