/// Input resizing: the shorter image side is scaled to `shorterSide` unless that makes the
/// longer side exceed `maxSize` (detectron2's ResizeShortestEdge), then padded to a multiple
/// of the feature stride.
public struct InputConfig: Codable, Equatable, Sendable {
    /// Target length of the shorter side, pixels.
    public var shorterSide: Int
    /// Upper bound on the longer side, pixels.
    public var maxSize: Int

    /// Creates an input config; the defaults are `R10-FPN@256`'s 256x256 inputs.
    public init(shorterSide: Int = 256, maxSize: Int = 256) {
        self.shorterSide = shorterSide
        self.maxSize = maxSize
    }

    enum CodingKeys: String, CodingKey {
        case shorterSide = "shorter_side"
        case maxSize = "max_size"
    }

    /// Decodes the fields present over the defaults; unknown keys fail.
    public init(from decoder: any Decoder) throws {
        try self.init(from: decoder, over: Self())
    }

    /// Decodes the fields present and keeps `d`'s for the others; unknown keys fail.
    init(from decoder: any Decoder, over d: Self) throws {
        let c = try decoder.configContainer(keyedBy: CodingKeys.self)
        shorterSide = try c.decode(.shorterSide, or: d.shorterSide)
        maxSize = try c.decode(.maxSize, or: d.maxSize)
    }
}
