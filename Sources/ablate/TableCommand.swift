import Ablation
import ArgumentParser

/// `ablate TABLE [--preset] [--seeds N] [--data DIR] [--threads N] [--shard i/n]`.
struct TableCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "table",
        abstract: "Train every variant x seed of a table, evaluate, write Results/TABLE.json and Reports/TABLE.md.",
        discussion: "A killed run resumes: finished jobs are kept in Results/jobs/ and skipped. With --shard i/n only that slice runs; `ablate merge` joins the slices."
    )

    @OptionGroup var arguments: TableRunArguments

    func run() throws {
        try arguments.run()
    }
}

/// `ablate run FILE.yaml`: a user's own table, run exactly like the built-in ones.
struct RunFileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Run a table from a YAML file (your own ablation).")

    @OptionGroup var arguments: TableRunArguments

    func run() throws {
        try arguments.run()
    }
}

/// What `ablate TABLE` and `ablate run FILE` share: the table, the run options and the shard.
struct TableRunArguments: ParsableArguments {
    @Argument(help: "A table in Ablations/ (e.g. roialign) or a YAML file.")
    var table: String

    @OptionGroup var options: RunOptions

    @Option(help: "Run only slice i of n (0 <= i < n) of the variant x seed jobs.")
    var shard: String?

    func run() throws {
        try reportingErrors {
            let loaded = try loadTable(table, layout: options.layout)
            try runTable(loaded, argument: table, options: options, shard: shard)
        }
    }
}

/// `ablate merge TABLE`: joins the per-job results of all shards into Results/TABLE.json.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Join the shards' job results into Results/TABLE.json and render the report.",
        discussion: "Pass the same --preset, --seeds, --data and --threads as the shards."
    )

    @Argument(help: "A table in Ablations/ or a YAML file.")
    var table: String

    @OptionGroup var options: RunOptions

    func run() throws {
        try reportingErrors {
            let loaded = try loadTable(table, layout: options.layout)
            let plan = try options.plan(loaded)
            let store = JobStore(directory: options.layout.jobDirectory(table: loaded.table, preset: options.preset))
            let results = try store.merge(plan, commit: MachineInfo.currentCommit(in: options.layout.root), machine: .current,
                                          command: options.command(table: table))
            try ResultsIO.write(results, to: options.layout.results(table: loaded.table, preset: options.preset))
            PredictionPanelBuilder.write(table: loaded, results: results, layout: options.layout, progress: .standardError)
            try ReportWriter(table: loaded, results: results).write(to: options.layout)
            print(options.layout.results(table: loaded.table, preset: options.preset).path)
        }
    }
}
