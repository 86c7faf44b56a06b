import ArgumentParser

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
}
