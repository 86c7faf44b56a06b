import COCO

extension BinaryMask {
    /// The mask as a COCO RLE segmentation (column-major runs, background first).
    ///
    /// Until the COCO library's RLE encoder is merged this writes uncompressed counts, a format
    /// pycocotools reads (COCO itself stores crowd regions that way).
    public var rleSegmentation: Segmentation {
        var counts: [UInt32] = []
        var current: UInt8 = 0
        var run: UInt32 = 0
        for x in 0..<width {
            for y in 0..<height {
                let value: UInt8 = pixels[y * width + x] != 0 ? 1 : 0
                if value != current {
                    counts.append(run)
                    run = 0
                    current = value
                }
                run += 1
            }
        }
        counts.append(run)
        return .uncompressedRLE(height: height, width: width, counts: counts)
    }
}
