import COCO

extension ImageMask {
    /// The mask in COCO's run-length encoding (column-major runs, background first), as
    /// pycocotools' `encode` builds it from a Fortran-ordered array.
    public var runLengthEncoded: RLE {
        var counts: [UInt32] = []
        var current: UInt8 = 0, run: UInt32 = 0
        for x in 0..<width {
            for y in 0..<height {
                let value = values[y * width + x]
                if value != current {
                    counts.append(run)
                    run = 0
                    current = value
                }
                run += 1
            }
        }
        counts.append(run)
        return RLE(height: height, width: width, counts: counts)
    }
}

extension RLE {
    /// pycocotools' compressed `counts` string (`rleToString` in maskApi.c): each count after
    /// the second is stored as the difference to the count two before, in 5-bit groups with a
    /// continuation bit, offset by 48 into printable ASCII.
    ///
    /// Kept here until the COCO library's own encoder lands; the bytes are checked against
    /// pycocotools in `Tests/Fixtures/model/rle.json`.
    public var compressedCountsString: String {
        var bytes: [UInt8] = []
        for index in counts.indices {
            var x = Int(counts[index])
            if index > 2 { x -= Int(counts[index - 2]) }
            var more = true
            while more {
                var c = UInt8(x & 0x1f)
                x >>= 5
                more = (c & 0x10) != 0 ? x != -1 : x != 0
                if more { c |= 0x20 }
                bytes.append(c + 48)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
