/// The RPN's anchors, detectron2's `DefaultAnchorGenerator` convention.
public struct AnchorConfig: Codable, Equatable, Sendable {
    /// Anchor sizes (square-root of the area, input pixels) per feature level, finest first;
    /// one entry per level the features provide.
    public var sizes: [[Double]]
    /// Height/width ratios shared by every level.
    public var aspectRatios: [Double]
    /// Anchor centres sit at `stride * (i + offset)`; detectron2's default is 0.
    public var offset: Double

    /// Creates an anchor config; the defaults are `R10-FPN@256`'s 16..256 on P2..P6, ratios 0.5/1/2.
    public init(
        sizes: [[Double]] = [[16], [32], [64], [128], [256]],
        aspectRatios: [Double] = [0.5, 1, 2],
        offset: Double = 0
    ) {
        self.sizes = sizes
        self.aspectRatios = aspectRatios
        self.offset = offset
    }

    /// Anchors per feature location at each level (sizes x ratios).
    public var anchorsPerLocation: [Int] { sizes.map { $0.count * aspectRatios.count } }

    enum CodingKeys: String, CodingKey {
        case sizes
        case aspectRatios = "aspect_ratios"
        case offset
    }
}
