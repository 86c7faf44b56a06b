import COCO
import MaskRCNN

/// The jobs of one table run: every variant (in the table's order) times every seed.
public struct JobPlan: Sendable {
    /// The table.
    public let table: AblationTable
    /// The preset's name.
    public let preset: String
    /// Seeds 0..<seedCount.
    public let seeds: [Int]
    /// Worker threads of each job.
    public let threads: Int
    /// Where the data comes from.
    public let data: DataSource
    /// Every job, variant-major.
    public let jobs: [AblationJob]

    /// Resolves every job; `seedCount` overrides the preset's seeds.
    public init(table: AblationTable, preset: String, seedCount: Int? = nil, threads: Int,
                data: DataSource = .synthetic) throws(InputError) {
        guard let settings = table.presets[preset] else {
            throw InputError(field: "--preset", message: "table \(table.table) has no preset \"\(preset)\" (\(table.presets.keys.sorted().joined(separator: ", ")))")
        }
        let count = seedCount ?? settings.seeds
        guard (1...1000).contains(count) else { throw InputError(field: "--seeds", message: "must be 1...1000") }
        guard (1...256).contains(threads) else { throw InputError(field: "--threads", message: "must be 1...256") }
        self.table = table
        self.preset = preset
        self.seeds = Array(0..<count)
        self.threads = threads
        self.data = data
        var jobs: [AblationJob] = []
        for variant in table.variants {
            for seed in seeds {
                let config = try TableResolver.config(of: variant, in: table, preset: preset, seed: seed, threads: threads)
                let hash = Self.jobHash(config: config, preset: settings, data: data)
                jobs.append(AblationJob(table: table.table, preset: preset, variant: variant.name, seed: seed,
                                        config: config, settings: settings, data: data, configHash: hash))
            }
        }
        self.jobs = jobs
    }

    /// A job's `configHash`: its resolved config, preset and data (a changed YAML or data makes it differ).
    static func jobHash(config: ModelConfig, preset: Preset, data: DataSource) -> String {
        ConfigHash.of(JobFingerprint(config: config, preset: preset, data: data))
    }

    /// The hash of the whole run: table, preset, seeds, data (not threads: those are recorded apart).
    public var configHash: String { ConfigHash.of(jobs.map(\.configHash)) }
}

/// What a job's hash covers.
private struct JobFingerprint: Encodable {
    var config: ModelConfig
    var preset: Preset
    var data: DataSource
}
