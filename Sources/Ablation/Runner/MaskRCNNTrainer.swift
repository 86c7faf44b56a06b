import COCO
import Foundation
import MaskRCNN

/// The real `DetectorTrainer`: trains the `MaskRCNN` model of a job's resolved config on the
/// job's data, checkpointing into `job.workDirectory` (a killed job resumes from its last
/// checkpoint, bit-identically), then predicts the validation images.
///
/// Deterministic for a seed and thread count: the data does not depend on the seed, and the
/// model `Trainer` derives weights, data order and samples from the seed alone.
public struct MaskRCNNTrainer: DetectorTrainer {
    /// Points kept in a job's loss curve (each the mean loss over its window of iterations).
    public var lossCurvePoints: Int
    /// Iterations between progress lines.
    public var logPeriod: Int

    /// Creates a trainer.
    public init(lossCurvePoints: Int = 50, logPeriod: Int = 20) {
        self.lossCurvePoints = lossCurvePoints
        self.logPeriod = logPeriod
    }

    /// Trains `job.config` on the job's training images and predicts its validation images.
    public func trainAndPredict(_ job: AblationJob, progress: ProgressLog) throws -> TrainedPredictions {
        let data = try JobData.load(job)
        try Self.prepareWorkDirectory(for: job)
        let trainer = try Trainer(config: job.config, examples: data.training, checkpointDirectory: job.workDirectory)
        trainer.logPeriod = max(1, logPeriod)
        trainer.log = { line in progress.report("  \(job.fileStem) \(line)") }
        var curve = LossCurveRecorder(
            iterations: job.config.solver.iterations, points: lossCurvePoints,
            file: job.workDirectory?.appendingPathComponent("loss-curve.json"))
        if try trainer.resume() {
            try curve.restore(upTo: trainer.iteration)
            progress.report("  \(job.fileStem) resumed from the checkpoint at iteration \(trainer.iteration)")
        }
        var recordingError: (any Error)?
        trainer.stepObserver = { iteration, losses in
            do { try curve.record(iteration: iteration, loss: losses.reduce(0) { $0 + Double($1.value) }) }
            catch { recordingError = recordingError ?? error }
        }
        try trainer.train()
        if let recordingError { throw recordingError }
        progress.report("  \(job.fileStem) predicting \(data.validationImages.count) validation images")
        let results = try trainer.model.cocoResults(
            images: data.validationImages, imageIDs: data.groundTruth.images.map(\.id), categoryIDs: data.categoryIDs,
            originalSizes: data.validationSizes)
        return TrainedPredictions(groundTruth: data.groundTruth, results: results, lossCurve: curve.curve,
                                  iterations: trainer.iteration)
    }
}

extension MaskRCNNTrainer {
    /// Creates `job.workDirectory` (if set) holding only this job's checkpoints: a folder left by
    /// a job with another config hash (the table or preset changed since) or by another engine
    /// (`NumericsRevision`) is deleted first, so a job never resumes another config's training.
    /// The job's `checkpointKey` is kept in the folder's `config-hash`.
    static func prepareWorkDirectory(for job: AblationJob) throws {
        guard let directory = job.workDirectory else { return }
        let fileManager = FileManager.default
        let marker = directory.appendingPathComponent("config-hash")
        if fileManager.fileExists(atPath: directory.path),
           (try? String(contentsOf: marker, encoding: .utf8)) != job.checkpointKey {
            try fileManager.removeItem(at: directory)
        }
        try fileManager.createDirectory(at: directory, withIntermediateDirectories: true)
        if !fileManager.fileExists(atPath: marker.path) {
            try Data(job.checkpointKey.utf8).write(to: marker, options: .atomic)
        }
    }
}

/// The sampled loss curve of a training run: the mean total loss over consecutive windows of
/// iterations, saved (atomically) beside the checkpoints so a resumed job keeps its whole curve.
struct LossCurveRecorder {
    /// Iterations per window.
    let window: Int
    /// Where the curve is kept between runs (nil: memory only).
    let file: URL?
    /// The finished windows.
    private(set) var curve = LossCurve()
    private var sum = 0.0
    private var count = 0

    init(iterations: Int, points: Int, file: URL?) {
        window = max(1, iterations / max(1, points))
        self.file = file
    }

    /// Adds the loss of `iteration` (1-based); closes a window every `window` iterations.
    mutating func record(iteration: Int, loss: Double) throws {
        sum += loss
        count += 1
        guard iteration % window == 0 else { return }
        curve.iterations.append(iteration)
        curve.loss.append(sum / Double(count))
        sum = 0
        count = 0
        if let file { try JSONEncoder().encode(curve).write(to: file, options: .atomic) }
    }

    /// Loads the saved windows that end at or before `iteration` (the checkpoint resumed from).
    mutating func restore(upTo iteration: Int) throws {
        guard let file, FileManager.default.fileExists(atPath: file.path) else { return }
        let saved: LossCurve
        do {
            saved = try JSONDecoder().decode(LossCurve.self, from: Data(contentsOf: file))
        } catch {
            throw InputError(file: file.path, message: "unreadable loss curve: \(error)")
        }
        let kept = saved.iterations.prefix { $0 <= iteration }.count
        guard kept <= saved.loss.count else {
            throw InputError(file: file.path, field: "loss", message: "fewer values than iterations")
        }
        curve = LossCurve(iterations: Array(saved.iterations.prefix(kept)), loss: Array(saved.loss.prefix(kept)))
    }
}
