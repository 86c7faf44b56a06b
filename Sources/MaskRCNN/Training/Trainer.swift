import COCO
import Foundation
import Tensor

/// Trains a `MaskRCNNModel` with SGD (momentum, weight decay, linear warm-up, step decay from
/// the config's solver), logging progress to stderr and checkpointing every
/// `checkpointPeriod` iterations.
///
/// Deterministic for a seed and thread count: initial weights come from the seed, the data
/// order of iteration t from `(seed, epoch)` and the RPN/RoI samples of iteration t from
/// `(seed, t)`, so a run resumed from a checkpoint continues bit-identically.
public final class Trainer {
    /// The model being trained.
    public let model: MaskRCNNModel
    /// The training set.
    public let examples: [TrainingExample]
    /// Iterations completed.
    public private(set) var iteration = 0
    /// Where checkpoints go (nil: none are written).
    public let checkpoints: CheckpointStore?
    /// Receives one progress line at a time; defaults to stderr (stdout stays clean).
    public var log: (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
    /// Iterations between progress lines.
    public var logPeriod = 20
    /// Called after every step with the iterations completed and the step's loss values, e.g. to
    /// sample a loss curve (Ablation's `LossCurve`).
    public var stepObserver: ((_ iteration: Int, _ losses: [(name: String, value: Float)]) -> Void)?
    let optimizer: SGD
    private let schedule: LearningRateSchedule

    /// Builds the model of `config` and checks every example against it.
    /// - Throws: `InputError` for an impossible config or a bad example (naming its index).
    public init(config: ModelConfig, examples: [TrainingExample], checkpointDirectory: URL? = nil) throws {
        guard !examples.isEmpty else { throw InputError(field: "examples", message: "no training examples") }
        for (index, example) in examples.enumerated() { try example.validate(config: config, record: index) }
        model = try MaskRCNNModel(config: config)
        self.examples = examples
        checkpoints = checkpointDirectory.map(CheckpointStore.init(directory:))
        let solver = config.solver
        optimizer = SGD(parameters: model.trainableParameters, momentum: Float(solver.momentum),
                        weightDecay: Float(solver.weightDecay))
        schedule = LearningRateSchedule(baseRate: Float(solver.baseLearningRate), warmupFactor: Float(solver.warmupFactor),
                                        warmupIterations: solver.warmupIterations, milestones: solver.steps,
                                        gamma: Float(solver.gamma))
    }

    private var config: ModelConfig { model.config }

    /// Loads the latest checkpoint of the checkpoint directory, if any; returns whether one was loaded.
    /// - Throws: `InputError` for an unreadable checkpoint or one written with another seed.
    @discardableResult
    public func resume() throws -> Bool {
        guard let checkpoints, let state = try checkpoints.load() else { return false }
        guard state.seed == config.seed else {
            throw InputError(file: checkpoints.stateURL.path, field: "seed",
                             message: "checkpoint has seed \(state.seed), the config \(config.seed)")
        }
        guard (0...config.solver.iterations).contains(state.iteration) else {
            throw InputError(file: checkpoints.stateURL.path, field: "iteration",
                             message: "\(state.iteration) is outside 0...\(config.solver.iterations)")
        }
        try checkpoints.restore(state, parameters: model.parameters, optimizer: optimizer)
        iteration = state.iteration
        return true
    }

    /// Trains until `stopIteration` (default: the solver's iteration count) iterations are done,
    /// checkpointing every `checkpointPeriod` iterations and at the end.
    /// - Throws: `TrainingDivergedError` on a non-finite loss; file errors from checkpoints.
    public func train(until stopIteration: Int? = nil) throws {
        let end = min(stopIteration ?? config.solver.iterations, config.solver.iterations)
        let start = iteration, started = Date()
        while iteration < end {
            let losses = try step()
            stepObserver?(iteration, losses.values)
            let done = iteration - start
            if iteration % logPeriod == 0 || iteration == end {
                let elapsed = Date().timeIntervalSince(started)
                let imagesPerSecond = Double(done * config.solver.imagesPerBatch) / max(elapsed, 1e-9)
                let eta = elapsed / Double(done) * Double(end - iteration)
                log(Self.progressLine(iteration: iteration, of: end, losses: losses, rate: schedule.rate(at: iteration - 1),
                                      imagesPerSecond: imagesPerSecond, eta: eta))
            }
            if let checkpoints, iteration % config.checkpointPeriod == 0 || iteration == end {
                try checkpoints.save(parameters: model.parameters, optimizer: optimizer, iteration: iteration, config: config)
            }
        }
    }

    /// One SGD step on the next batch, on the config's compute threads; returns its losses.
    @discardableResult
    public func step() throws -> LossTerms {
        try ComputeThreads.withCount(config.threads) { try scopedStep() }
    }

    private func scopedStep() throws -> LossTerms {
        var generator = SeededGenerator(seed: Self.mix(UInt64(config.seed), 0x5A4D_504C_4552, UInt64(iteration)))
        let losses = try model.losses(batch(at: iteration), using: &generator)
        let total = losses.total
        guard total.scalar.isFinite else {
            throw TrainingDivergedError(message: "loss \(total.scalar) at iteration \(iteration + 1)")
        }
        optimizer.clearGradients()
        total.backward()
        if config.solver.gradientClipNorm > 0 {
            _ = clipGradientNorm(optimizer.parameters, maximumNorm: Float(config.solver.gradientClipNorm))
        }
        optimizer.step(learningRate: schedule.rate(at: iteration))
        iteration += 1
        return losses
    }

    /// The examples of iteration `t`: consecutive slots of per-epoch seeded permutations.
    func batch(at t: Int) -> [TrainingExample] {
        let size = config.solver.imagesPerBatch, count = examples.count
        var epoch = -1
        var order: [Int] = []
        return (0..<size).map { k in
            let slot = t * size + k
            if slot / count != epoch {
                epoch = slot / count
                var generator = SeededGenerator(seed: Self.mix(UInt64(config.seed), 0x4F52_4445_52, UInt64(epoch)))
                order = Array(0..<count)
                order.shuffle(using: &generator)
            }
            return examples[order[slot % count]]
        }
    }

    /// A seed for a (seed, stream, index) triple.
    static func mix(_ seed: UInt64, _ stream: UInt64, _ index: UInt64) -> UInt64 {
        var generator = SeededGenerator(seed: seed ^ (stream &* 0x9E37_79B9_7F4A_7C15) ^ (index &* 0xD6E8_FEB8_6659_FD93))
        return generator.next()
    }

    static func progressLine(iteration: Int, of end: Int, losses: LossTerms, rate: Float, imagesPerSecond: Double,
                             eta: TimeInterval) -> String {
        let values = losses.values
        let total = values.reduce(0) { $0 + $1.value }
        let terms = values.map { "\($0.name) \(String(format: "%.4f", $0.value))" }.joined(separator: " ")
        let seconds = Int(eta.rounded())
        return String(format: "iter %d/%d  loss %.4f (%@)  lr %.5f  %.2f img/s  ETA %dm%02ds",
                      iteration, end, total, terms, rate, imagesPerSecond, seconds / 60, seconds % 60)
    }
}

extension MaskRCNNModel {
    /// COCO results of `images` (batches of `batchSize`), ready for the evaluator:
    /// `imageIDs[i]` is image i's id, `categoryIDs[k]` class k's category id.
    /// - Throws: `InputError` for a count mismatch or a malformed image (see `predict`).
    public func cocoResults(images: [Tensor], imageIDs: [Int], categoryIDs: [Int], originalSizes: [ImageSize]? = nil,
                            batchSize: Int = 2) throws -> [COCOResult] {
        guard imageIDs.count == images.count else {
            throw InputError(field: "image_ids", message: "\(imageIDs.count) ids for \(images.count) images")
        }
        guard categoryIDs.count == config.roiHeads.numClasses else {
            throw InputError(field: "category_ids", message: "\(categoryIDs.count) ids for \(config.roiHeads.numClasses) classes")
        }
        var results: [COCOResult] = []
        for start in stride(from: 0, to: images.count, by: max(batchSize, 1)) {
            let range = start..<min(start + max(batchSize, 1), images.count)
            let predictions = try predict(Array(images[range]), originalSizes: originalSizes.map { Array($0[range]) })
            for (offset, prediction) in predictions.enumerated() {
                results += prediction.cocoResults(imageID: imageIDs[range.lowerBound + offset], categoryIDs: categoryIDs)
            }
        }
        return results
    }
}
