import ArgumentParser
import Foundation

/// `ablate`: regenerates the paper's ablation tables. `ablate TABLE` runs a table (the default
/// subcommand); the others list, re-render, compare, merge shards, check against baselines and
/// export the synthetic data.
@main
struct AblateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ablate",
        abstract: "Regenerate the Mask R-CNN paper's ablation tables on one CPU.",
        subcommands: [
            TableCommand.self, ListCommand.self, RunFileCommand.self, ReportCommand.self, CompareCommand.self,
            MergeCommand.self, CheckCommand.self, ExportDataCommand.self,
        ],
        defaultSubcommand: TableCommand.self
    )

    /// Usage errors (an unknown flag, a missing argument) are bad input like a bad table file:
    /// one line on stderr and exit status 2, not the argument parser's EX_USAGE (64).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data("ablate: \(message(for: error))\n".utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
