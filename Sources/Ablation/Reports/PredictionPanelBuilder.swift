import COCO
import Datasets
import Foundation
import MaskRCNN
import Tensor

/// Fills the report's `PredictionPanel` from a finished run: for each variant, seed 0's final
/// checkpoint (kept in `Results/jobs/TABLE/PRESET/VARIANT.seed0/`) is loaded into the model of
/// that job's exact config and predicts the first validation images of the job's data.
///
/// Deterministic: the weights, the images and the config's thread count fix every pixel.
public enum PredictionPanelBuilder {
    /// Validation images per row.
    public static let imageCount = 4
    /// Detections below this score are not drawn.
    public static let minimumScore = 0.5

    /// Why no panel could be drawn (e.g. a merged sweep whose job folders are elsewhere).
    public struct Skipped: Error, CustomStringConvertible {
        /// One line naming the missing or mismatched file.
        public var reason: String
        /// The reason.
        public var description: String { reason }
    }

    /// The panel of `results`: a ground-truth row, then one row per variant labelled with its label.
    /// - Throws: `Skipped` when a variant's seed-0 job record or final checkpoint is missing, or
    ///   was made from another config than `results` records.
    public static func panel(table: AblationTable, results: AblationResults, layout: ProjectLayout,
                             imageCount: Int = imageCount) throws(Skipped) -> PredictionPanel {
        guard let settings = table.presets[results.preset] else {
            throw Skipped(reason: "table \(table.table) has no preset \"\(results.preset)\"")
        }
        guard !results.variants.isEmpty else { throw Skipped(reason: "the results have no variants") }
        let store = JobStore(directory: layout.jobDirectory(table: results.table, preset: results.preset))
        let data = DataSource(summary: results.data)
        let jobs = try results.variants.map { variant throws(Skipped) in
            try finalJob(of: variant, results: results, settings: settings, data: data, store: store)
        }
        do {
            let validation = try JobData.split(of: jobs[0].job, validation: true, limit: imageCount)
            let records = validation.samples.map(\.record)
            var rows = [PredictionPanel.Row(label: "ground truth", cells: validation.samples.map { sample in
                (sample.image, Visualizer.groundTruth(of: sample, categories: validation.categories))
            })]
            for (variant, (job, weights)) in zip(results.variants, jobs) {
                let detections = try predictions(of: job, weights: weights, samples: validation.samples,
                                                 categories: validation.categories)
                rows.append(PredictionPanel.Row(label: variant.label, cells: try zip(validation.samples, records).map {
                    sample, record throws(InputError) in
                    (sample.image, try Visualizer.detections(detections, on: record, categories: validation.categories,
                                                             minimumScore: minimumScore))
                }))
            }
            return PredictionPanel(rows: rows)
        } catch {
            throw Skipped(reason: "\(error)")
        }
    }

    /// Draws the panel into `Reports/STEM/predictions.png`, or reports on `progress` in one line
    /// why not (never throws: a report without a panel is still a report). Returns whether it was drawn.
    @discardableResult
    public static func write(table: AblationTable, results: AblationResults, layout: ProjectLayout,
                             progress: ProgressLog) -> Bool {
        let url = layout.reportAssets(table: results.table, preset: results.preset)
            .appendingPathComponent(PredictionPanel.fileName)
        do {
            try panel(table: table, results: results, layout: layout).write(to: url)
            return true
        } catch {
            let kept = FileManager.default.fileExists(atPath: url.path) ? " (the existing \(url.lastPathComponent) is kept)" : ""
            progress.report("ablate: no prediction panel for \(layout.stem(table: results.table, preset: results.preset)): \(error)\(kept)")
            return false
        }
    }

    /// Seed 0's job of `variant` and its final weights file, checked against the results' config hash.
    private static func finalJob(of variant: VariantResults, results: AblationResults, settings: Preset,
                                 data: DataSource, store: JobStore) throws(Skipped) -> (job: AblationJob, weights: URL) {
        let stem = "\(variant.name).seed0"
        let recordURL = store.directory.appendingPathComponent("\(stem).json")
        guard let record = try? ResultsIO.read(JobRecord.self, from: recordURL) else {
            throw Skipped(reason: "no job record \(recordURL.path)")
        }
        guard record.configHash == variant.configHash,
              JobPlan.jobHash(config: record.config, preset: settings, data: data) == variant.configHash else {
            throw Skipped(reason: "\(recordURL.path) was made from another config than the results (hash \(record.configHash), results \(variant.configHash))")
        }
        let checkpoints = CheckpointStore(directory: store.directory.appendingPathComponent(stem, isDirectory: true))
        guard let state = try? checkpoints.load(), state.iteration == record.config.solver.iterations else {
            throw Skipped(reason: "no final checkpoint in \(checkpoints.directory.path)")
        }
        let job = AblationJob(table: results.table, preset: results.preset, variant: variant.name, seed: 0,
                              config: record.config, settings: settings, data: data, configHash: record.configHash)
        return (job, checkpoints.directory.appendingPathComponent(state.weightsFile))
    }

    /// COCO results of the model of `job.config` with `weights` on `samples`.
    static func predictions(of job: AblationJob, weights: URL, samples: [SyntheticSample],
                                     categories: [COCOCategory]) throws -> [COCOResult] {
        // The model predicts on the job's thread count, as in training, so the pixels match.
        let model = try MaskRCNNModel(config: job.config)
        try SafeTensors.restore(model.parameters, from: weights)
        let input = job.config.input
        return try model.cocoResults(
            images: samples.map { JobData.modelInput($0, categories: categories, input: input) },
            imageIDs: samples.map(\.record.id), categoryIDs: categories.map(\.id),
            originalSizes: samples.map { ImageSize(height: $0.record.height, width: $0.record.width) })
    }
}
