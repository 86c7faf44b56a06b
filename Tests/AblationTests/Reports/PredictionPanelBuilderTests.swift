@testable import Ablation
import COCO
import Datasets
import Foundation
import MaskRCNN
import Testing

@Suite struct PredictionPanelBuilderTests {
    /// `TrainerTable` with RoIPool beside RoIAlign and five validation images (the panel shows four).
    static func table() throws -> AblationTable {
        let yaml = TrainerTable.yaml
            .replacingOccurrences(of: "val_images: 3", with: "val_images: 5")
            .replacingOccurrences(of: """
                  - name: align
                    overrides: {roi_heads: {box_pooler: {kind: roi_align}}}
                """, with: """
                  - name: pool
                    label: RoIPool (max)
                    overrides: {roi_heads: {box_pooler: {kind: roi_pool, aggregation: max}}}
                  - name: align
                    label: RoIAlign (avg)
                    overrides: {roi_heads: {box_pooler: {kind: roi_align}}}
                """)
        let table = try TableLoader.parse(yaml, file: "tiny.yaml")
        #expect(table.variants.map(\.name) == ["pool", "align"])
        return table
    }

    @Test func aFinishedSmokeRunDrawsOneRowPerVariantUnderTheGroundTruth() throws {
        let layout = ProjectLayout(root: TrainerTable.scratch())
        defer { try? FileManager.default.removeItem(at: layout.root) }
        let table = try Self.table()
        let plan = try JobPlan(table: table, preset: "smoke", seedCount: 1, threads: 1)
        let lines = JobLog()
        let run = AblationRun(layout: layout, plan: plan, runner: EvaluatingRunner(trainer: MaskRCNNTrainer()),
                              progress: ProgressLog { lines.append($0) }, command: "ablate tiny --preset smoke", commit: "test")
        _ = try run.runJobs()
        let results = try run.finish()

        let url = layout.reportAssets(table: "tiny", preset: "smoke").appendingPathComponent(PredictionPanel.fileName)
        let png = try Data(contentsOf: url)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        let image = try Image(encoded: png, source: url.path)
        let spacing = PredictionPanel.spacing, band = PredictionPanel.labelBandHeight(imageWidth: 64)
        #expect(image.width == 4 * 64 + 5 * spacing)
        #expect(image.height == 3 * (band + 64 + spacing) + spacing)
        #expect(!lines.jobs.contains { $0.contains("no prediction panel") })
        let markdown = try String(contentsOf: layout.report(table: "tiny", preset: "smoke"), encoding: .utf8)
        #expect(markdown.contains("![predictions](tiny-smoke/predictions.png)"))

        // Deterministic: drawn again from the same checkpoints, the same pixels.
        let again = try PredictionPanelBuilder.panel(table: table, results: results, layout: layout)
        #expect(again.image() == image)
        #expect(again.rows.map(\.label) == ["ground truth", "RoIPool (max)", "RoIAlign (avg)"])

        // A results file made from another config than the kept job is not drawn from its checkpoint.
        var changed = results
        changed.variants[1].configHash = "0000000000000000"
        #expect(throws: PredictionPanelBuilder.Skipped.self) {
            try PredictionPanelBuilder.panel(table: table, results: changed, layout: layout)
        }

        // Without a variant's checkpoint folder (a sweep merged elsewhere) the panel is skipped
        // with one line saying why; the report is still written.
        try FileManager.default.removeItem(at: layout.jobDirectory(table: "tiny", preset: "smoke").appendingPathComponent("align.seed0"))
        try FileManager.default.removeItem(at: url)
        let skipped = JobLog()
        #expect(!PredictionPanelBuilder.write(table: table, results: results, layout: layout, progress: ProgressLog { skipped.append($0) }))
        #expect(skipped.jobs.count == 1)
        #expect(skipped.jobs.first?.contains("no prediction panel for tiny-smoke: no final checkpoint in") == true)
        #expect(skipped.jobs.first?.contains("align.seed0") == true)
        #expect(!FileManager.default.fileExists(atPath: url.path))
    }

    @Test func theCheckpointPredictsWhatTheTrainedJobPredicted() throws {
        let directory = TrainerTable.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        var job = try TrainerTable.jobs()[0]
        job.workDirectory = directory
        let trained = try MaskRCNNTrainer().trainAndPredict(job, progress: .silent)
        let state = try #require(try CheckpointStore(directory: directory).load())
        let validation = try JobData.split(of: job, validation: true, limit: 2)
        let reloaded = try PredictionPanelBuilder.predictions(
            of: job, weights: directory.appendingPathComponent(state.weightsFile), samples: validation.samples,
            categories: validation.categories)
        let shown = Set(validation.samples.map(\.record.id))
        #expect(!reloaded.isEmpty)
        #expect(reloaded == trained.results.filter { shown.contains($0.imageID) })
    }
}
