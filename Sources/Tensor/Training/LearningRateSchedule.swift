/// detectron2's `WarmupMultiStepLR`: a linear warm-up from `warmupFactor * baseRate` to
/// `baseRate` over `warmupIterations`, then a multiplication by `gamma` at each milestone.
public struct LearningRateSchedule: Sendable, Codable, Equatable {
    /// The rate after warm-up and before the first milestone.
    public var baseRate: Float
    /// The fraction of `baseRate` at iteration 0.
    public var warmupFactor: Float
    /// The number of warm-up iterations (0 for none).
    public var warmupIterations: Int
    /// The iterations at which the rate is multiplied by `gamma`, ascending.
    public var milestones: [Int]
    /// The decay factor per milestone (detectron2 uses 0.1).
    public var gamma: Float

    /// Creates a schedule.
    public init(baseRate: Float, warmupFactor: Float = 0.001, warmupIterations: Int = 0,
                milestones: [Int] = [], gamma: Float = 0.1) {
        self.baseRate = baseRate
        self.warmupFactor = warmupFactor
        self.warmupIterations = warmupIterations
        self.milestones = milestones
        self.gamma = gamma
    }

    /// The learning rate for 0-based `iteration`.
    public func rate(at iteration: Int) -> Float {
        var factor: Float = 1
        if iteration < warmupIterations {
            let alpha = Float(iteration) / Float(warmupIterations)
            factor = warmupFactor * (1 - alpha) + alpha
        }
        let decays = milestones.filter { $0 <= iteration }.count
        var decay: Float = 1
        for _ in 0..<decays { decay *= gamma }
        return baseRate * factor * decay
    }
}
