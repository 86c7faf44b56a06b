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

    private func accumulate(category k: Int, precision: SharedBuffer<Double>, recall: SharedBuffer<Double>,
                            scores: SharedBuffer<Double>) {
        let pairCount = categoryCount * imageCount
        let slotCount = slotScores.count
        let (T, R, K, A, M) = (thresholdCount, recallThresholds.count, categoryCount, areaCount, maxDetections.count)
        let firstPair = k * imageCount
        var sorted = Array(slotStart[firstPair] ..< slotStart[firstPair + imageCount])
        sorted.sort { slotScores[$0] > slotScores[$1] || (slotScores[$0] == slotScores[$1] && $0 < $1) }
        var kept: [Int] = []
        var curve = PrecisionCurve(thresholdCount: T)
        for (mIndex, maxDet) in maxDetections.enumerated() {
            kept.removeAll(keepingCapacity: true)
            for slot in sorted where Int(slotRanks[slot]) < maxDet { kept.append(slot) }
            let detectionCount = kept.count
            for aIndex in 0..<A {
                var regular = 0
                for image in 0..<imageCount { regular += Int(regularCounts[aIndex * pairCount + firstPair + image]) }
                if regular == 0 { continue }
                let npig = Double(regular)
                curve.collect(kept: kept, matched: matched, ignored: ignored, offset: aIndex * slotCount)
                for tIndex in 0..<T {
                    let recallIndex = ((tIndex * K + k) * A + aIndex) * M + mIndex
                    recall[recallIndex] = detectionCount > 0 ? Double(curve.truePositiveTotal[tIndex]) / npig : 0
                    curve.sample(threshold: tIndex, detectionCount: detectionCount, npig: npig,
                                 recallThresholds: recallThresholds) { rIndex, precisionValue, position in
                        let index = (((tIndex * R + rIndex) * K + k) * A + aIndex) * M + mIndex
                        precision[index] = precisionValue
                        scores[index] = position.map { slotScores[kept[$0]] } ?? 0
                    }
                }
            }
        }
    }
}
