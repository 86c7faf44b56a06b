/// pycocotools' `evaluateImg` for one (image, category) pair and one area range: greedy matching
/// of score-sorted detections to GTs at every IoU threshold.
///
/// Results are bit masks over thresholds (bit t = threshold t), one per detection:
/// - `matched`: matched to a GT whose id is nonzero (pycocotools stores GT ids and reads 0 as
///   "unmatched", so a GT with id 0 never counts; negative ids do);
/// - `ignored`: matched to an ignored GT, or unmatched and outside the area range.
struct ImageMatcher {
    let thresholds: [Double]
    // Scratch reused across pairs.
    private var order: [Int] = []
    private var groundTruthIgnored: [Bool] = []
    private var taken: [Bool] = []

    init(thresholds: [Double]) {
        precondition(thresholds.count <= 32, "threshold bit masks hold 32 thresholds")
        self.thresholds = thresholds
    }

    /// Matches one pair.
    ///
    /// - Parameters:
    ///   - ious: D x G row-major, GT in bucket order; empty means "no matrix" (no matching).
    ///   - bestIoUs: each detection's largest IoU (row maxima of `ious`).
    ///   - detectionAreas: area of each of the D detections, in score order.
    ///   - matched, ignored: D masks each, written at `offset ..< offset + D`.
    /// - Returns: the number of GTs that are not ignored in `range` (pycocotools' npig share).
    mutating func match(
        ious: [Double], bestIoUs: [Double], groundTruths: InstanceTable, groundTruthRange: Range<Int>,
        detectionAreas: ArraySlice<Double>, range: AreaRange,
        matched: SharedBuffer<UInt32>, ignored: SharedBuffer<UInt32>, offset: Int
    ) -> Int {
        let groundTruthCount = groundTruthRange.count
        let detectionCount = detectionAreas.count
        // GTs that are not ignored first, stable (argsort of _ignore, mergesort).
        order.removeAll(keepingCapacity: true)
        groundTruthIgnored.removeAll(keepingCapacity: true)
        var regular = 0
        for row in groundTruthRange {
            let ignore = groundTruths.isIgnored[row] || range.excludes(groundTruths.areas[row])
            groundTruthIgnored.append(ignore)
            if !ignore { order.append(row - groundTruthRange.lowerBound); regular += 1 }
        }
        for g in 0..<groundTruthCount where groundTruthIgnored[g] { order.append(g) }

        let matchedBase = offset, ignoredBase = offset
        for d in 0..<detectionCount {
            matched[matchedBase + d] = 0
            ignored[ignoredBase + d] = 0
        }
        if !ious.isEmpty {
            taken.removeAll(keepingCapacity: true)
            taken.append(contentsOf: repeatElement(false, count: thresholds.count * groundTruthCount))
            for (t, threshold) in thresholds.enumerated() {
                let takenBase = t * groundTruthCount
                for d in 0..<detectionCount {
                    var best = min(threshold, 1 - 1e-10)
                    // A detection whose best IoU is below the threshold cannot match: skip it.
                    if bestIoUs[d] < best { continue }
                    var match = -1
                    let iouBase = d * groundTruthCount
                    for (position, g) in order.enumerated() {
                        if taken[takenBase + position] && !groundTruths.isCrowd[groundTruthRange.lowerBound + g] {
                            continue
                        }
                        // A match to a regular GT stops at the ignored block.
                        if match > -1 && !groundTruthIgnored[order[match]] && groundTruthIgnored[g] { break }
                        let iou = ious[iouBase + g]
                        if iou < best { continue }
                        best = iou
                        match = position
                    }
                    guard match >= 0 else { continue }
                    let g = order[match]
                    taken[takenBase + match] = true
                    let bit = UInt32(1) << UInt32(t)
                    if groundTruthIgnored[g] { ignored[ignoredBase + d] |= bit }
                    if groundTruths.ids[groundTruthRange.lowerBound + g] != 0 { matched[matchedBase + d] |= bit }
                }
            }
        }
        // Unmatched detections outside the area range are ignored.
        let all = thresholds.count == 32 ? UInt32.max : (UInt32(1) << UInt32(thresholds.count)) - 1
        for d in 0..<detectionCount where range.excludes(detectionAreas[detectionAreas.startIndex + d]) {
            ignored[ignoredBase + d] |= all & ~matched[matchedBase + d]
        }
        return regular
    }
}
