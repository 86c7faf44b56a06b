import COCO

/// `computeIoU` for segm: `maskUtils.iou` (rleIou with its box prefilter; -1 for masks of
/// different sizes; a crowd GT's union is the detection's area).
enum MaskIoU {
    static func fill(_ result: inout [Double], detectionMasks: [RLE], detections: ArraySlice<Int>,
                     groundTruthMasks: [RLE], groundTruthRange: Range<Int>, isCrowd: [Bool]) {
        let overlaps = RLE.iou(detections: detections.map { detectionMasks[$0] },
                               groundTruths: groundTruthRange.map { groundTruthMasks[$0] },
                               isCrowd: Array(isCrowd[groundTruthRange]))
        result.replaceSubrange(0..<overlaps.count, with: overlaps)
    }
}
