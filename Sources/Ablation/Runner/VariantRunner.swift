import COCO
import Foundation

/// Runs one job: train the variant with the seed, predict the validation images, evaluate.
///
/// This is the seam between the ablation machinery (plans, resumption, statistics, reports)
/// and the detector. The model library supplies the real runner, usually by conforming a
/// trainer to `DetectorTrainer` and wrapping it in `EvaluatingRunner`; tests use doubles.
public protocol VariantRunner: Sendable {
    /// Trains, predicts and evaluates `job`; reports progress through `progress`.
    func run(_ job: AblationJob, progress: ProgressLog) throws -> SeedResult
}

/// Trains a detector for a job and predicts the validation split: the half of a run that needs
/// the model. `EvaluatingRunner` adds COCO evaluation, per-image matches and timing.
public protocol DetectorTrainer: Sendable {
    /// Trains `job.config` on the job's training data and predicts its validation images.
    func trainAndPredict(_ job: AblationJob, progress: ProgressLog) throws -> TrainedPredictions
}

/// What a trained detector produced on the validation split.
public struct TrainedPredictions: Sendable {
    /// The validation ground truth (image sizes, annotations, categories).
    public var groundTruth: COCODataset
    /// Detections in COCO results format (boxes, and masks/keypoints when the model has the head).
    public var results: [COCOResult]
    /// The training loss, sampled.
    public var lossCurve: LossCurve
    /// Iterations trained.
    public var iterations: Int

    /// Creates predictions.
    public init(groundTruth: COCODataset, results: [COCOResult], lossCurve: LossCurve, iterations: Int) {
        self.groundTruth = groundTruth
        self.results = results
        self.lossCurve = lossCurve
        self.iterations = iterations
    }
}

/// A `VariantRunner` from a `DetectorTrainer`: times the job and evaluates the predictions for
/// every kind the config has a head for.
public struct EvaluatingRunner<Trainer: DetectorTrainer>: VariantRunner {
    /// The trainer.
    public let trainer: Trainer

    /// Wraps `trainer`.
    public init(trainer: Trainer) {
        self.trainer = trainer
    }

    /// Trains, predicts, evaluates.
    public func run(_ job: AblationJob, progress: ProgressLog) throws -> SeedResult {
        let start = Date()
        let predictions = try trainer.trainAndPredict(job, progress: progress)
        let kinds = SeedEvaluation.kinds(of: job.config)
        var result = try SeedEvaluation.evaluate(
            predictions: predictions, kinds: kinds, seed: job.seed, threads: job.config.threads)
        result.wallSeconds = Date().timeIntervalSince(start)
        return result
    }
}

/// Progress lines of a run (stderr in the CLI, so stdout stays machine-readable); tests pass `.silent`.
public struct ProgressLog: Sendable {
    private let sink: @Sendable (String) -> Void

    /// Progress written by `sink`.
    public init(_ sink: @escaping @Sendable (String) -> Void) {
        self.sink = sink
    }

    /// Progress on stderr.
    public static let standardError = ProgressLog { line in
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// No progress output.
    public static let silent = ProgressLog { _ in }

    /// Reports one line.
    public func report(_ line: String) { sink(line) }
}
