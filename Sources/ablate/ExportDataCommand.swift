import ArgumentParser

/// `ablate export-data DIR`: writes the embedded synthetic dataset in COCO's folder layout.
struct ExportDataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-data",
        abstract: "Write the synthetic dataset as COCO folders (PNG + JSON)."
    )

    @Argument(help: "Output directory.")
    var directory: String

    func run() throws {}
}
