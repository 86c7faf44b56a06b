/// The RPN's training targets for one image: a label and a regression target per anchor.
public struct RPNTargets: Equatable, Sendable {
    /// Per anchor: positive, negative (both sampled) or ignored (not sampled, or between the
    /// thresholds, or outside the boundary).
    public var labels: [MatchLabel]
    /// Per anchor: the delta from the anchor to its matched GT box for positives, zero otherwise.
    public var deltas: [BoxDelta]
}

/// Labels and samples an image's anchors against its GT boxes (detectron2's
/// `RPN.label_and_sample_anchors`): match with IoU thresholds and each GT's best anchors
/// positive, ignore anchors outside the boundary when a threshold is set, then sample
/// `samplesPerImage` anchors with at most `positiveFraction` positives.
public struct RPNLabelAssigner: Sendable {
    /// The anchor-to-GT matcher.
    public let matcher: Matcher
    /// The minibatch sampler.
    public let sampler: BalancedSampler
    /// Encodes the regression targets.
    public let boxCoder: BoxCoder
    /// Pixels an anchor may reach outside the image; negative keeps all anchors.
    public let boundaryThreshold: Float

    /// Creates an assigner from a validated RPN config.
    public init(config: RPNConfig) {
        matcher = Matcher(rpn: config)
        sampler = BalancedSampler(samplesPerImage: config.samplesPerImage, positiveFraction: config.positiveFraction)
        boxCoder = BoxCoder(weights: config.boxCodingWeights)
        boundaryThreshold = Float(config.boundaryThreshold)
    }

    /// The targets of `anchors` (all levels, concatenated) for one image's GT boxes, which
    /// have positive sides (the dataset loader drops empty instances).
    public func assign<G: RandomNumberGenerator>(
        anchors: [Box], groundTruth: [Box], imageSize: ImageSize, using generator: inout G
    ) -> RPNTargets {
        var (matches, labels) = matcher.match(IoUMatrix(groundTruth, anchors))
        if boundaryThreshold >= 0 {
            let width = Float(imageSize.width), height = Float(imageSize.height)
            for (i, anchor) in anchors.enumerated()
            where !anchor.isInside(width: width, height: height, margin: boundaryThreshold) {
                labels[i] = .ignored
            }
        }
        let sample = sampler.sample(positives: labels.indices.filter { labels[$0] == .positive },
                                    negatives: labels.indices.filter { labels[$0] == .negative },
                                    using: &generator)
        var sampled = [MatchLabel](repeating: .ignored, count: anchors.count)
        var deltas = [BoxDelta](repeating: .zero, count: anchors.count)
        for i in sample.negatives { sampled[i] = .negative }
        for i in sample.positives {
            sampled[i] = .positive
            deltas[i] = boxCoder.encode(groundTruth[matches[i]], relativeTo: anchors[i])
        }
        return RPNTargets(labels: sampled, deltas: deltas)
    }
}
