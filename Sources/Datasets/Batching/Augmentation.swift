/// Training-time augmentation as in the paper's setup: resize to a shorter side drawn from
/// `shorterSides` (one value gives a fixed scale) with the longer side capped at `maxSize`,
/// then a horizontal flip with probability `flipProbability`.
public struct Augmentation: Codable, Equatable, Sendable {
    /// Candidate shorter-side lengths in pixels; one is drawn per image.
    public var shorterSides: [Int]
    /// The longest side allowed after resizing.
    public var maxSize: Int
    /// The chance of a horizontal flip.
    public var flipProbability: Double

    /// Creates an augmentation.
    public init(shorterSides: [Int], maxSize: Int, flipProbability: Double = 0.5) {
        precondition(!shorterSides.isEmpty && shorterSides.allSatisfy { $0 > 0 } && maxSize > 0,
                     "sizes must be positive")
        self.shorterSides = shorterSides
        self.maxSize = maxSize
        self.flipProbability = flipProbability
    }

    /// The transformed example; the draws come from `random`, so a seeded run repeats exactly.
    public func apply(to example: TrainingExample, random: inout SplitMixGenerator) -> TrainingExample {
        let side = shorterSides[random.integer(0...(shorterSides.count - 1))]
        var result = example.resized(shorterSide: side, maxSize: maxSize)
        if random.chance(flipProbability) {
            result = result.flippedHorizontally()
        }
        return result
    }

    /// Evaluation-time transform: the first shorter side, no flip.
    public func applyForEvaluation(to example: TrainingExample) -> TrainingExample {
        example.resized(shorterSide: shorterSides[0], maxSize: maxSize)
    }
}
