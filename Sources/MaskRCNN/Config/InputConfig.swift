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
}
