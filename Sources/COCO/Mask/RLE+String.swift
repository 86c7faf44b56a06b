/// pycocotools' compressed counts string (`rleToString` / `rleFrString`): each run, after the
/// third stored as the difference to the run two before, in little-endian 5-bit groups with a
/// continuation flag (0x20) and a sign bit (0x10) in the last group, offset by 48 ('0'...'o').
extension RLE {
    /// Decodes a compressed counts string, checking every character, that no value is cut
    /// short, that every run lies in `0...UInt32.max` and that the runs sum to `height * width`.
    ///
    /// Works on the UTF-8 bytes directly (the evaluator decodes 500k of these per run).
    /// - Throws: ``InputError`` with field `segmentation.counts` or `segmentation.size`.
    public init(compressedCounts: String, height: Int, width: Int) throws(InputError) {
        let pixels = try RLE.pixelCount(height: height, width: width)
        var string = compressedCounts
        let decoded = string.withUTF8 { bytes -> Result<[UInt32], InputError> in
            // Each run ends with one byte without the continuation flag: count them to allocate
            // exactly (the bytes are checked while decoding; this count is an upper bound).
            var capacity = 0
            for byte in bytes where (byte &- 48) & 0x20 == 0 { capacity += 1 }
            var failure: InputError?
            let counts = [UInt32](unsafeUninitializedCapacity: capacity) { buffer, initialized in
                switch RLE.decodeCounts(bytes, pixels: pixels, into: buffer) {
                case .success(let summary): initialized = summary.runCount
                case .failure(let error): failure = error; initialized = 0
                }
            }
            if let failure { return .failure(failure) }
            return .success(counts)
        }
        switch decoded {
        case .success(let counts): self.init(height: height, width: width, counts: counts)
        case .failure(let error): throw error
        }
    }

    /// The runs of compressed counts bytes already checked by ``decodeCounts(_:pixels:into:)``
    /// (the results parser keeps the text of each mask and decodes the ones an evaluation walks).
    package static func runs(checkedCompressedCounts bytes: UnsafeBufferPointer<UInt8>) -> [UInt32] {
        var runs: [UInt32] = []
        appendRuns(checkedCompressedCounts: bytes, to: &runs)
        return runs
    }

    /// Appends the runs of checked compressed counts bytes to `runs` (a reused buffer: the
    /// evaluator decodes each detection's mask into its worker's scratch).
    package static func appendRuns(checkedCompressedCounts bytes: UnsafeBufferPointer<UInt8>, to runs: inout [UInt32]) {
        // Room for one run per byte, written in place, then trimmed to the runs decoded.
        let start = runs.count
        runs.append(contentsOf: repeatElement(0, count: bytes.count))
        let decoded = runs.withUnsafeMutableBufferPointer { buffer in
            decodeWellFormedCounts(bytes, into: UnsafeMutableBufferPointer(rebasing: buffer[start...]))
        }
        runs.removeLast(bytes.count - (decoded?.runCount ?? 0))
    }

    /// Checks a compressed counts string without keeping the runs (the JSON reader validates
    /// every result's mask at the boundary; the evaluator decodes it later).
    /// - Throws: ``InputError`` as ``init(compressedCounts:height:width:)``.
    static func validate(compressedCounts: String, height: Int, width: Int) throws(InputError) {
        _ = try foregroundArea(compressedCounts: compressedCounts, height: height, width: width)
    }

    /// The mask's area (foreground pixels, as ``area``) read straight from a compressed counts
    /// string, without allocating its runs: the evaluator needs every result's area but the runs
    /// only of results in (image, category) pairs that have ground truths.
    /// - Throws: ``InputError`` as ``init(compressedCounts:height:width:)``.
    public static func foregroundArea(compressedCounts: String, height: Int, width: Int) throws(InputError) -> Int {
        let pixels = try RLE.pixelCount(height: height, width: width)
        var string = compressedCounts
        let decoded = string.withUTF8 { bytes in RLE.decodeCounts(bytes, pixels: pixels, into: nil) }
        switch decoded {
        case .success(let summary): return summary.area
        case .failure(let error): throw error
        }
    }

    /// Decodes the string bytes of a compressed RLE into `runs` (when given; it must hold one
    /// entry per byte without the 0x20 flag); `pixels` is the required run total.
    /// Returns the number of runs and the foreground area.
    static func decodeCounts(_ bytes: UnsafeBufferPointer<UInt8>, pixels: Int,
                             into runs: UnsafeMutableBufferPointer<UInt32>?) -> Result<(runCount: Int, area: Int), InputError> {
        if let decoded = decodeWellFormedCounts(bytes, into: runs), decoded.total == pixels {
            return .success((decoded.runCount, decoded.area))
        }
        // The careful walk, for the exact error.
        func failure(_ message: String) -> Result<(runCount: Int, area: Int), InputError> {
            .failure(InputError(field: "segmentation.counts", message: message))
        }
        var runCount = 0
        // The previous two runs: each run after the third is stored relative to run m-2.
        var (older, previous) = (0, 0)
        var total = 0
        var area = 0
        var position = 0
        let count = bytes.count
        while position < count {
            var value = 0
            var shift = 0
            var group: Int
            repeat {
                guard position < count else { return failure("compressed counts end inside a value") }
                group = Int(bytes[position]) &- 48
                guard group >= 0, group < 64 else {
                    return failure("invalid character \(RLE.describe(bytes[position])) at offset \(position) of compressed counts")
                }
                guard shift <= 30 else { return failure("compressed counts value too long at offset \(position)") }
                value |= (group & 0x1f) << shift
                position += 1
                shift += 5
            } while group & 0x20 != 0
            if group & 0x10 != 0 { value |= -1 << shift }
            if runCount > 2 { value += older }
            guard value >= 0, value <= Int(UInt32.max) else {
                return failure("run \(runCount) of compressed counts decodes to \(value)")
            }
            total += value
            area += value & -(runCount & 1)   // odd runs are foreground
            (older, previous) = (previous, value)
            runs?[runCount] = UInt32(truncatingIfNeeded: value)
            runCount += 1
        }
        guard total == pixels else {
            return failure("runs sum to \(total), expected height*width = \(pixels)")
        }
        return .success((runCount, area))
    }

    /// ``decodeCounts(_:pixels:into:)``'s fast path: the bytes are range-checked in one
    /// vectorisable pass first, so the walk checks only value lengths and run ranges. Nil for any
    /// check that fails (the caller then walks again for the error); the run total is returned,
    /// not checked.
    static func decodeWellFormedCounts(_ bytes: UnsafeBufferPointer<UInt8>, into runs: UnsafeMutableBufferPointer<UInt32>?)
        -> (runCount: Int, area: Int, total: Int)? {
        var outside: UInt8 = 0
        for byte in bytes { outside |= (byte &- 48) & 0xc0 }   // nonzero unless every byte is in '0'...'o'
        guard outside == 0 else { return nil }
        var (runCount, older, previous, total, area) = (0, 0, 0, 0, 0)
        var position = 0
        let count = bytes.count
        while position < count {
            var group = Int(bytes[position]) &- 48
            position += 1
            var value = group & 0x1f
            var shift = 5
            while group & 0x20 != 0 {
                guard position < count, shift <= 30 else { return nil }
                group = Int(bytes[position]) &- 48
                value |= (group & 0x1f) << shift
                position += 1
                shift += 5
            }
            if group & 0x10 != 0 { value |= -1 << shift }
            // Wrapping adds: |value| < 2^35 and each sum adds a run below 2^32 per byte read.
            if runCount > 2 { value &+= older }
            guard UInt(bitPattern: value) <= UInt(UInt32.max) else { return nil }
            total &+= value
            area &+= value & -(runCount & 1)   // odd runs are foreground
            (older, previous) = (previous, value)
            runs?[runCount] = UInt32(truncatingIfNeeded: value)
            runCount &+= 1
        }
        return (runCount, area, total)
    }

    private static func describe(_ byte: UInt8) -> String {
        byte >= 32 && byte < 127 ? "'\(Character(Unicode.Scalar(byte)))'" : "0x\(String(byte, radix: 16))"
    }

    /// The compressed counts string pycocotools' `rleToString` writes for these runs.
    public var compressedCounts: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(counts.count * 2)
        for index in counts.indices {
            var value = Int(counts[index])
            if index > 2 { value -= Int(counts[index - 2]) }
            var more = true
            while more {
                var group = UInt8(truncatingIfNeeded: value & 0x1f)
                value >>= 5
                more = group & 0x10 != 0 ? value != -1 : value != 0
                if more { group |= 0x20 }
                bytes.append(group + 48)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
