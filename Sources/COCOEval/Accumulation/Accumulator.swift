/// pycocotools' `accumulate`: per (category, area range, max detections), the precision/recall
/// curve over all images, sampled at the recall thresholds.
///
/// Detections of a category are sorted once by (score descending, slot): slots are laid out in
/// image order and, within an image, in `evaluateImg`'s stable score order, so this equals
/// numpy's stable argsort of the concatenation for every `maxDet` (a smaller `maxDet` keeps a
/// subsequence).
struct Accumulator {
    let thresholdCount: Int
    let recallThresholds: [Double]
    let maxDetections: [Int]
    let areaCount: Int
    let categoryCount: Int
    let imageCount: Int
    /// Slot range of pair `k * imageCount + i` is `slotStart[p] ..< slotStart[p + 1]`.
    let slotStart: [Int]
    let slotScores: [Double]
    /// Position of a slot's detection in its image's score order.
    let slotRanks: [Int32]
    /// `matched[a * slotCount + slot]`, threshold bit masks.
    let matched: [UInt32]
    let ignored: [UInt32]
    /// `regularCounts[a * pairCount + p]`: GTs not ignored.
    let regularCounts: [Int32]

    struct Tables {
        var precision: [Double]
        var recall: [Double]
        var scores: [Double]
    }

    func run(threads: Int) -> Tables {
        let (t, r, k, a, m) = (thresholdCount, recallThresholds.count, categoryCount, areaCount, maxDetections.count)
        let precision = SharedBuffer(repeating: -1.0, count: t * r * k * a * m)
        let recall = SharedBuffer(repeating: -1.0, count: t * k * a * m)
        let scores = SharedBuffer(repeating: -1.0, count: t * r * k * a * m)
        ParallelLoop.run(chunkCount: k, threads: threads) { category in
            accumulate(category: category, precision: precision, recall: recall, scores: scores)
        }
        return Tables(precision: precision.finish(), recall: recall.finish(), scores: scores.finish())
    }

    /// `slots` ordered by descending score, ties by slot: numpy's stable argsort of -scores.
    ///
    /// Sorts (key, slot) pairs by value rather than indices through a comparison closure that
    /// reads `scores` (half the accumulate time). The key maps a score to an unsigned integer
    /// that falls as the score rises; -0.0 is folded into 0.0, which compares equal to it.
    static func sortedByScore(slots: Range<Int>, scores: [Double]) -> [Int] {
        var entries = slots.map { slot -> (key: UInt64, slot: Int) in
            let bits = (scores[slot] + 0.0).bitPattern
            let ascending = bits >> 63 == 1 ? ~bits : bits | (1 << 63)
            return (~ascending, slot)
        }
        entries.sort { $0.key < $1.key || ($0.key == $1.key && $0.slot < $1.slot) }
        return entries.map(\.slot)
    }

    private func accumulate(category k: Int, precision: SharedBuffer<Double>, recall: SharedBuffer<Double>,
                            scores: SharedBuffer<Double>) {
        let pairCount = categoryCount * imageCount
        let slotCount = slotScores.count
        let (T, R, K, A, M) = (thresholdCount, recallThresholds.count, categoryCount, areaCount, maxDetections.count)
        let firstPair = k * imageCount
        let sorted = Self.sortedByScore(slots: slotStart[firstPair] ..< slotStart[firstPair + imageCount], scores: slotScores)
        // npig per area range: the same for every maxDet.
        let regularByArea = (0..<A).map { aIndex in
            regularCounts[(aIndex * pairCount + firstPair) ..< (aIndex * pairCount + firstPair + imageCount)]
                .reduce(0) { $0 + Int($1) }
        }
        var kept: [Int] = []
        var curve = PrecisionCurve(thresholdCount: T)
        for (mIndex, maxDet) in maxDetections.enumerated() {
            kept.removeAll(keepingCapacity: true)
            for slot in sorted where Int(slotRanks[slot]) < maxDet { kept.append(slot) }
            let detectionCount = kept.count
            for aIndex in 0..<A {
                let regular = regularByArea[aIndex]
                if regular == 0 { continue }
                let npig = Double(regular)
                curve.collect(kept: kept, matched: matched, ignored: ignored, offset: aIndex * slotCount)
                for tIndex in 0..<T {
                    let recallIndex = ((tIndex * K + k) * A + aIndex) * M + mIndex
                    recall[recallIndex] = detectionCount > 0 ? Double(curve.truePositiveTotal[tIndex]) / npig : 0
                    // precision[t][r][k][a][m]: consecutive r are K * A * M apart.
                    curve.sample(threshold: tIndex, detectionCount: detectionCount, npig: npig,
                                 recallThresholds: recallThresholds, precision: precision, scores: scores,
                                 start: ((tIndex * R * K + k) * A + aIndex) * M + mIndex, stride: K * A * M,
                                 keptSlots: kept, slotScores: slotScores)
                }
            }
        }
    }
}
