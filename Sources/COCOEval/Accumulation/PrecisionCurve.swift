/// The precision/recall curve of one (category, area range, max detections) cell, kept only at
/// the points `accumulate` can sample.
///
/// pycocotools builds `tp`/`fp` cumulative sums over all nd detections, takes the right-to-left
/// running maximum of precision and samples it at `searchsorted(rc, recThrs, 'left')`. Recall
/// only rises at true positives, so every sampled index is 0 or a true positive; and between
/// true positives precision never rises (a false positive lowers it, an ignored detection
/// repeats it). So the running maximum at a sampled point is the maximum over the true positives
/// from there on, and the same doubles come out of `O(true positives)` work per threshold
/// instead of `O(nd)`.
struct PrecisionCurve {
    /// One candidate sample point: a detection position with its cumulative counts.
    struct Point {
        var position: Int
        var truePositives: Int
        var precision: Double
    }

    let thresholdCount: Int
    /// Candidate points per threshold: position 0, then every true positive.
    private(set) var points: [[Point]]
    /// True positives over all detections, per threshold.
    private(set) var truePositiveTotal: [Int]
    private var ignoredBefore: [Int]

    init(thresholdCount: Int) {
        self.thresholdCount = thresholdCount
        points = Array(repeating: [], count: thresholdCount)
        truePositiveTotal = Array(repeating: 0, count: thresholdCount)
        ignoredBefore = Array(repeating: 0, count: thresholdCount)
    }

    /// Walks the score-sorted detections once for all thresholds.
    mutating func collect(kept: [Int], matched: [UInt32], ignored: [UInt32], offset: Int) {
        let all: UInt32 = thresholdCount == 32 ? .max : (1 << UInt32(thresholdCount)) - 1
        for t in 0..<thresholdCount {
            points[t].removeAll(keepingCapacity: true)
            truePositiveTotal[t] = 0
            ignoredBefore[t] = 0
        }
        var ignoredByAll = 0
        for (position, slot) in kept.enumerated() {
            let ignoredBits = ignored[offset + slot] & all
            if ignoredBits == all {
                ignoredByAll += 1
                if position == 0 { addOrigin() }
                continue
            }
            var partiallyIgnored = ignoredBits
            while partiallyIgnored != 0 {
                let t = partiallyIgnored.trailingZeroBitCount
                ignoredBefore[t] += 1
                partiallyIgnored &= partiallyIgnored - 1
            }
            let truePositiveBits = matched[offset + slot] & ~ignoredBits & all
            if position == 0 { addOrigin(except: truePositiveBits) }
            var remaining = truePositiveBits
            while remaining != 0 {
                let t = remaining.trailingZeroBitCount
                remaining &= remaining - 1
                truePositiveTotal[t] += 1
                let tp = truePositiveTotal[t]
                let fp = position + 1 - tp - ignoredBefore[t] - ignoredByAll
                points[t].append(Point(position: position, truePositives: tp,
                                       precision: Double(tp) / (Double(fp + tp) + 0x1p-52)))
            }
        }
    }

    /// Position 0 with no true positive yet has precision 0 / (fp + ε) = 0.
    private mutating func addOrigin(except truePositiveBits: UInt32 = 0) {
        for t in 0..<thresholdCount where truePositiveBits & (1 << UInt32(t)) == 0 {
            points[t].append(Point(position: 0, truePositives: 0, precision: 0))
        }
    }

    /// Samples the curve at every recall threshold r and writes precision and score (that of
    /// the detection sampled) at `start + r * stride`; 0 and 0 where the threshold is never
    /// reached. `keptSlots` maps a detection position to its slot, `slotScores` a slot to its score.
    mutating func sample(threshold t: Int, detectionCount: Int, npig: Double, recallThresholds: [Double],
                         precision: SharedBuffer<Double>, scores: SharedBuffer<Double>, start: Int, stride: Int,
                         keptSlots: [Int], slotScores: [Double]) {
        var candidates = points[t]
        points[t] = []   // unshare, so the running maximum below writes in place
        // Running maximum from the right.
        var best = -Double.infinity
        for index in candidates.indices.reversed() {
            best = Swift.max(best, candidates[index].precision)
            candidates[index].precision = best
        }
        var index = 0
        var output = start
        let count = detectionCount > 0 ? candidates.count : 0
        for threshold in recallThresholds {
            while index < count && Double(candidates[index].truePositives) / npig < threshold { index += 1 }
            if index < count {
                precision[output] = candidates[index].precision
                scores[output] = slotScores[keptSlots[candidates[index].position]]
            } else {
                precision[output] = 0
                scores[output] = 0
            }
            output += stride
        }
        points[t] = candidates
    }
}
