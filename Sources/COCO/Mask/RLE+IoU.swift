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

    /// `rleIou`'s ratio for one pair of equal-sized masks: 0 without overlap, else the
    /// intersection over the union, which for a crowd ground truth is the detection's area.
    /// The union is `|D| + |G| - |D ∩ G|` (what pycocotools' walk counts, in 32 bits), so only
    /// the intersection walks runs.
    private static func overlap(_ detection: RLE, _ truth: RLE, isCrowd: Bool) -> Double {
        let intersection = detection.counts.withUnsafeBufferPointer { a in
            truth.counts.withUnsafeBufferPointer { b in foregroundIntersection(a, b) }
        }
        return overlapRatio(intersection: intersection, detectionArea: detection.area,
                            truthArea: truth.area, isCrowd: isCrowd)
    }

    /// `rleIou`'s ratio from the pair's intersection and both masks' areas (pixels).
    package static func overlapRatio(intersection: Int, detectionArea: Int, truthArea: Int, isCrowd: Bool) -> Double {
        if intersection == 0 { return 0 }
        let union = isCrowd ? detectionArea : detectionArea + truthArea - intersection
        return Double(UInt32(truncatingIfNeeded: intersection)) / Double(UInt32(truncatingIfNeeded: union))
    }

    /// The number of pixels in the foreground of both run lists (same size, runs summing to
    /// h * w): the foreground intervals of each list are walked in step, and the walk stops
    /// when either list has no foreground left, so the pixels after the shorter mask's last
    /// foreground run are never visited.
    package static func foregroundIntersection(_ a: UnsafeBufferPointer<UInt32>,
                                               _ b: UnsafeBufferPointer<UInt32>) -> Int {
        // Interval k of a list is background run 2k, then foreground run 2k + 1.
        let endA = a.count / 2 * 2, endB = b.count / 2 * 2
        guard endA > 0, endB > 0 else { return 0 }
        var (indexA, indexB) = (2, 2)
        var startA = Int(a[0]), stopA = Int(a[0]) + Int(a[1])
        var startB = Int(b[0]), stopB = Int(b[0]) + Int(b[1])
        var total = 0
        while true {
            let overlap = Swift.min(stopA, stopB) - Swift.max(startA, startB)
            if overlap > 0 { total += overlap }
            if stopA < stopB {
                guard indexA < endA else { return total }
                startA = stopA + Int(a[indexA])
                stopA = startA + Int(a[indexA + 1])
                indexA += 2
            } else {
                guard indexB < endB else { return total }
                startB = stopB + Int(b[indexB])
                stopB = startB + Int(b[indexB + 1])
                indexB += 2
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
