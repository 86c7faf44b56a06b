import Ablation
import COCO
import Datasets
import Foundation
import Testing

@Suite struct PredictionPanelTests {
    @Test func rowsAreLabelledBandsOverTheirCellsAndTheReportLinksThePanel() throws {
        let layout = TestTable.scratch()
        defer { try? FileManager.default.removeItem(at: layout.root) }
        let source = try ShapesDataset(configuration: SyntheticPreset.tiny.shapes, seed: 1)
        let samples = (0..<3).map { source.sample(at: $0) }
        let truth = PredictionPanel.Row(label: "ground truth", cells: samples.map {
            ($0.image, Visualizer.groundTruth(of: $0, categories: source.categories))
        })
        let empty = PredictionPanel.Row(label: "nothing", cells: samples.map { ($0.image, []) })
        let panel = PredictionPanel(rows: [truth, empty])
        let image = try #require(panel.image())
        let spacing = PredictionPanel.spacing, band = PredictionPanel.labelBandHeight(imageWidth: 64)
        #expect(image.width == 3 * 64 + 4 * spacing)
        #expect(image.height == 2 * (band + 64 + spacing) + spacing)
        // The undrawn row shows the image itself; the ground-truth row has overlays on it.
        let secondRowTop = spacing + band + 64 + spacing + band
        #expect(image[spacing + 10, secondRowTop + 10] == samples[0].image[10, 10])
        #expect((0..<64).contains { y in (0..<64).contains { x in image[spacing + x, spacing + band + y] != samples[0].image[x, y] } })
        // The label band holds black text.
        #expect((0..<band).contains { y in (0..<60).contains { x in image[spacing + x, spacing + y] == RGB(red: 0, green: 0, blue: 0) } })

        let url = layout.reportAssets(table: "toy", preset: "quick").appendingPathComponent(PredictionPanel.fileName)
        try panel.write(to: url)
        #expect(try Image(contentsOf: url) == image)
        let (table, results) = try ReportWriterTests.results()
        try ReportWriter(table: table, results: results, bootstrap: PairedBootstrap(replicates: 10)).write(to: layout)
        let markdown = try String(contentsOf: layout.report(table: "toy", preset: "quick"), encoding: .utf8)
        #expect(markdown.contains("![predictions](toy/predictions.png)"))
    }

    @Test func anEmptyPanelIsAnInputError() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("never.png")
        #expect(throws: InputError.self) { try PredictionPanel(rows: []).write(to: url) }
        #expect(!FileManager.default.fileExists(atPath: url.path))
    }
}
