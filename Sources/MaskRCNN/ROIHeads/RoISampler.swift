/// The RoIs one image contributes to the box, mask and keypoint losses.
public struct SampledRoIs: Equatable, Sendable {
    /// The sampled proposal boxes: foreground first, then background.
    public var boxes: [Box]
    /// Per RoI: its GT label in `1...numClasses`, or 0 for background.
    public var labels: [Int]
    /// Per RoI: the index of its matched GT box, or -1 for background.
    public var matchedGroundTruth: [Int]
    /// Per RoI: the delta to its GT box (RoI-head weights) for foreground, zero for background.
    public var regressionTargets: [BoxDelta]
    /// How many leading RoIs are foreground.
    public var foregroundCount: Int
}

/// Samples an image's proposals for the RoI heads (detectron2's `label_and_sample_proposals`):
/// optionally append the GT boxes, match by IoU (>= threshold foreground, no low-quality
/// matches), sample `roisPerImage` with at most `positiveFraction` foreground.
///
/// Label convention (torchvision's, and the `Datasets` targets'): objects `1...numClasses`,
/// background 0, so a (K + 1)-way classifier's column `c` is label `c`.
public struct RoISampler: Sendable {
    /// Object classes, background excluded.
    public let numClasses: Int
    /// The proposal-to-GT matcher.
    public let matcher: Matcher
    /// The minibatch sampler.
    public let sampler: BalancedSampler
    /// Whether the GT boxes join the proposals.
    public let appendGroundTruth: Bool
    /// Encodes the regression targets with the RoI head's weights.
    public let boxCoder: BoxCoder

    /// Creates a sampler from a validated RoI heads config.
    public init(config: RoIHeadsConfig) {
        numClasses = config.numClasses
        matcher = Matcher(roiHeads: config)
        sampler = BalancedSampler(samplesPerImage: config.roisPerImage, positiveFraction: config.positiveFraction)
        appendGroundTruth = config.appendGroundTruth
        boxCoder = BoxCoder(weights: config.boxCodingWeights)
    }

    /// The sampled RoIs of one image; `groundTruthLabels` has one label in `1...numClasses`
    /// per GT box, and GT boxes have positive sides (the dataset loader drops empty instances, as
    /// detectron2's `filter_empty_instances` does, so the log-size targets stay finite).
    public func sample<G: RandomNumberGenerator>(
        proposals: [Box], groundTruth: [Box], groundTruthLabels: [Int], using generator: inout G
    ) -> SampledRoIs {
        precondition(groundTruth.count == groundTruthLabels.count, "one label per GT box")
        precondition(groundTruthLabels.allSatisfy { (1...numClasses).contains($0) }, "GT labels in 1...numClasses")
        let candidates = appendGroundTruth ? proposals + groundTruth : proposals
        let (matches, labels) = matcher.match(IoUMatrix(groundTruth, candidates))
        let sample = sampler.sample(positives: labels.indices.filter { labels[$0] == .positive },
                                    negatives: labels.indices.filter { labels[$0] == .negative },
                                    using: &generator)
        let foreground = sample.positives, background = sample.negatives
        return SampledRoIs(
            boxes: (foreground + background).map { candidates[$0] },
            labels: foreground.map { groundTruthLabels[matches[$0]] } + background.map { _ in 0 },
            matchedGroundTruth: foreground.map { matches[$0] } + background.map { _ in -1 },
            regressionTargets: foreground.map { boxCoder.encode(groundTruth[matches[$0]], relativeTo: candidates[$0]) }
                + background.map { _ in .zero },
            foregroundCount: foreground.count)
    }
}
