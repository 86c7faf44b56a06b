import ArgumentParser

/// `ablate`: regenerates the paper's ablation tables. Only `export-data` exists so far.
@main
struct AblateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ablate",
        abstract: "Regenerate the Mask R-CNN paper's ablation tables on one CPU.",
        subcommands: [ExportDataCommand.self]
    )
}
