import COCO

/// `rleIou` over every (detection, GT) pair. Waits for the COCO target's `RLE.iou`.
enum MaskIoU {
    static func fill(_ result: inout [Double], detectionMasks: [RLE], detections: ArraySlice<Int>,
                     groundTruthMasks: [RLE], groundTruthRange: Range<Int>, isCrowd: [Bool]) {}
}
