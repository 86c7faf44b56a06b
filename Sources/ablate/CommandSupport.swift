import Ablation
import ArgumentParser
import COCO
import Foundation

/// Options shared by the commands that plan a table run (`ablate TABLE`, `run`, `merge`).
struct RunOptions: ParsableArguments {
    @Option(help: "Preset: smoke, quick or full (or another the table defines).")
    var preset: String = "quick"

    @Option(help: "Seeds 0..<N (default: the preset's).")
    var seeds: Int?

    @Option(help: "A COCO folder (annotations/instances_{train,val}.json) instead of the embedded synthetic data.")
    var data: String?

    @Option(help: "Worker threads per job (results are deterministic per seed and thread count).")
    var threads: Int = 2

    @Option(help: "Project root holding Ablations/, Results/, Reports/.")
    var root: String = "."

    var layout: ProjectLayout { ProjectLayout(root: URL(fileURLWithPath: root)) }

    /// The data source, checked to exist.
    func dataSource() throws(InputError) -> DataSource {
        guard let data else { return .synthetic }
        for split in ["train", "val"] {
            let file = URL(fileURLWithPath: data).appendingPathComponent("annotations/instances_\(split).json").path
            guard FileManager.default.fileExists(atPath: file) else {
                throw InputError(file: file, field: "--data", message: "missing: --data needs a COCO folder with train and val annotations")
            }
        }
        return .cocoFolder(path: data)
    }

    /// The job plan of `table` under these options.
    func plan(_ table: AblationTable) throws(InputError) -> JobPlan {
        try JobPlan(table: table, preset: preset, seedCount: seeds, threads: threads, data: dataSource())
    }

    /// The command line that regenerates this run.
    func command(table: String) -> String {
        var parts = ["ablate", table, "--preset", preset]
        if let seeds { parts += ["--seeds", String(seeds)] }
        if let data { parts += ["--data", data] }
        parts += ["--threads", String(threads)]
        return parts.joined(separator: " ")
    }
}

/// A table named `Ablations/NAME.yaml`, or a path to a YAML file.
func loadTable(_ argument: String, layout: ProjectLayout) throws(InputError) -> AblationTable {
    let isPath = argument.hasSuffix(".yaml") || argument.hasSuffix(".yml") || argument.contains("/")
    let url = isPath ? URL(fileURLWithPath: argument) : layout.tableFile(argument)
    guard FileManager.default.fileExists(atPath: url.path) else {
        throw InputError(file: url.path, message: "no such table (`ablate list` shows the tables)")
    }
    return try TableLoader.load(url)
}

/// Runs `body`, printing any error as one line on stderr: input errors exit 2, failures 1.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as ExitCode {
        throw error
    } catch let error as InputError {
        FileHandle.standardError.write(Data("ablate: \(error)\n".utf8))
        throw ExitCode(2)
    } catch {
        FileHandle.standardError.write(Data("ablate: \(ErrorDescription.oneLine(error))\n".utf8))
        throw ExitCode(1)
    }
}

/// Plans, runs this shard's unfinished jobs and, for an unsharded run, writes results and report.
func runTable(_ table: AblationTable, argument: String, options: RunOptions, shard shardText: String?) throws {
    let plan = try options.plan(table)
    let shard = try shardText.map { text throws(InputError) in try Shard(parsing: text) } ?? .all
    let runner = try DetectorRunner.make()
    let run = AblationRun(layout: options.layout, plan: plan, runner: runner, command: options.command(table: argument),
                          commit: MachineInfo.currentCommit(in: options.layout.root))
    let counts = try run.runJobs(shard: shard)
    FileHandle.standardError.write(Data("\(table.table) \(options.preset) shard \(shard): \(counts.ran) run, \(counts.skipped) already done\n".utf8))
    if shard == .all {
        try run.finish()
        print(options.layout.results(table: table.table, preset: options.preset).path)
        print(options.layout.report(table: table.table, preset: options.preset).path)
    } else {
        FileHandle.standardError.write(Data("join the shards with: ablate merge \(argument) --preset \(options.preset)\n".utf8))
    }
}

/// The trained detector behind `ablate TABLE`, `run` and `check`: the MaskRCNN model trained
/// on each job's data, then COCO-evaluated.
enum DetectorRunner {
    static func make() throws -> any VariantRunner {
        EvaluatingRunner(trainer: MaskRCNNTrainer())
    }
}
