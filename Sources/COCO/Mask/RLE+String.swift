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
        let decoded = string.withUTF8 { bytes in RLE.decodeCounts(bytes, pixels: pixels) }
        switch decoded {
        case .success(let counts): self.init(height: height, width: width, counts: counts)
        case .failure(let error): throw error
        }
    }

    /// Checks a compressed counts string without keeping the runs (the JSON reader validates
    /// every result's mask at the boundary; the evaluator decodes it later).
    /// - Throws: ``InputError`` as ``init(compressedCounts:height:width:)``.
    static func validate(compressedCounts: String, height: Int, width: Int) throws(InputError) {
        let pixels = try RLE.pixelCount(height: height, width: width)
        var string = compressedCounts
        let decoded = string.withUTF8 { bytes in RLE.decodeCounts(bytes, pixels: pixels, keepingRuns: false) }
        if case .failure(let error) = decoded { throw error }
    }

    /// Decodes the string bytes of a compressed RLE; `pixels` is the required run total.
    /// With `keepingRuns` false only the checks run and the result is empty.
    static func decodeCounts(_ bytes: UnsafeBufferPointer<UInt8>, pixels: Int,
                             keepingRuns: Bool = true) -> Result<[UInt32], InputError> {
        func failure(_ message: String) -> Result<[UInt32], InputError> {
            .failure(InputError(field: "segmentation.counts", message: message))
        }
        var counts: [UInt32] = []
        if keepingRuns { counts.reserveCapacity(bytes.count) }
        var runCount = 0
        // The previous two runs: each run after the third is stored relative to run m-2.
        var previous: (Int, Int) = (0, 0)
        var total = 0
        var position = 0
        while position < bytes.count {
            var value = 0
            var shift = 0
            var more = true
            while more {
                guard position < bytes.count else { return failure("compressed counts end inside a value") }
                let byte = bytes[position]
                guard byte >= 48, byte <= 111 else {
                    return failure("invalid character \(RLE.describe(byte)) at offset \(position) of compressed counts")
                }
                guard shift <= 30 else { return failure("compressed counts value too long at offset \(position)") }
                let group = Int(byte - 48)
                value |= (group & 0x1f) << shift
                more = group & 0x20 != 0
                position += 1
                shift += 5
                if !more && group & 0x10 != 0 { value |= -1 << shift }
            }
            if runCount > 2 { value += previous.0 }
            guard value >= 0, value <= Int(UInt32.max) else {
                return failure("run \(runCount) of compressed counts decodes to \(value)")
            }
            total += value
            previous = (previous.1, value)
            runCount += 1
            if keepingRuns { counts.append(UInt32(value)) }
        }
        guard total == pixels else {
            return failure("runs sum to \(total), expected height*width = \(pixels)")
        }
        return .success(counts)
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
