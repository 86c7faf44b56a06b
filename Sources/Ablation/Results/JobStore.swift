import COCO
import Foundation
import MaskRCNN

/// One finished job on disk: `Results/jobs/TABLE/PRESET/VARIANT.seedN.json`, written atomically
/// when the job ends, so a killed run or another shard never sees half a file.
public struct JobRecord: Codable, Sendable, Equatable {
    /// The table's name.
    public var table: String
    /// The preset's name.
    public var preset: String
    /// The variant's name.
    public var variant: String
    /// The job's `configHash`: a record whose hash differs from the planned job's is stale.
    public var configHash: String
    /// The engine's `NumericsRevision` when the job ran: a record of another revision (or of an
    /// engine before revisions were recorded, nil) is stale too.
    public var numericsRevision: Int?
    /// The resolved config.
    public var config: ModelConfig
    /// What the job produced.
    public var result: SeedResult

    enum CodingKeys: String, CodingKey {
        case table, preset, variant
        case configHash = "config_hash"
        case numericsRevision = "numerics_revision"
        case config, result
    }
}

/// The per-job files of one (table, preset): which jobs are done, saving one, joining all.
public struct JobStore: Sendable {
    /// `Results/jobs/TABLE/PRESET/`.
    public let directory: URL

    /// A store in `directory`.
    public init(directory: URL) {
        self.directory = directory
    }

    /// The file of `job`.
    public func url(of job: AblationJob) -> URL {
        directory.appendingPathComponent("\(job.fileStem).json")
    }

    /// The saved result of `job` when its file exists and was made from the same config by an
    /// engine of the same numerics; nil otherwise (missing, stale or unreadable files are simply
    /// run again).
    public func completed(_ job: AblationJob) -> SeedResult? {
        guard let record = try? ResultsIO.read(JobRecord.self, from: url(of: job)),
              record.configHash == job.configHash, record.numericsRevision == NumericsRevision.current,
              record.variant == job.variant, record.result.seed == job.seed
        else { return nil }
        return record.result
    }

    /// Saves `result` as `job`'s record, atomically.
    public func save(_ result: SeedResult, of job: AblationJob) throws(InputError) {
        let record = JobRecord(table: job.table, preset: job.preset, variant: job.variant, configHash: job.configHash,
                               numericsRevision: NumericsRevision.current, config: job.config, result: result)
        try ResultsIO.write(record, to: url(of: job))
    }

    /// The jobs of `plan` without a current record.
    public func missing(in plan: JobPlan) -> [AblationJob] {
        plan.jobs.filter { completed($0) == nil }
    }

    /// Joins every job of `plan` into one results value; throws naming the missing jobs.
    public func merge(_ plan: JobPlan, commit: String, machine: MachineInfo, command: String) throws(InputError) -> AblationResults {
        let missing = missing(in: plan)
        guard missing.isEmpty else {
            let names = missing.prefix(5).map(\.fileStem).joined(separator: ", ")
            throw InputError(file: directory.path, message: "\(missing.count) of \(plan.jobs.count) jobs have no current result (\(names)\(missing.count > 5 ? ", ..." : "")): run the missing shards first")
        }
        let variants = plan.table.variants.map { variant in
            let jobs = plan.jobs.filter { $0.variant == variant.name }
            return VariantResults(
                name: variant.name, label: variant.displayName, overrides: variant.overrides, config: jobs[0].config,
                configHash: jobs[0].configHash, seeds: jobs.compactMap(completed))
        }
        return AblationResults(
            table: plan.table.table, preset: plan.preset, variants: variants, configHash: plan.configHash,
            commit: commit, threads: plan.threads, machine: machine, command: command, data: plan.data.summary)
    }
}
