import Ablation
import COCO
import Foundation
import MaskRCNN
import Testing
import TestSupport

@Suite struct TableLoaderTests {
    /// `Ablations/` of the source tree.
    static let tablesDirectory = Fixtures.directory.deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Ablations")

    @Test func everyCommittedTableLoadsWithClaimsAndAllPresets() throws {
        let layout = ProjectLayout(root: Self.tablesDirectory.deletingLastPathComponent())
        let names = layout.tableNames()
        #expect(names == ["backbone", "keypoints", "mask-head", "mask-loss", "multitask", "roialign", "roialign-c5"])
        for name in names {
            let table = try TableLoader.load(layout.tableFile(name))
            #expect(table.table == name)
            #expect(!table.claims.isEmpty, "\(name) has no claims")
            #expect(Set(table.presets.keys).isSuperset(of: ["smoke", "quick", "full"]))
        }
    }

    @Test func roialignVariantsResolveToTheirOperators() throws {
        let table = try TableLoader.load(Self.tablesDirectory.appendingPathComponent("roialign.yaml"))
        let pool = try TableResolver.config(of: table.variant(named: "roipool_max")!, in: table, preset: "quick", seed: 2, threads: 1)
        #expect(pool.roiHeads.boxPooler.kind == .roiPool)
        #expect(pool.roiHeads.boxPooler.aggregation == .max)
        #expect(pool.solver.iterations == table.presets["quick"]!.iterations)
        #expect(pool.seed == 2)
        #expect(pool.features.kind == .c4)
        let align = try TableResolver.config(of: table.variant(named: "roialign_avg")!, in: table, preset: "smoke", seed: 0, threads: 1)
        #expect(align.roiHeads.boxPooler.kind == .roiAlign)
        #expect(align.roiHeads.boxPooler.aggregation == .average)
        #expect(align.input.shorterSide == 128)  // the smoke preset upsamples its 64-px images
        // Apart from the operator, the variants of a preset are the same model.
        let quickAlign = try TableResolver.config(of: table.variant(named: "roialign_avg")!, in: table, preset: "quick", seed: 2, threads: 1)
        var normalized = pool
        normalized.roiHeads.boxPooler = quickAlign.roiHeads.boxPooler
        #expect(normalized == quickAlign)
    }

    @Test func paperNumbersOfTable2cMatchTheErrata() throws {
        let table = try TableLoader.load(Self.tablesDirectory.appendingPathComponent("roialign.yaml"))
        let rows = try #require(table.paper?.rows)
        #expect(rows["roialign_max"] == ["mask.AP": 30.2, "mask.AP50": 51.0, "mask.AP75": 31.8])
        #expect(rows["roialign_avg"] == ["mask.AP": 30.3, "mask.AP50": 51.2, "mask.AP75": 31.5])
        #expect(rows["roipool_max"]?["mask.AP75"] == 26.4)
    }

    static let badTables: [(String, String, String)] = [
        ("unknown override key", "overrides: {roi_heads: {box_pooler: {kind: roi_align}}}",
         "overrides: {roi_heads: {box_pooler: {knd: roi_align}}}"),
        ("unknown schema key", "baseline: good", "baseline: good\nbaselines: good"),
        ("mistyped preset", "seeds: 3, iterations: 5", "seeds: many, iterations: 5"),
        ("missing variant in claim", "better: good, worse: bad", "better: good, worse: worst"),
        ("bad enum value", "{kind: roi_pool, aggregation: max}", "{kind: roi_pool, aggregation: maximum}"),
        ("unknown baseline", "baseline: good", "baseline: best"),
        ("unresampleable claim", "metric: box.AP75, better", "metric: box.APs, better"),
        ("bad metric", "metrics: [box.AP, box.AP50, box.AP75]", "metrics: [box.AP, box.AP51, box.AP75]"),
        ("invalid config", "iterations: 5}", "iterations: 5, overrides: {input: {shorter_side: 100, max_size: 100}}}"),
        ("negative loss tolerance", "check: {default_tolerance: 0.01}", "check: {default_tolerance: 0.01, final_loss_tolerance: -0.1}"),
    ]

    @Test(arguments: 0..<badTables.count) func badTableNamesFileAndKeyPath(index: Int) throws {
        let (label, original, replacement) = Self.badTables[index]
        #expect(TestTable.yaml.contains(original), "\(label): test setup")
        let text = TestTable.yaml.replacingOccurrences(of: original, with: replacement)
        let expectedFields = [
            "variants[0].overrides.roi_heads.box_pooler.knd", "baselines", "presets.quick.seeds", "claims[0].worse",
            "variants[1].overrides.roi_heads.box_pooler.aggregation", "baseline", "claims[0].metric", "metrics[1]",
            "variants[0] (good) with preset quick: input.shorter_side", "check.final_loss_tolerance",
        ]
        do {
            _ = try TableLoader.parse(text, file: "toy.yaml")
            Issue.record("\(label): accepted")
        } catch {
            #expect(error.file == "toy.yaml", "\(label)")
            #expect(error.field == expectedFields[index], "\(label): \(error)")
        }
    }

    @Test func notYAMLIsOneInputError() {
        #expect(throws: InputError.self) { try TableLoader.parse("table: [\n", file: "x.yaml") }
    }
}
