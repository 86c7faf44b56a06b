/// SGD with momentum, linear warm-up and step decay (detectron2's WarmupMultiStepLR).
public struct SolverConfig: Codable, Equatable, Sendable {
    /// Learning rate after warm-up, before the first step.
    public var baseLearningRate: Double
    /// SGD momentum.
    public var momentum: Double
    /// L2 weight decay.
    public var weightDecay: Double
    /// Iterations of linear warm-up from `warmupFactor x baseLearningRate`.
    public var warmupIterations: Int
    /// Starting fraction of the learning rate during warm-up, in (0, 1].
    public var warmupFactor: Double
    /// Iterations at which the learning rate is multiplied by `gamma`, ascending.
    public var steps: [Int]
    /// The decay factor at each step.
    public var gamma: Double
    /// Total training iterations.
    public var iterations: Int
    /// Images per iteration.
    public var imagesPerBatch: Int
    /// Largest global gradient L2 norm before clipping; 0 disables clipping.
    public var gradientClipNorm: Double

    /// Creates a solver config. The paper's LR 0.02, momentum 0.9, decay 1e-4, with a short
    /// schedule for the CPU [ours]: 1000 iterations of 2 images, warm-up 100, x0.1 at 750.
    public init(
        baseLearningRate: Double = 0.02,
        momentum: Double = 0.9,
        weightDecay: Double = 1e-4,
        warmupIterations: Int = 100,
        warmupFactor: Double = 0.001,
        steps: [Int] = [750],
        gamma: Double = 0.1,
        iterations: Int = 1000,
        imagesPerBatch: Int = 2,
        gradientClipNorm: Double = 0
    ) {
        self.baseLearningRate = baseLearningRate
        self.momentum = momentum
        self.weightDecay = weightDecay
        self.warmupIterations = warmupIterations
        self.warmupFactor = warmupFactor
        self.steps = steps
        self.gamma = gamma
        self.iterations = iterations
        self.imagesPerBatch = imagesPerBatch
        self.gradientClipNorm = gradientClipNorm
    }

    enum CodingKeys: String, CodingKey {
        case baseLearningRate = "base_learning_rate"
        case momentum
        case weightDecay = "weight_decay"
        case warmupIterations = "warmup_iterations"
        case warmupFactor = "warmup_factor"
        case steps
        case gamma
        case iterations
        case imagesPerBatch = "images_per_batch"
        case gradientClipNorm = "gradient_clip_norm"
    }
}
