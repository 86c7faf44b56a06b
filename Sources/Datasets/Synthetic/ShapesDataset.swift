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

    public func sample(at index: Int) -> SyntheticSample {
        var random = SeededGenerator(seed: seed, index: index)
        let width = configuration.width
        let height = configuration.height
        var scene = Scene(width: width, height: height,
                          background: Background.textured(width: width, height: height, random: &random))
        addClutter(to: &scene, random: &random)
        var placements: [Placement] = []
        if random.chance(configuration.crowdProbability) {
            placements.append(addCrowd(to: &scene, random: &random))
        }
        for _ in 0..<random.integer(configuration.objectsPerImage) {
            placements.append(addObject(to: &scene, random: &random))
        }

        // Drop objects hidden too much by later ones; removing a layer only uncovers others.
        var alphas = scene.visibleAlphas()
        let hidden = placements.filter { placement in
            let visible = alphas[placement.layer].reduce(0, +)
            let full = scene.layers[placement.layer].coverage.values.reduce(0, +)
            return !placement.isCrowd && (visible < 4 || visible < Float(configuration.minimumVisibleFraction) * full)
        }.map(\.layer)
        if !hidden.isEmpty {
            let removed = Set(hidden)
            var newIndex: [Int: Int] = [:]
            var kept: [Scene.Layer] = []
            for (layerIndex, layer) in scene.layers.enumerated() where !removed.contains(layerIndex) {
                newIndex[layerIndex] = kept.count
                kept.append(layer)
            }
            scene.layers = kept
            placements = placements.compactMap { placement in
                guard let layer = newIndex[placement.layer] else { return nil }
                var moved = placement
                moved.layer = layer
                return moved
            }
            alphas = scene.visibleAlphas()
        }

        let image = scene.render(alphas: alphas, noise: configuration.noise, random: &random)
        let record = syntheticRecord(index: index, width: width, height: height)
        var annotations: [COCOAnnotation] = []
        var masks: [BinaryMask] = []
        for placement in placements {
            let mask = scene.visibleMask(of: placement.layer, alphas: alphas)
            guard let box = mask.boundingBox else { continue }
            let segmentation: Segmentation
            if !placement.isCrowd, mask == scene.fullMask(of: placement.layer),
               placement.polygons.allSatisfy({ Self.isInside($0, width: width, height: height) }) {
                segmentation = .polygons(placement.polygons.map(\.flattened))
            } else {
                segmentation = mask.rleSegmentation
            }
            annotations.append(COCOAnnotation(
                id: record.id * 1000 + annotations.count + 1, imageID: record.id,
                categoryID: placement.category.rawValue, segmentation: segmentation,
                area: Double(mask.area), bbox: box, isCrowd: placement.isCrowd ? 1 : 0))
            masks.append(mask)
        }
        return SyntheticSample(image: image, record: record, annotations: annotations, masks: masks)
    }

    /// Thin lines and small dots: edges and blobs that are not objects.
    private func addClutter(to scene: inout Scene, random: inout SeededGenerator) {
        let side = Double(min(scene.width, scene.height))
        for _ in 0..<random.integer(configuration.clutterPerImage) {
            let start = Point(x: random.uniform(0...Double(scene.width)), y: random.uniform(0...Double(scene.height)))
            let polygon: Polygon
            if random.chance(0.6) {
                let length = random.uniform((0.15 * side)...(0.5 * side))
                let angle = random.uniform(0...(2 * Double.pi))
                let end = Point(x: start.x + length * cos(angle), y: start.y + length * sin(angle))
                polygon = .capsule(from: start, to: end, radius: random.uniform(0.4...1.2), segmentsPerEnd: 2)
            } else {
                let radius = max(1, configuration.objectSize.lowerBound / 8) * random.uniform(0.5...1)
                polygon = Polygon.regular(sides: 8).placed(at: start, scaleX: radius, scaleY: radius, angle: 0)
            }
            let color = Self.color(from: Background.randomColor(&random, range: 0...255))
            scene.layers.append(Scene.Layer(
                coverage: Coverage(polygons: [polygon], imageWidth: scene.width, imageHeight: scene.height),
                color: color))
        }
    }

    /// A group of 4-10 small same-category shapes in one colour, annotated as one crowd region.
    private func addCrowd(to scene: inout Scene, random: inout SeededGenerator) -> Placement {
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
    private func addObject(to scene: inout Scene, random: inout SeededGenerator) -> Placement {
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

    /// Adds an annotated layer in a colour that stands out from the background at `center`.
    private func addLayer(polygons: [Polygon], category: ShapeCategory, isCrowd: Bool, at center: Point,
                          to scene: inout Scene, random: inout SeededGenerator) -> Placement {
        let x = min(scene.width - 1, max(0, Int(center.x)))
        let y = min(scene.height - 1, max(0, Int(center.y)))
        let base = (y * scene.width + x) * 3
        var color = Background.randomColor(&random, range: 0...255)
        for _ in 0..<16 {
            let distance = (0..<3).map { abs(color[$0] - Double(scene.background[base + $0])) }.reduce(0, +)
            if distance >= 120 { break }
            color = Background.randomColor(&random, range: 0...255)
        }
        scene.layers.append(Scene.Layer(
            coverage: Coverage(polygons: polygons, imageWidth: scene.width, imageHeight: scene.height),
            color: Self.color(from: color)))
        return Placement(layer: scene.layers.count - 1, category: category, polygons: polygons, isCrowd: isCrowd)
    }

    private static func color(from channels: [Double]) -> RGB {
        RGB(red: UInt8(channels[0].rounded()), green: UInt8(channels[1].rounded()), blue: UInt8(channels[2].rounded()))
    }

    private static func isInside(_ polygon: Polygon, width: Int, height: Int) -> Bool {
        let bounds = polygon.bounds
        return bounds.minX >= 0 && bounds.minY >= 0 && bounds.maxX <= Double(width) && bounds.maxY <= Double(height)
    }
}
