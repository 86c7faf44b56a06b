/// A binary mask in COCO's run-length encoding (pycocotools' `maskApi.c` semantics).
///
/// Pixels are walked in **column-major** order (index = x * height + y). `counts` alternates
/// background and foreground runs, starting with a background run that may be 0 long; the runs
/// sum to `height * width`.
public struct RLE: Equatable, Hashable, Sendable {
    /// Mask height in pixels.
    public var height: Int
    /// Mask width in pixels.
    public var width: Int
    /// Alternating background/foreground run lengths, background first.
    public var counts: [UInt32]

    /// Creates an RLE from runs that are already known to be valid.
    public init(height: Int, width: Int, counts: [UInt32]) {
        self.height = height
        self.width = width
        self.counts = counts
    }
}
