/// Encoding binary masks to runs and back, and the per-mask measures (`rleEncode`, `rleDecode`,
/// `rleArea`, `rleToBbox` in pycocotools).
extension RLE {
    /// Encodes a column-major mask (index = x * height + y); any nonzero byte is foreground.
    ///
    /// pycocotools starts a new run at every change of byte *value*; for 0/1 masks (the only
    /// ones it documents) the runs are identical.
    /// - Precondition: `columnMajorMask.count == height * width`.
    public init(columnMajorMask: [UInt8], height: Int, width: Int) {
        precondition(height >= 0 && width >= 0 && columnMajorMask.count == height * width,
                     "mask has \(columnMajorMask.count) bytes, expected \(height) x \(width)")
        var encoder = RunEncoder()
        for byte in columnMajorMask { encoder.append(byte != 0) }
        self.init(height: height, width: width, counts: encoder.finish())
    }

    /// Encodes an image-layout mask (row-major, index = y * width + x); nonzero is foreground.
    /// - Precondition: `rowMajorMask.count == height * width`.
    public init(rowMajorMask: [UInt8], height: Int, width: Int) {
        precondition(height >= 0 && width >= 0 && rowMajorMask.count == height * width,
                     "mask has \(rowMajorMask.count) bytes, expected \(height) x \(width)")
        var encoder = RunEncoder()
        for x in 0..<width {
            for y in 0..<height { encoder.append(rowMajorMask[y * width + x] != 0) }
        }
        self.init(height: height, width: width, counts: encoder.finish())
    }

    /// The mask as column-major 0/1 bytes (index = x * height + y).
    public func decodedColumnMajor() -> [UInt8] {
        let pixels = height * width
        return [UInt8](unsafeUninitializedCapacity: pixels) { buffer, initialized in
            var position = 0
            var value: UInt8 = 0
            for run in counts {
                // Runs are validated to sum to h*w; clamp anyway so a hand-built RLE cannot overrun.
                let end = min(position + Int(run), pixels)
                if end > position {
                    (buffer.baseAddress! + position).initialize(repeating: value, count: end - position)
                }
                position = end
                value ^= 1
            }
            if position < pixels {
                (buffer.baseAddress! + position).initialize(repeating: 0, count: pixels - position)
            }
            initialized = pixels
        }
    }

    /// The mask as row-major (image layout) 0/1 bytes (index = y * width + x).
    public func decodedRowMajor() -> [UInt8] {
        let columnMajor = decodedColumnMajor()
        var rowMajor = [UInt8](repeating: 0, count: columnMajor.count)
        for x in 0..<width {
            for y in 0..<height { rowMajor[y * width + x] = columnMajor[x * height + y] }
        }
        return rowMajor
    }

    /// The number of foreground pixels (the sum of the odd-indexed runs), as `rleArea`.
    public var area: Int {
        counts.withUnsafeBufferPointer { RLE.area(runs: $0) }
    }

    /// The tight box `[x, y, width, height]` of the foreground, as pycocotools >= 2.0.3's
    /// `rleToBbox` computes it (32-bit unsigned arithmetic included).
    ///
    /// A foreground run that crosses a column boundary widens the box to the full height.
    /// An RLE with fewer than two runs gives a zero box; one with only zero-length foreground
    /// runs gives pycocotools' wrapped-around sizes (`2^32 - width + 1`), reproduced on purpose.
    public var boundingBox: BoundingBox {
        counts.withUnsafeBufferPointer { RLE.boundingBox(runs: $0, height: height, width: width) }
    }

    /// ``boundingBox`` of runs summing to `height * width` (the type's invariant).
    ///
    /// Pixel positions are located by walking columns (a division only for a jump of two or more
    /// columns) instead of pycocotools' two divisions per position: same boxes, a few times faster.
    package static func boundingBox(runs counts: UnsafeBufferPointer<UInt32>, height: Int, width: Int) -> BoundingBox {
        let runCount = counts.count / 2 * 2
        guard runCount > 0, height > 0 else { return BoundingBox(x: 0, y: 0, width: 0, height: 0) }
        let h = height
        var xs = width, ys = h, xe = 0, ye = 0
        var column = ColumnLocator(height: h)
        var end = 0
        var index = 0
        while index < runCount {
            let start = end + Int(counts[index])
            let run = Int(counts[index + 1])
            end = start + run
            index += 2
            if run == 0 { continue }
            let (xStart, yStart) = column.locate(start)
            let (xEnd, yEnd) = column.locate(end - 1)
            xs = Swift.min(xs, xStart)
            xe = Swift.max(xe, xEnd)
            if xStart < xEnd {
                ys = 0
                ye = h - 1
            } else {
                ys = Swift.min(ys, yStart)
                ye = Swift.max(ye, yEnd)
            }
        }
        // pycocotools' 32-bit sizes: no foreground gives `2^32 - width + 1` wide, kept on purpose.
        let (x0, y0, x1, y1) = (UInt32(truncatingIfNeeded: xs), UInt32(truncatingIfNeeded: ys),
                                UInt32(truncatingIfNeeded: xe), UInt32(truncatingIfNeeded: ye))
        return BoundingBox(x: Double(x0), y: Double(y0), width: Double(x1 &- x0 &+ 1), height: Double(y1 &- y0 &+ 1))
    }

    /// ``area`` of runs read in place.
    package static func area(runs counts: UnsafeBufferPointer<UInt32>) -> Int {
        var total = 0
        var index = 1
        while index < counts.count {
            total += Int(counts[index])
            index += 2
        }
        return total
    }
}

/// Column and row of non-decreasing column-major pixel positions (`rleToBbox`'s `% h`, `/ h`).
private struct ColumnLocator {
    let height: Int
    var column = 0
    var columnStart = 0

    init(height: Int) { self.height = height }

    @inline(__always)
    mutating func locate(_ position: Int) -> (x: Int, y: Int) {
        var offset = position - columnStart
        if offset >= height {
            let columns = offset < 2 * height ? 1 : offset / height
            column += columns
            columnStart += columns * height
            offset -= columns * height
        }
        return (column, offset)
    }
}

/// Accumulates alternating runs from a stream of foreground flags, background first.
struct RunEncoder {
    private(set) var counts: [UInt32] = []
    private var foreground = false
    private var run: UInt32 = 0

    mutating func append(_ isForeground: Bool) {
        if isForeground != foreground {
            counts.append(run)
            run = 0
            foreground = isForeground
        }
        run &+= 1
    }

    mutating func finish() -> [UInt32] {
        counts.append(run)
        return counts
    }
}
