import Ablation
import Foundation
import Testing
import TestSupport

/// Runs the built `ablate` executable: exit codes, one-line errors, and the commands that need
/// no trained model (list, compare, merge, report).
@Suite struct AblateCommandLineTests {
    static func run(_ arguments: [String]) throws -> CommandLineTool.Run {
        try CommandLineTool("ablate").run(arguments)
    }

    /// A scratch project with the toy table in `Ablations/toy.yaml`.
    static func project() throws -> ProjectLayout {
        let layout = TestTable.scratch()
        try ResultsIO.writeAtomically(Data(TestTable.yaml.utf8), to: layout.tableFile("toy"))
        return layout
    }

    @Test func listShowsTheSevenTables() throws {
        let root = Fixtures.directory.deletingLastPathComponent().deletingLastPathComponent()
        let run = try Self.run(["list", "--root", root.path])
        #expect(run.status == 0)
        #expect(run.stdout.split(separator: "\n").map { String($0.split(separator: "\t")[0]) }
                == ["backbone", "keypoints", "mask-head", "mask-loss", "multitask", "roialign", "roialign-c5"])
    }

    @Test func badTableIsOneLineAndExitTwo() throws {
        let layout = try Self.project()
        defer { try? FileManager.default.removeItem(at: layout.root) }
        let bad = layout.root.appendingPathComponent("bad.yaml")
        try ResultsIO.writeAtomically(Data(TestTable.yaml.replacingOccurrences(of: "baseline: good", with: "baseline: best").utf8), to: bad)
        let run = try Self.run(["run", bad.path, "--root", layout.root.path])
        #expect(run.status == 2)
        #expect(run.stderr == "ablate: \(bad.path): field \"baseline\": no variant named \"best\"\n")
        let shard = try Self.run(["toy", "--root", layout.root.path, "--shard", "4/2"])
        #expect(shard.status == 2)
        #expect(shard.stderr.contains("--shard"))
    }

    @Test func usageErrorsAreOneLineAndExitTwoButHelpSucceeds() throws {
        let unknownFlag = try Self.run(["list", "--colour"])
        #expect(unknownFlag.status == 2)
        #expect(unknownFlag.stderr.hasPrefix("ablate: ") && unknownFlag.stderr.contains("--colour"))
        #expect(unknownFlag.stderr.split(separator: "\n").count == 1)
        let badNumber = try Self.run(["toy", "--threads", "two"])
        #expect(badNumber.status == 2)
        #expect(badNumber.stderr.contains("two"))
        let help = try Self.run(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("USAGE"))
    }

    @Test func mergeNamesMissingJobsAndReportReRenders() throws {
        let layout = try Self.project()
        defer { try? FileManager.default.removeItem(at: layout.root) }
        let missing = try Self.run(["merge", "toy", "--preset", "smoke", "--threads", "1", "--root", layout.root.path])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("4 of 4 jobs have no current result"))

        // Jobs written by the library (a test double trains), then joined by the CLI.
        let run = try TestTable.run(layout, runner: EvaluatingRunner(trainer: TestTable.trainer()))
        _ = try run.runJobs()
        let merged = try Self.run(["merge", "toy", "--preset", "smoke", "--threads", "1", "--root", layout.root.path])
        #expect(merged.status == 0, Comment(rawValue: merged.stderr))
        let report = layout.report(table: "toy", preset: "smoke")
        #expect(FileManager.default.fileExists(atPath: report.path))
        try FileManager.default.removeItem(at: report)
        let rendered = try Self.run(["report", "toy", "--preset", "smoke", "--root", layout.root.path])
        #expect(rendered.status == 0)
        #expect(try String(contentsOf: report, encoding: .utf8).contains("| Good |"))
    }

    @Test func compareFindsTheBetterRun() throws {
        let better = try Self.project(), worse = try Self.project()
        defer {
            try? FileManager.default.removeItem(at: better.root)
            try? FileManager.default.removeItem(at: worse.root)
        }
        for (layout, error) in [(better, 0.5), (worse, 3.0)] {
            let run = try TestTable.run(layout, runner: EvaluatingRunner(trainer: TestTable.trainer(good: error)))
            _ = try run.runJobs()
            try run.finish()
        }
        let run = try Self.run(["compare", better.results(table: "toy", preset: "smoke").path,
                                worse.results(table: "toy", preset: "smoke").path, "--metric", "box.AP75", "--replicates", "100"])
        #expect(run.status == 0, Comment(rawValue: run.stderr))
        let lines = run.stdout.split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
        #expect(lines.first == ["variant_a", "variant_b", "metric", "difference", "lower", "upper", "p", "seeds", "images"])
        let good = try #require(lines.first { $0.first == "good" })
        #expect(good[2] == "box.AP75")
        #expect(good[3].hasPrefix("+"))
        #expect(good[4].hasPrefix("+"), "the interval excludes 0")
        let bad = try #require(lines.first { $0.first == "bad" })
        #expect(bad[3] == "+0.00", "the bad variant is the same in both runs")
        let wrongMetric = try Self.run(["compare", better.results(table: "toy", preset: "smoke").path,
                                        worse.results(table: "toy", preset: "smoke").path, "--metric", "box.ARl"])
        #expect(wrongMetric.status == 2)
    }
}
