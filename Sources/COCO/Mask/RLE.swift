/// A binary mask in COCO's run-length encoding (pycocotools' `maskApi.c` semantics).
///
/// Pixels are walked in **column-major** order (index = x * height + y). `counts` alternates
/// background and foreground runs, starting with a background run that may be 0 long; the runs
/// sum to `height * width`.
///
/// Validation happens where masks enter the package (``init(validatingCounts:height:width:)``,
/// ``init(compressedCounts:height:width:)``, the JSON reader), so the kernels (decode, merge,
/// IoU) can walk runs without re-checking them.
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

    /// Creates an RLE from untrusted runs, checking the size and that the runs sum to
    /// `height * width` (what pycocotools' `frUncompressedRLE` silently assumes).
    ///
    /// - Throws: ``InputError`` with field `segmentation.size` or `segmentation.counts`.
    public init(validatingCounts counts: [UInt32], height: Int, width: Int) throws(InputError) {
        let pixels = try RLE.pixelCount(height: height, width: width)
        var total = 0
        for run in counts { total += Int(run) }   // at most 2^32 runs of < 2^32: no overflow in Int64
        guard total == pixels else {
            throw InputError(field: "segmentation.counts",
                             message: "runs sum to \(total), expected height*width = \(pixels)")
        }
        self.init(height: height, width: width, counts: counts)
    }

    /// `height * width`, checked to be a size pycocotools' 32-bit runs can describe.
    static func pixelCount(height: Int, width: Int) throws(InputError) -> Int {
        guard height >= 0, width >= 0 else {
            throw InputError(field: "segmentation.size",
                             message: "size [\(height), \(width)] must be non-negative")
        }
        let (pixels, overflow) = height.multipliedReportingOverflow(by: width)
        guard !overflow, pixels <= Int(UInt32.max) else {
            throw InputError(field: "segmentation.size",
                             message: "size [\(height), \(width)] exceeds 2^32 pixels")
        }
        return pixels
    }

    /// An all-background mask of the given size.
    static func empty(height: Int, width: Int) -> RLE {
        RLE(height: height, width: width, counts: [UInt32(truncatingIfNeeded: height * width)])
    }
}
