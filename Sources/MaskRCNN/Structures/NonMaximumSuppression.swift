/// Greedy non-maximum suppression and top-k, with torchvision's semantics.
public enum NonMaximumSuppression {
    /// Indices of `scores` from highest to lowest; equal scores keep their input order (the
    /// stable descending sort torchvision's NMS uses; -0 and +0 are equal). Scores must not be NaN.
    public static func order(_ scores: [Float]) -> [Int] {
        var keys = rankKeys(scores)
        keys.sort()
        return keys.map { Int($0 & 0xFFFF_FFFF) }
    }

    /// One distinct integer per score whose ascending order is (score descending, index
    /// ascending): a primitive sort key, several times faster than a comparator closure.
    private static func rankKeys(_ scores: [Float]) -> [UInt64] {
        precondition(scores.count <= Int(UInt32.max), "at most 2^32 scores")
        return [UInt64](unsafeUninitializedCapacity: scores.count) { keys, initialized in
            for index in scores.indices {
                keys[index] = (UInt64(~orderedBits(scores[index])) << 32) | UInt64(index)
            }
            initialized = scores.count
        }
    }

    /// The bits of `value` as an unsigned integer that orders like the value (+0 for -0).
    private static func orderedBits(_ value: Float) -> UInt32 {
        let bits = (value == 0 ? Float(0) : value).bitPattern
        return bits & 0x8000_0000 != 0 ? ~bits : bits | 0x8000_0000
    }

    /// "Index `a` ranks before index `b`": higher score first, lower index on ties.
    static func ranking(_ scores: [Float]) -> (Int, Int) -> Bool {
        { a, b in scores[a] > scores[b] || (scores[a] == scores[b] && a < b) }
    }

    /// The indices of the `k` highest scores, highest first (ties: lower index first).
    ///
    /// Selects before sorting (O(n + k log k)), since the RPN keeps e.g. 1000 of 12k anchors.
    public static func topK(_ scores: [Float], _ k: Int) -> [Int] {
        guard k < scores.count else { return order(scores) }
        guard k > 0 else { return [] }
        var keys = rankKeys(scores)
        selectSmallest(&keys, count: k)
        var top = Array(keys[..<k])
        top.sort()
        return top.map { Int($0 & 0xFFFF_FFFF) }
    }

    /// Reorders distinct `keys` so that the first `count` are the smallest (Hoare's selection
    /// with a median-of-three pivot; deterministic).
    private static func selectSmallest(_ keys: inout [UInt64], count: Int) {
        keys.withUnsafeMutableBufferPointer { keys in
            let target = count - 1
            var low = 0, high = keys.count - 1
            while low < high {
                let a = keys[low], b = keys[(low + high) / 2], c = keys[high]
                let pivot = max(min(a, b), min(max(a, b), c))
                var i = low, j = high
                while i <= j {
                    while keys[i] < pivot { i += 1 }
                    while keys[j] > pivot { j -= 1 }
                    if i <= j {
                        keys.swapAt(i, j)
                        i += 1
                        j -= 1
                    }
                }
                if target <= j {
                    high = j
                } else if target >= i {
                    low = i
                } else {
                    return
                }
            }
        }
    }

    /// The boxes kept by greedy NMS, in decreasing score order (`torchvision.ops.nms`).
    ///
    /// A box is suppressed when its IoU with a kept, higher-ranked box is greater than
    /// `threshold`; IoU is computed in Float32 and compared in Double as torchvision's C++
    /// kernel does. Boxes and scores must be finite.
    public static func keep(boxes: [Box], scores: [Float], threshold: Double) -> [Int] {
        precondition(boxes.count == scores.count, "one score per box")
        let order = order(scores)
        let columns = BoxColumns(order.lazy.map { boxes[$0] })
        let cutoff = largestFloat(notAbove: threshold)
        let count = order.count
        var suppressed = [UInt8](repeating: 0, count: count)
        var kept: [Int] = []
        columns.withPointers { ranked in
            suppressed.withUnsafeMutableBufferPointer { buffer in
                guard let marks = buffer.baseAddress else { return }
                // The O(n^2) kernel: for each surviving rank, mark every later rank whose IoU
                // with it exceeds the cutoff. Branch-free over the later ranks (re-marking a
                // suppressed box changes nothing), so it vectorises.
                for i in 0..<count where marks[i] == 0 {
                    kept.append(order[i])
                    let (x1, y1, x2, y2, area) = (ranked.x1[i], ranked.y1[i], ranked.x2[i], ranked.y2[i], ranked.area[i])
                    for j in (i + 1)..<count {
                        let width = max(min(x2, ranked.x2[j]) - max(x1, ranked.x1[j]), 0)
                        let height = max(min(y2, ranked.y2[j]) - max(y1, ranked.y1[j]), 0)
                        let intersection = width * height
                        let overlap = intersection / (area + ranked.area[j] - intersection)
                        marks[j] |= overlap > cutoff ? 1 : 0
                    }
                }
            }
        }
        return kept
    }

    /// The largest Float at or below `threshold`: for any Float `x`, `x > cutoff` exactly when
    /// `Double(x) > threshold`, torchvision's comparison of a float IoU with a double threshold.
    static func largestFloat(notAbove threshold: Double) -> Float {
        let nearest = Float(threshold)
        return Double(nearest) > threshold ? nearest.nextDown : nearest
    }

    /// NMS run separately within each group (class or level), merged in decreasing score order
    /// (ties: lower index first).
    ///
    /// This is torchvision's `_batched_nms_vanilla` (exact per-group IoUs). For small inputs
    /// `torchvision.ops.batched_nms` instead offsets each group's coordinates, which can round
    /// an IoU differently by an ulp; MaskBench always uses the exact per-group form.
    public static func keepPerGroup(boxes: [Box], scores: [Float], groups: [Int], threshold: Double) -> [Int] {
        precondition(boxes.count == scores.count && boxes.count == groups.count, "one score and group per box")
        var members: [Int: [Int]] = [:]
        for (index, group) in groups.enumerated() { members[group, default: []].append(index) }
        var kept: [Int] = []
        for (_, indices) in members.sorted(by: { $0.key < $1.key }) {
            let local = keep(boxes: indices.map { boxes[$0] }, scores: indices.map { scores[$0] }, threshold: threshold)
            kept.append(contentsOf: local.map { indices[$0] })
        }
        return kept.sorted(by: ranking(scores))
    }
}
