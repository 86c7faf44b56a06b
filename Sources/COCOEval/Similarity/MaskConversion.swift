import COCO

/// `annToRLE`: polygons (merged), uncompressed RLE (its own size) or compressed RLE, as a mask.
enum MaskConversion {
    static func rle(_ segmentation: Segmentation, height: Int, width: Int,
                    check: RecordValidator) throws(InputError) -> RLE {
        // Waits for the COCO target's RLE API (branch coco-core): RLE(segmentation:height:width:).
        throw check.error("segmentation", "segm evaluation needs the RLE mask API, not merged yet")
    }
}

extension RLE {
    /// Mask area in pixels (sum of the foreground runs). Replaced by the COCO target's `area`.
    var area: UInt32 { stride(from: 1, to: counts.count, by: 2).reduce(0) { $0 + counts[$1] } }
    /// Replaced by the COCO target's `boundingBox`.
    var boundingBox: BoundingBox { BoundingBox(x: 0, y: 0, width: 0, height: 0) }
}

/// `rleIou` over every (detection, GT) pair. Waits for the COCO target's `RLE.iou`.
enum MaskIoU {
    static func fill(_ result: inout [Double], detectionMasks: [RLE], detections: ArraySlice<Int>,
                     groundTruthMasks: [RLE], groundTruthRange: Range<Int>, isCrowd: [Bool]) {}
}
