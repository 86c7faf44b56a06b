import Ablation
import ArgumentParser
import Foundation

/// `ablate list`: the tables in Ablations/ with their variants, presets and claims.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the tables in Ablations/.")

    @Option(help: "Project root holding Ablations/.")
    var root: String = "."

    func run() throws {
        try reportingErrors {
            let layout = ProjectLayout(root: URL(fileURLWithPath: root))
            for name in layout.tableNames() {
                let table = try TableLoader.load(layout.tableFile(name))
                let presets = table.presets.keys.sorted().joined(separator: ",")
                print("\(name)\t\(table.title)\t\(table.variants.count) variants\tpresets \(presets)\t\(table.claims.count) claims")
            }
        }
    }
}

/// `ablate report TABLE`: re-renders Reports/TABLE.md from Results/TABLE.json.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report", abstract: "Re-render a report from its results file.")

    @Argument(help: "A table in Ablations/ or a YAML file.")
    var table: String

    @Option(help: "The preset whose results to render.")
    var preset: String = "quick"

    @Option(help: "Project root holding Ablations/, Results/, Reports/.")
    var root: String = "."

    func run() throws {
        try reportingErrors {
            let layout = ProjectLayout(root: URL(fileURLWithPath: root))
            let loaded = try loadTable(table, layout: layout)
            let results = try ResultsIO.readResults(from: layout.results(table: loaded.table, preset: preset))
            PredictionPanelBuilder.write(table: loaded, results: results, layout: layout, progress: .standardError)
            try ReportWriter(table: loaded, results: results).write(to: layout)
            print(layout.report(table: loaded.table, preset: preset).path)
        }
    }
}
