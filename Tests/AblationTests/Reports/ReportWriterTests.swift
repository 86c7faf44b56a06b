import Ablation
import COCO
import Foundation
import MaskRCNN
import Testing

@Suite struct ReportWriterTests {
    /// A results file with known metrics: good AP = 0.30/0.32 over seeds, bad 0.20/0.24.
    static func results(withMatches: Bool = false) throws -> (AblationTable, AblationResults) {
        let table = try TestTable.table()
        func variant(_ name: String, _ ap: [Double]) throws -> VariantResults {
            let seeds = try ap.enumerated().map { seed, value in
                var metrics = KindMap<COCOMetrics>()
                metrics[.box] = try COCOMetrics(stats: [value, value + 0.2, value - 0.05] + Array(repeating: 0.1, count: 9), kind: .box)
                var curves = KindMap<PRCurves>()
                curves[.box] = PRCurves(iou50: Array(repeating: value + 0.2, count: 101), iou75: Array(repeating: value, count: 101))
                return SeedResult(seed: seed, metrics: metrics, perImage: KindMap(), prCurves: curves,
                                  lossCurve: LossCurve(iterations: [1, 5], loss: [2, 1]), wallSeconds: 3, iterations: 5)
            }
            let config = try TableResolver.config(of: table.variant(named: name)!, in: table, preset: "quick", seed: 0, threads: 2)
            return VariantResults(name: name, label: table.variant(named: name)!.displayName,
                                  overrides: table.variant(named: name)!.overrides, config: config,
                                  configHash: ConfigHash.of(config), seeds: seeds)
        }
        let results = AblationResults(
            table: "toy", preset: "quick", variants: [try variant("good", [0.30, 0.32]), try variant("bad", [0.20, 0.24])],
            configHash: "0123456789abcdef", commit: "abc123", threads: 2,
            machine: MachineInfo(os: "Linux", cpu: "Test CPU", cores: 2), command: "ablate toy --preset quick", data: "synthetic")
        return (table, results)
    }

    @Test func reportHasMeasuredAndPaperTablesDeltasAndCommand() throws {
        let (table, results) = try Self.results()
        let (markdown, svgs) = ReportWriter(table: table, results: results, bootstrap: PairedBootstrap(replicates: 20))
            .render(assetFolder: "toy")
        #expect(markdown.contains("| Variant | box AP | box AP50 | box AP75 |"))
        // Mean ± sample std in points: good AP 31.0 ± 1.4, AP50 51.0 ± 1.4; bad 22.0 ± 2.8.
        #expect(markdown.contains("| Good | 31.0 ± 1.4 | 51.0 ± 1.4 | 26.0 ± 1.4 |"))
        #expect(markdown.contains("| Bad | 22.0 ± 2.8 | 42.0 ± 2.8 | 17.0 ± 2.8 |"))
        // The paper's rows beside them, "–" where the paper has no number.
        #expect(markdown.contains("| Good | 30.0 | – | 31.0 |"))
        // Seed-paired deltas against the baseline (good): bad - good = -10, -8 -> -9.0 ± 1.4; paper -4.0.
        #expect(markdown.contains("| Bad | -9.0 ± 1.4 | -4.0 |"))
        #expect(markdown.contains("Regenerate: `ablate toy --preset quick`"))
        #expect(markdown.contains("No prediction panel"))
        #expect(svgs.keys.sorted() == ["pr-box-iou50.svg", "pr-box-iou75.svg"])
        #expect(svgs["pr-box-iou75.svg"]!.contains("<polyline"))
        #expect(markdown.contains("![box PR at IoU 0.75](toy/pr-box-iou75.svg)"))
        // Without per-image matches a claim cannot be assessed, and the report says so.
        #expect(markdown.contains("1 claim(s) not assessed"))
    }

    /// pycocotools reports -1 for a statistic without ground truth (e.g. APl when no object is
    /// large); the report shows a dash, not -100 points, and takes no delta from it.
    @Test func undefinedStatisticsReadAsADash() throws {
        var (table, results) = try Self.results()
        for index in results.variants[1].seeds.indices {
            results.variants[1].seeds[index].metrics[.box] = try COCOMetrics(
                stats: [0.2, 0.4, -1] + Array(repeating: 0.1, count: 9), kind: .box)
        }
        let (markdown, _) = ReportWriter(table: table, results: results, bootstrap: PairedBootstrap(replicates: 20))
            .render(assetFolder: "toy")
        #expect(!markdown.contains("-100.0"))
        #expect(markdown.contains("| Bad | 20.0 ± 0.0 | 40.0 ± 0.0 | – |"))
    }

    @Test func claimVerdictLineCarriesTheNumbers() throws {
        let layout = TestTable.scratch()
        defer { try? FileManager.default.removeItem(at: layout.root) }
        let run = try TestTable.run(layout, preset: "quick", runner: EvaluatingRunner(trainer: TestTable.trainer(good: 0.5, bad: 3)),
                                    replicates: 100)
        _ = try run.runJobs()
        try run.finish()
        let markdown = try String(contentsOf: layout.report(table: "toy", preset: "quick"), encoding: .utf8)
        let line = try #require(markdown.split(separator: "\n").first { $0.contains("Good beats bad") })
        #expect(line.hasPrefix("- **reproduced**: Good beats bad at box AP75 (box.AP75): +"))
        let perSeed = try #require(line.firstRange(of: "over 3 seeds (per seed ")).upperBound
        let seedDifferences = line[perSeed...].prefix { $0 != ")" }.split(separator: ", ")
        #expect(seedDifferences.count == 3 && seedDifferences.allSatisfy { $0.hasPrefix("+") }, "\(line)")
        #expect(line.contains("), 95% CI [+"))
        #expect(line.contains("p = 0.0"))
        #expect(line.hasSuffix("paper +4.5."))
        let assets = layout.reportAssets(table: "toy", preset: "quick")
        #expect(FileManager.default.fileExists(atPath: assets.appendingPathComponent("pr-box-iou75.svg").path))
    }

    @Test func reversedClaimIsReportedAsNotReproduced() throws {
        let layout = TestTable.scratch()
        defer { try? FileManager.default.removeItem(at: layout.root) }
        let run = try TestTable.run(layout, runner: EvaluatingRunner(trainer: TestTable.trainer(good: 3, bad: 0.5)), replicates: 100)
        _ = try run.runJobs()
        let results = try run.finish()
        let assessment = try #require(ReportWriter(table: run.plan.table, results: results, bootstrap: run.bootstrap).assessments().first)
        #expect(assessment.verdict == .notReproduced)
    }
}
