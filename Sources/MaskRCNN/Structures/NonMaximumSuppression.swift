/// Greedy non-maximum suppression and top-k, with torchvision's semantics.
public enum NonMaximumSuppression {
    /// Indices of `scores` from highest to lowest; equal scores keep their input order (the
    /// stable descending sort torchvision's NMS uses). Scores must not be NaN.
    public static func order(_ scores: [Float]) -> [Int] {
        scores.indices.sorted(by: ranking(scores))
    }

    /// "Index `a` ranks before index `b`": higher score first, lower index on ties.
    static func ranking(_ scores: [Float]) -> (Int, Int) -> Bool {
        { a, b in scores[a] > scores[b] || (scores[a] == scores[b] && a < b) }
    }

    /// The indices of the `k` highest scores, highest first (ties: lower index first).
    public static func topK(_ scores: [Float], _ k: Int) -> [Int] {
        Array(order(scores).prefix(max(k, 0)))
    }

    /// The boxes kept by greedy NMS, in decreasing score order (`torchvision.ops.nms`).
    ///
    /// A box is suppressed when its IoU with a kept, higher-ranked box is greater than
    /// `threshold`; IoU is computed in Float32 and compared in Double as torchvision's C++
    /// kernel does. Boxes and scores must be finite.
    public static func keep(boxes: [Box], scores: [Float], threshold: Double) -> [Int] {
        precondition(boxes.count == scores.count, "one score per box")
        let order = order(scores)
        let areas = boxes.map(\.area)
        var suppressed = [Bool](repeating: false, count: boxes.count)
        var kept: [Int] = []
        for (rank, i) in order.enumerated() where !suppressed[i] {
            kept.append(i)
            let box = boxes[i]
            for j in order[(rank + 1)...] where !suppressed[j] {
                let intersection = IoUMatrix.intersection(box, boxes[j])
                let overlap = intersection / (areas[i] + areas[j] - intersection)
                if Double(overlap) > threshold { suppressed[j] = true }
            }
        }
        return kept
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
