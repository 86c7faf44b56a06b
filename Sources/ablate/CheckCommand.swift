import Ablation
import ArgumentParser
import COCO
import Foundation

/// `ablate check [TABLE...]`: re-runs each table's smoke preset and compares it with the
/// committed baseline `Results/TABLE-smoke.json` within the table's tolerances; exits 1 with a
/// readable diff on a regression.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Re-run smoke presets and compare with the committed baselines (CI regression test)."
    )

    @Argument(help: "Tables to check (default: every table with a committed smoke baseline).")
    var tables: [String] = []

    @Option(help: "Project root holding Ablations/ and Results/.")
    var root: String = "."

    func run() throws {
        try reportingErrors {
            let layout = ProjectLayout(root: URL(fileURLWithPath: root))
            let names = tables.isEmpty
                ? layout.tableNames().filter { FileManager.default.fileExists(atPath: layout.results(table: $0, preset: "smoke").path) }
                : tables
            if names.isEmpty {
                print("ablate check: no smoke baselines (Results/TABLE-smoke.json) committed; nothing to check")
                return
            }
            var failures = 0
            for name in names {
                let table = try loadTable(name, layout: layout)
                let baseline = try ResultsIO.readResults(from: layout.results(table: table.table, preset: "smoke"))
                let current = try RegressionCheck.rerun(table: table, baseline: baseline, runner: DetectorRunner.make(),
                                                        progress: .standardError)
                let lines = RegressionCheck(table: table).compare(baseline: baseline, current: current)
                for line in lines { print("\(table.table): \(line.description)") }
                failures += lines.filter { !$0.passed }.count
            }
            if failures > 0 {
                FileHandle.standardError.write(Data("ablate check: \(failures) value(s) outside tolerance\n".utf8))
                throw ExitCode(1)
            }
        }
    }
}
