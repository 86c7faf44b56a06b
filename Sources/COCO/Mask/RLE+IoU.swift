/// Intersection over union of masks and of boxes (`rleIou`, `bbIou` in pycocotools).
extension RLE {
    /// The IoU of every detection with every ground truth, `detections.count x groundTruths.count`
    /// row-major (`result[d * groundTruths.count + g]`), as `maskUtils.iou`.
    ///
    /// Pairs whose `boundingBox`es do not overlap are 0 without walking runs; masks of different
    /// sizes give -1; for a crowd ground truth the union is the detection's area.
    /// - Precondition: `isCrowd.count == groundTruths.count`.
    public static func iou(detections: [RLE], groundTruths: [RLE], isCrowd: [Bool]) -> [Double] {
        precondition(isCrowd.count == groundTruths.count, "one crowd flag per ground truth")
        var result = BoundingBox.iou(detections: detections.map(\.boundingBox),
                                     groundTruths: groundTruths.map(\.boundingBox), isCrowd: isCrowd)
        let columns = groundTruths.count
        for (d, detection) in detections.enumerated() {
            for (g, truth) in groundTruths.enumerated() where result[d * columns + g] > 0 {
                guard detection.height == truth.height, detection.width == truth.width else {
                    result[d * columns + g] = -1
                    continue
                }
                result[d * columns + g] = overlap(detection, truth, isCrowd: isCrowd[g])
            }
        }
        return result
    }

    /// Walks both run lists once, counting intersection and union pixels (32-bit, as pycocotools).
    private static func overlap(_ detection: RLE, _ truth: RLE, isCrowd: Bool) -> Double {
        detection.counts.withUnsafeBufferPointer { a in
            truth.counts.withUnsafeBufferPointer { b in
                var cursorA = RunCursor(detection.counts), cursorB = RunCursor(truth.counts)
                var intersection: UInt32 = 0, union: UInt32 = 0
                var pending = true
                while pending {
                    let step = Swift.min(cursorA.remaining, cursorB.remaining)
                    if cursorA.value || cursorB.value {
                        union &+= step
                        if cursorA.value && cursorB.value { intersection &+= step }
                    }
                    cursorA.advance(by: step, in: a)
                    cursorB.advance(by: step, in: b)
                    pending = !cursorA.isFinished(in: a) || !cursorB.isFinished(in: b)
                }
                if intersection == 0 { return 0 }
                if isCrowd { union = UInt32(truncatingIfNeeded: detection.area) }
                return Double(intersection) / Double(union)
            }
        }
    }
}

extension BoundingBox {
    /// The IoU of every detection box with every ground-truth box, `D x G` row-major, as
    /// pycocotools' `bbIou` (no "+1"; for a crowd ground truth the union is the detection's area).
    /// - Precondition: `isCrowd.count == groundTruths.count`.
    public static func iou(detections: [BoundingBox], groundTruths: [BoundingBox], isCrowd: [Bool]) -> [Double] {
        precondition(isCrowd.count == groundTruths.count, "one crowd flag per ground truth")
        let columns = groundTruths.count
        var result = [Double](repeating: 0, count: detections.count * columns)
        for (g, truth) in groundTruths.enumerated() {
            for (d, detection) in detections.enumerated() {
                result[d * columns + g] = iou(detection, truth, isCrowd: isCrowd[g])
            }
        }
        return result
    }

    /// The IoU of one detection box with one ground-truth box, as `bbIou` computes each entry
    /// (0 when they do not overlap; for a crowd ground truth the union is the detection's area).
    @inlinable
    public static func iou(_ detection: BoundingBox, _ truth: BoundingBox, isCrowd: Bool) -> Double {
        let w = Swift.min(detection.width + detection.x, truth.width + truth.x) - Swift.max(detection.x, truth.x)
        if w <= 0 { return 0 }
        let h = Swift.min(detection.height + detection.y, truth.height + truth.y) - Swift.max(detection.y, truth.y)
        if h <= 0 { return 0 }
        let detectionArea = detection.width * detection.height
        let intersection = w * h
        let union = isCrowd ? detectionArea : detectionArea + truth.width * truth.height - intersection
        return intersection / union
    }
}
