import COCO
import Foundation

extension Scene {
    /// A scene of the given size over a fresh textured background.
    init(width: Int, height: Int, random: inout SplitMixGenerator) {
        self.init(width: width, height: height,
                  background: Background.textured(width: width, height: height, random: &random))
    }

    /// Adds `count` unannotated distractors: thin lines and dots of radius up to `dotRadius`.
    mutating func addClutter(count: Int, dotRadius: Double, random: inout SplitMixGenerator) {
        let side = Double(min(width, height))
        for _ in 0..<count {
            let start = Point(x: random.uniform(0...Double(width)), y: random.uniform(0...Double(height)))
            let polygon: Polygon
            if random.chance(0.6) {
                let length = random.uniform((0.15 * side)...(0.5 * side))
                let angle = random.uniform(0...(2 * Double.pi))
                let end = Point(x: start.x + length * cos(angle), y: start.y + length * sin(angle))
                polygon = .capsule(from: start, to: end, radius: random.uniform(0.4...1.2), segmentsPerEnd: 2)
            } else {
                let radius = max(1, dotRadius) * random.uniform(0.5...1)
                polygon = Polygon.regular(sides: 8).placed(at: start, scaleX: radius, scaleY: radius, angle: 0)
            }
            layers.append(Layer(coverage: Coverage(polygons: [polygon], imageWidth: width, imageHeight: height),
                                color: Self.color(Background.randomColor(&random, range: 0...255))))
        }
    }

    /// Adds a layer in a colour that stands out from the background at `center` and returns
    /// its index.
    mutating func addLayer(polygons: [Polygon], contrastingAt center: Point, random: inout SplitMixGenerator) -> Int {
        let x = min(width - 1, max(0, Int(center.x)))
        let y = min(height - 1, max(0, Int(center.y)))
        let base = (y * width + x) * 3
        var color = Background.randomColor(&random, range: 0...255)
        for _ in 0..<16 {
            let distance = (0..<3).map { abs(color[$0] - Double(background[base + $0])) }.reduce(0, +)
            if distance >= 120 { break }
            color = Background.randomColor(&random, range: 0...255)
        }
        layers.append(Layer(coverage: Coverage(polygons: polygons, imageWidth: width, imageHeight: height),
                            color: Self.color(color)))
        return layers.count - 1
    }

    /// Removes the `candidates` layers whose visible alpha is under `fraction` of their coverage
    /// (or under 4 pixels), and returns the new index of every kept layer (removing a layer only
    /// uncovers others, so one pass suffices). The caller recomputes the visible alphas.
    mutating func removeHiddenLayers(among candidates: [Int], minimumVisibleFraction fraction: Double) -> [Int: Int] {
        let alphas = visibleAlphas()
        let hidden = Set(candidates.filter { layer in
            let visible = alphas[layer].reduce(0, +)
            let full = layers[layer].coverage.values.reduce(0, +)
            return visible < 4 || visible < Float(fraction) * full
        })
        var newIndex: [Int: Int] = [:]
        var kept: [Layer] = []
        for (index, layer) in layers.enumerated() where !hidden.contains(index) {
            newIndex[index] = kept.count
            kept.append(layer)
        }
        layers = kept
        return newIndex
    }

    /// The visible mask of a layer and its COCO segmentation: the exact `polygons` when nothing
    /// hides or truncates the layer (and polygons are allowed), else an RLE of the visible part.
    func annotatedMask(of layer: Int, polygons: [Polygon], allowPolygons: Bool,
                       alphas: [[Float]]) -> (BinaryMask, Segmentation) {
        let mask = visibleMask(of: layer, alphas: alphas)
        let inside = polygons.allSatisfy { polygon in
            let bounds = polygon.bounds
            return bounds.minX >= 0 && bounds.minY >= 0 && bounds.maxX <= Double(width) && bounds.maxY <= Double(height)
        }
        if allowPolygons, inside, mask == fullMask(of: layer) {
            return (mask, .polygons(polygons.map(\.flattened)))
        }
        return (mask, mask.rleSegmentation)
    }

    /// Whether layers above `layer` hide more than half of it at pixel (x, y): the visible alpha
    /// over the layer's own coverage is the light that passes the layers above.
    func isHidden(layer: Int, x: Int, y: Int, alphas: [[Float]]) -> Bool {
        let coverage = layers[layer].coverage
        let own = coverage.value(x: x, y: y)
        guard own > 0 else {
            // Off the silhouette (tiny figures): hidden when a layer above covers the pixel.
            return layers[(layer + 1)...].contains { $0.coverage.value(x: x, y: y) >= 0.5 }
        }
        let alpha = alphas[layer][(y - coverage.originY) * coverage.width + (x - coverage.originX)]
        return alpha / own < 0.5
    }

    /// COCO's `area` of an annotation: the pixel count of its segmentation as pycocotools
    /// rasterises it (for polygons this differs from the rendered mask by a few edge pixels).
    static func cocoArea(of segmentation: Segmentation, mask: BinaryMask) -> Double {
        guard case .polygons = segmentation,
              let rle = try? RLE(segmentation: segmentation, height: mask.height, width: mask.width) else {
            return Double(mask.area)
        }
        return Double(rle.area)
    }

    static func color(_ channels: [Double]) -> RGB {
        RGB(red: UInt8(channels[0].rounded()), green: UInt8(channels[1].rounded()), blue: UInt8(channels[2].rounded()))
    }
}
