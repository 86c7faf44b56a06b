import Ablation
import COCO
import Foundation
import Testing

@Suite struct ResultsRoundTripTests {
    @Test func resultsSurviveWriteAndRead() throws {
        let layout = TestTable.scratch()
        defer { try? FileManager.default.removeItem(at: layout.root) }
        let run = try TestTable.run(layout, runner: EvaluatingRunner(trainer: TestTable.trainer()), replicates: 10)
        _ = try run.runJobs()
        let written = try run.finish()
        let url = layout.results(table: "toy", preset: "smoke")
        #expect(url.lastPathComponent == "toy-smoke.json")
        let read = try ResultsIO.readResults(from: url)
        #expect(read == written)
        #expect(read.variants[0].seeds[0].perImage.box?.isEmpty == false)
    }

    @Test func resultsAreOneCompactLineWithSortedKeysAndShortestDoubles() throws {
        let layout = TestTable.scratch()
        defer { try? FileManager.default.removeItem(at: layout.root) }
        var (_, results) = try ReportWriterTests.results()
        results.variants[0].seeds[0].wallSeconds = 0.1
        results.variants[0].seeds[0].lossCurve.loss = [1.0 / 3.0, 0.30000000000000004]
        let url = layout.root.appendingPathComponent("compact.json")
        try ResultsIO.write(results, to: url)
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.hasPrefix(#"{"command":"ablate toy --preset quick","commit":"abc123","config_hash":"#))
        #expect(text.filter { $0 == "\n" }.count == 1 && text.hasSuffix("}\n"))
        #expect(!text.contains(" : ") && !text.contains("\\/"))
        #expect(text.contains(#""wall_seconds":0.1}"#))
        #expect(text.contains(#""loss":[0.3333333333333333,0.30000000000000004]"#))
        #expect(try ResultsIO.readResults(from: url) == results)
    }

    @Test func schemaUsesTheDocumentedKeys() throws {
        let (_, results) = try ReportWriterTests.results()
        let data = try JSONEncoder().encode(results)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["schema_version", "table", "preset", "variants", "config_hash", "commit", "threads",
                                     "machine", "command", "data"])
        let variant = try #require((object["variants"] as? [[String: Any]])?.first)
        #expect(Set(variant.keys) == ["name", "label", "overrides", "config", "config_hash", "seeds"])
        let seed = try #require((variant["seeds"] as? [[String: Any]])?.first)
        #expect(Set(seed.keys) == ["seed", "metrics", "per_image", "pr_curves", "loss_curve", "wall_seconds", "iterations"])
        let box = try #require((seed["metrics"] as? [String: Any])?["box"] as? [String: Double])
        #expect(Set(box.keys) == Set(["AP", "AP50", "AP75", "APs", "APm", "APl", "AR1", "AR10", "AR100", "ARs", "ARm", "ARl"]))
    }

    @Test func newerSchemaAndBadJSONAreInputErrors() throws {
        let layout = TestTable.scratch()
        defer { try? FileManager.default.removeItem(at: layout.root) }
        let (_, results) = try ReportWriterTests.results()
        var newer = results
        newer.schemaVersion = 99
        let url = layout.root.appendingPathComponent("newer.json")
        try ResultsIO.write(newer, to: url)
        do {
            _ = try ResultsIO.readResults(from: url)
            Issue.record("accepted a newer schema")
        } catch {
            #expect(error.field == "schema_version")
            #expect(error.file == url.path)
        }
        let broken = layout.root.appendingPathComponent("broken.json")
        try ResultsIO.writeAtomically(Data(#"{"table": 3}"#.utf8), to: broken)
        #expect(throws: InputError.self) { try ResultsIO.readResults(from: broken) }
    }
}
