/// Draws a fixed-size minibatch with at most a given fraction of positives (detectron2's
/// `subsample_labels`).
///
/// `Int(samples x fraction)` positives at most (fewer if fewer exist), then negatives fill the
/// rest as far as they exist. Randomness comes only from the generator the caller passes, so a
/// seeded run is reproducible.
public struct BalancedSampler: Sendable {
    /// Samples per image.
    public let samplesPerImage: Int
    /// Largest fraction of positives, in (0, 1].
    public let positiveFraction: Double

    /// Creates a sampler; `ModelConfig.validate` guarantees the preconditions for config values.
    public init(samplesPerImage: Int, positiveFraction: Double) {
        precondition(samplesPerImage >= 0 && positiveFraction >= 0 && positiveFraction <= 1,
                     "a sample size >= 0 and a positive fraction in [0, 1]")
        self.samplesPerImage = samplesPerImage
        self.positiveFraction = positiveFraction
    }

    /// A random subset of `positives` and of `negatives` (indices), each in ascending order.
    public func sample<G: RandomNumberGenerator>(
        positives: [Int], negatives: [Int], using generator: inout G
    ) -> (positives: [Int], negatives: [Int]) {
        let positiveCount = min(positives.count, Int(Double(samplesPerImage) * positiveFraction))
        let negativeCount = min(negatives.count, samplesPerImage - positiveCount)
        return (Self.subset(positives, count: positiveCount, using: &generator),
                Self.subset(negatives, count: negativeCount, using: &generator))
    }

    /// `count` distinct elements of `elements` chosen uniformly (a partial Fisher-Yates shuffle), sorted.
    static func subset<G: RandomNumberGenerator>(_ elements: [Int], count: Int, using generator: inout G) -> [Int] {
        guard count < elements.count else { return elements.sorted() }
        var pool = elements
        for i in 0..<count {
            pool.swapAt(i, Int.random(in: i..<pool.count, using: &generator))
        }
        return pool[..<count].sorted()
    }
}
