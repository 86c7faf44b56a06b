import Ablation
import COCO
import Datasets
import Foundation
import Testing

@Suite struct PredictionPanelTests {
    @Test func writesAGridAndTheReportLinksIt() throws {
        let layout = TestTable.scratch()
        defer { try? FileManager.default.removeItem(at: layout.root) }
        let source = try ShapesDataset(configuration: SyntheticPreset.tiny.shapes, seed: 1)
        let samples = (0..<2).map { source.sample(at: $0) }
        let url = layout.reportAssets(table: "toy", preset: "quick").appendingPathComponent(PredictionPanel.fileName)
        try PredictionPanel.write(images: samples.map(\.image),
                                  instances: samples.map { Visualizer.groundTruth(of: $0, categories: source.categories) },
                                  to: url)
        let png = try Data(contentsOf: url)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))

        let (table, results) = try ReportWriterTests.results()
        try ReportWriter(table: table, results: results, bootstrap: PairedBootstrap(replicates: 10)).write(to: layout)
        let markdown = try String(contentsOf: layout.report(table: "toy", preset: "quick"), encoding: .utf8)
        #expect(markdown.contains("![predictions](toy/predictions.png)"))
    }

    @Test func mismatchedCountsAreAnInputError() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("never.png")
        #expect(throws: InputError.self) { try PredictionPanel.write(images: [], instances: [[]], to: url) }
    }
}
