/// An axis-aligned box in COCO's `[x, y, width, height]` convention (pixels, top-left origin,
/// no "+1"). Encoded in JSON as a 4-element array.
public struct BoundingBox: Codable, Equatable, Hashable, Sendable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double

    /// Creates a box from its origin and size.
    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    /// `width * height`, the area pycocotools' `loadRes` assigns to bbox results.
    public var area: Double { width * height }

    public init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        if let count = container.count, count != 4 {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected 4 numbers [x, y, width, height], got \(count)")
        }
        x = try container.decode(Double.self)
        y = try container.decode(Double.self)
        width = try container.decode(Double.self)
        height = try container.decode(Double.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        try container.encode(x)
        try container.encode(y)
        try container.encode(width)
        try container.encode(height)
    }
}
