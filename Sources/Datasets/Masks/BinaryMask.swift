import COCO

/// A binary instance mask, row-major, one byte (0 or 1) per pixel: the layout renderers and
/// augmentation work in. COCO's column-major RLE is produced from it only at the edges.
public struct BinaryMask: Equatable, Hashable, Sendable {
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// `height * width` bytes, 1 inside the mask; pixel (x, y) is at `y * width + x`.
    public var pixels: [UInt8]

    /// Creates a mask from row-major 0/1 bytes (any non-zero byte counts as inside).
    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(pixels.count == width * height, "mask needs width * height bytes")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// An empty mask.
    public init(width: Int, height: Int) {
        self.init(width: width, height: height, pixels: [UInt8](repeating: 0, count: width * height))
    }

    /// Whether pixel (x, y) is inside; false outside the mask's frame.
    public subscript(x: Int, y: Int) -> Bool {
        guard x >= 0, y >= 0, x < width, y < height else { return false }
        return pixels[y * width + x] != 0
    }

    /// The number of pixels inside (COCO's `area` for mask annotations).
    public var area: Int {
        pixels.reduce(0) { $0 + ($1 != 0 ? 1 : 0) }
    }

    /// The tight box around the inside pixels, as pycocotools' `toBbox` gives it (a pixel spans
    /// one unit, so a single pixel at (3, 4) is `[3, 4, 1, 1]`); nil when the mask is empty.
    public var boundingBox: BoundingBox? {
        var minX = width, minY = height, maxX = -1, maxY = -1
        for y in 0..<height {
            let row = y * width
            for x in 0..<width where pixels[row + x] != 0 {
                minX = min(minX, x)
                maxX = max(maxX, x)
                minY = min(minY, y)
                maxY = max(maxY, y)
            }
        }
        guard maxX >= 0 else { return nil }
        return BoundingBox(x: Double(minX), y: Double(minY), width: Double(maxX - minX + 1), height: Double(maxY - minY + 1))
    }
}
