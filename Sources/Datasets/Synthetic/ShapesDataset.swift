import COCO
import Foundation

/// The embedded default dataset: anti-aliased shapes at sub-pixel positions, sizes and angles on
/// a textured, cluttered background, with occlusion and occasional crowd regions.
///
/// Every image is a pure function of `(seed, index)`, so a dataset of any length needs no storage
/// and training sees the same images for the same seed. Unoccluded objects inside the frame are
/// annotated with their exact polygon; occluded or truncated ones (and crowds) with an RLE of
/// the visible part.
public struct ShapesDataset: SyntheticDataset {
    /// How images are drawn.
    public let configuration: ShapesConfiguration
    /// The stream seed.
    public let seed: UInt64

    /// Creates the dataset, rejecting an invalid configuration.
    public init(configuration: ShapesConfiguration = .standard, seed: UInt64 = 0) throws(InputError) {
        try configuration.validate()
        self.configuration = configuration
        self.seed = seed
    }

    /// The six shape categories.
    public var categories: [COCOCategory] { ShapeCategory.cocoCategories }

    /// One annotated layer of the scene before masks are known.
    private struct Placement {
        var layer: Int
        var category: ShapeCategory
        var polygons: [Polygon]
        var isCrowd: Bool
    }

    /// Sample `index`: a pure function of `(seed, index)`; image id `index + 1`.
    public func sample(at index: Int) -> SyntheticSample {
        var (scene, random) = configuration.startScene(seed: seed, index: index,
                                                       dotRadius: configuration.objectSize.lowerBound / 8)
        var placements: [Placement] = []
        if random.chance(configuration.crowdProbability) {
            placements.append(addCrowd(to: &scene, random: &random))
        }
        for _ in 0..<random.integer(configuration.objectsPerImage) {
            placements.append(addObject(to: &scene, random: &random))
        }
        let newIndex = scene.removeHiddenLayers(among: placements.filter { !$0.isCrowd }.map(\.layer),
                                                minimumVisibleFraction: configuration.minimumVisibleFraction)
        placements = placements.compactMap { placement in
            guard let layer = newIndex[placement.layer] else { return nil }
            var moved = placement
            moved.layer = layer
            return moved
        }
        let alphas = scene.visibleAlphas()

        let image = scene.render(alphas: alphas, noise: configuration.noise, random: &random)
        let record = syntheticRecord(index: index, width: scene.width, height: scene.height)
        var annotations: [COCOAnnotation] = []
        var masks: [BinaryMask] = []
        for placement in placements {
            let (mask, segmentation) = scene.annotatedMask(of: placement.layer, polygons: placement.polygons,
                                                           allowPolygons: !placement.isCrowd, alphas: alphas)
            guard let box = mask.boundingBox else { continue }
            annotations.append(COCOAnnotation(
                id: record.id * 1000 + annotations.count + 1, imageID: record.id,
                categoryID: placement.category.rawValue, segmentation: segmentation,
                area: Scene.cocoArea(of: segmentation, mask: mask), bbox: box, isCrowd: placement.isCrowd ? 1 : 0))
            masks.append(mask)
        }
        return SyntheticSample(image: image, record: record, annotations: annotations, masks: masks)
    }

    /// A group of 4-10 small same-category shapes in one colour, annotated as one crowd region.
    private func addCrowd(to scene: inout Scene, random: inout SplitMixGenerator) -> Placement {
        let category = ShapeCategory.allCases[random.integer(0...(ShapeCategory.allCases.count - 1))]
        let spread = configuration.objectSize.upperBound * 0.4
        let center = Point(x: random.uniform(spread...max(spread, Double(scene.width) - spread)),
                           y: random.uniform(spread...max(spread, Double(scene.height) - spread)))
        let memberSize = max(3, configuration.objectSize.lowerBound * 0.5)
        let polygons = (0..<random.integer(4...10)).map { _ in
            let scale = memberSize / 2 * random.uniform(0.7...1.3)
            let position = Point(x: center.x + random.uniform(-spread...spread), y: center.y + random.uniform(-spread...spread))
            return category.outline.placed(at: position, scaleX: scale, scaleY: scale,
                                           angle: random.uniform(0...(2 * Double.pi)))
        }
        return addLayer(polygons: polygons, category: category, isCrowd: true, at: center, to: &scene, random: &random)
    }

    /// One shape at a random sub-pixel position, log-uniform size, aspect and rotation.
    private func addObject(to scene: inout Scene, random: inout SplitMixGenerator) -> Placement {
        let category = ShapeCategory.allCases[random.integer(0...(ShapeCategory.allCases.count - 1))]
        let size = random.logUniform(configuration.objectSize)
        let aspect = random.logUniform(0.87...1.15)
        let margin = 0.2 * size
        let center = Point(x: random.uniform(margin...max(margin, Double(scene.width) - margin)),
                           y: random.uniform(margin...max(margin, Double(scene.height) - margin)))
        let polygon = category.outline.placed(at: center, scaleX: size / 2 * aspect, scaleY: size / 2 / aspect,
                                              angle: random.uniform(0...(2 * Double.pi)))
        return addLayer(polygons: [polygon], category: category, isCrowd: false, at: center, to: &scene, random: &random)
    }

    private func addLayer(polygons: [Polygon], category: ShapeCategory, isCrowd: Bool, at center: Point,
                          to scene: inout Scene, random: inout SplitMixGenerator) -> Placement {
        let layer = scene.addLayer(polygons: polygons, contrastingAt: center, random: &random)
        return Placement(layer: layer, category: category, polygons: polygons, isCrowd: isCrowd)
    }
}
