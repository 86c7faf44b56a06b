/// The outcome of matching one prediction (anchor or proposal) to the ground truth.
public enum MatchLabel: Int8, Sendable, Equatable {
    /// Between the thresholds, or not sampled: no loss.
    case ignored = -1
    /// Background.
    case negative = 0
    /// Foreground.
    case positive = 1
}

/// Assigns each prediction its best ground-truth box and a label by IoU thresholds
/// (detectron2's `Matcher`).
///
/// With thresholds `[t1, ..., tn]` and labels `[l0, ..., ln]`, a prediction whose best IoU `v`
/// satisfies `t(k) <= v < t(k+1)` (with `t0 = -inf`, `t(n+1) = +inf`) gets `l(k)`. With
/// `allowLowQualityMatches`, every prediction that reaches some GT's highest IoU (ties
/// included, even when that IoU is 0) becomes positive, keeping its own best match.
public struct Matcher: Sendable {
    /// Ascending IoU thresholds, compared in Float32 as PyTorch compares a float tensor.
    public let thresholds: [Float]
    /// One label per interval: `thresholds.count + 1` labels.
    public let labels: [MatchLabel]
    /// Whether each GT's best predictions are made positive (RPN: true, RoI heads: false).
    public let allowLowQualityMatches: Bool

    /// Creates a matcher.
    public init(thresholds: [Double], labels: [MatchLabel], allowLowQualityMatches: Bool) {
        precondition(labels.count == thresholds.count + 1, "one label per threshold interval")
        self.thresholds = thresholds.map { Float($0) }
        self.labels = labels
        self.allowLowQualityMatches = allowLowQualityMatches
    }

    /// The RPN's matcher: IoU < low negative, >= high positive, in between ignored, plus each
    /// GT's best anchors.
    public init(rpn config: RPNConfig) {
        self.init(thresholds: config.iouThresholds, labels: [.negative, .ignored, .positive],
                  allowLowQualityMatches: true)
    }

    /// The RoI heads' matcher: IoU >= threshold foreground, the rest background.
    public init(roiHeads config: RoIHeadsConfig) {
        self.init(thresholds: [config.iouThreshold], labels: [.negative, .positive],
                  allowLowQualityMatches: false)
    }

    /// Per prediction (column of `iou`, rows are GT): the index of its best GT (the first on
    /// ties, 0 when there is no GT) and its label. No GT makes every prediction `labels[0]`.
    public func match(_ iou: IoUMatrix) -> (matches: [Int], labels: [MatchLabel]) {
        let count = iou.columns
        guard iou.rows > 0, count > 0 else {
            return ([Int](repeating: 0, count: count), [MatchLabel](repeating: labels[0], count: count))
        }
        var matches = [Int](repeating: 0, count: count)
        var best = [Float](repeating: 0, count: count)
        for j in 0..<count {
            var value = iou[0, j]
            var index = 0
            for i in 1..<iou.rows where iou[i, j] > value {
                value = iou[i, j]
                index = i
            }
            matches[j] = index
            best[j] = value
        }
        var result = best.map { value in
            var k = 0
            while k < thresholds.count && value >= thresholds[k] { k += 1 }
            return labels[k]
        }
        if allowLowQualityMatches {
            for i in 0..<iou.rows {
                var highest = iou[i, 0]
                for j in 1..<count { highest = max(highest, iou[i, j]) }
                for j in 0..<count where iou[i, j] == highest { result[j] = .positive }
            }
        }
        return (matches, result)
    }
}
