import COCOEval
import MaskRCNN

/// `Results/TABLE.json`: every variant and seed of one table run. The schema is documented in
/// README-ablate.md and versioned by `schema_version`; fields are only ever added.
public struct AblationResults: Codable, Sendable, Equatable {
    /// The current schema version.
    public static let currentSchemaVersion = 1

    /// Version of this layout.
    public var schemaVersion: Int
    /// The table's name.
    public var table: String
    /// The preset's name.
    public var preset: String
    /// The variants in the table's order.
    public var variants: [VariantResults]
    /// `JobPlan.configHash`: identifies table + preset + seeds + data.
    public var configHash: String
    /// The MaskBench git commit that produced the numbers ("unknown" outside a checkout).
    public var commit: String
    /// Worker threads per job.
    public var threads: Int
    /// The machine the jobs ran on.
    public var machine: MachineInfo
    /// The command that regenerates this file.
    public var command: String
    /// Where the data came from ("synthetic" or a COCO folder).
    public var data: String

    /// Creates a results file.
    public init(table: String, preset: String, variants: [VariantResults], configHash: String, commit: String,
                threads: Int, machine: MachineInfo, command: String, data: String) {
        schemaVersion = Self.currentSchemaVersion
        self.table = table
        self.preset = preset
        self.variants = variants
        self.configHash = configHash
        self.commit = commit
        self.threads = threads
        self.machine = machine
        self.command = command
        self.data = data
    }

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version"
        case table, preset, variants
        case configHash = "config_hash"
        case commit, threads, machine, command, data
    }

    /// The variant called `name`.
    public func variant(named name: String) -> VariantResults? { variants.first { $0.name == name } }
}

/// One variant's row: its overrides, its resolved config and one entry per seed.
public struct VariantResults: Codable, Sendable, Equatable {
    /// The variant's name.
    public var name: String
    /// The report label.
    public var label: String
    /// The variant's own overrides, as written in the table.
    public var overrides: ConfigOverride?
    /// The resolved config of seed 0 (other seeds differ only in `seed`).
    public var config: ModelConfig
    /// Hash of the resolved config of seed 0.
    public var configHash: String
    /// One result per seed, ascending.
    public var seeds: [SeedResult]

    /// Creates a variant's results.
    public init(name: String, label: String, overrides: ConfigOverride?, config: ModelConfig, configHash: String,
                seeds: [SeedResult]) {
        self.name = name
        self.label = label
        self.overrides = overrides
        self.config = config
        self.configHash = configHash
        self.seeds = seeds
    }

    enum CodingKeys: String, CodingKey {
        case name, label, overrides, config
        case configHash = "config_hash"
        case seeds
    }

    /// `metric` of every seed that has it, in seed order.
    public func values(of metric: MetricKey) -> [Double] {
        seeds.compactMap { $0.metrics[metric.kind]?[metric.statistic] }
    }
}

/// What one (variant, seed) job produced.
public struct SeedResult: Codable, Sendable, Equatable {
    /// The seed.
    public var seed: Int
    /// The COCO statistics per evaluated kind.
    public var metrics: KindMap<COCOMetrics>
    /// Per-image matches per kind, for the paired bootstrap (`ImageMatches`).
    public var perImage: KindMap<[ImageMatches]>
    /// Precision-recall curves per kind, for the report's SVG plots.
    public var prCurves: KindMap<PRCurves>
    /// The training loss, sampled.
    public var lossCurve: LossCurve
    /// Wall-clock seconds of train + predict + evaluate.
    public var wallSeconds: Double
    /// Iterations trained.
    public var iterations: Int

    /// Creates a seed's result.
    public init(seed: Int, metrics: KindMap<COCOMetrics>, perImage: KindMap<[ImageMatches]>, prCurves: KindMap<PRCurves>,
                lossCurve: LossCurve, wallSeconds: Double, iterations: Int) {
        self.seed = seed
        self.metrics = metrics
        self.perImage = perImage
        self.prCurves = prCurves
        self.lossCurve = lossCurve
        self.wallSeconds = wallSeconds
        self.iterations = iterations
    }

    enum CodingKeys: String, CodingKey {
        case seed, metrics
        case perImage = "per_image"
        case prCurves = "pr_curves"
        case lossCurve = "loss_curve"
        case wallSeconds = "wall_seconds"
        case iterations
    }
}

/// Precision at the 101 recall thresholds 0, 0.01, ..., 1 (area "all", largest detection
/// limit), averaged over categories that have ground truth: pycocotools' `precision[t, :, k, 0, -1]`.
public struct PRCurves: Codable, Sendable, Equatable {
    /// At IoU 0.50.
    public var iou50: [Double]
    /// At IoU 0.75.
    public var iou75: [Double]

    /// Creates the curves.
    public init(iou50: [Double], iou75: [Double]) {
        self.iou50 = iou50
        self.iou75 = iou75
    }

    /// The curves of an evaluation.
    public init(_ result: EvaluationResult) {
        let shape = result.precisionShape
        func curve(at threshold: Double) -> [Double] {
            guard let t = result.parameters.iouThresholds.firstIndex(of: threshold) else { return [] }
            return (0..<shape[1]).map { r in
                let values = (0..<shape[2]).map {
                    result.precision(threshold: t, recall: r, category: $0, area: 0, maxDetections: shape[4] - 1)
                }.filter { $0 > -1 }
                return values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
            }
        }
        self.init(iou50: curve(at: 0.5), iou75: curve(at: 0.75))
    }
}

/// The training loss at a few iterations (the trainer decides how many points; 50 or so).
public struct LossCurve: Codable, Sendable, Equatable {
    /// Iterations, ascending.
    public var iterations: [Int]
    /// Total loss at those iterations (a running mean over the preceding window).
    public var loss: [Double]

    /// Creates a curve; both arrays have the same length.
    public init(iterations: [Int] = [], loss: [Double] = []) {
        self.iterations = iterations
        self.loss = loss
    }

    /// The last recorded loss, if any.
    public var final: Double? { loss.last }
}

extension VariantResults {
    /// The per-image matches of `kind` of this variant and `other`, seed by seed: seeds pair up
    /// by value, and a seed missing (or without matches) on either side is left out.
    public func pairedMatches(with other: VariantResults, kind: EvaluationKind) -> (a: [[ImageMatches]], b: [[ImageMatches]]) {
        var a: [[ImageMatches]] = [], b: [[ImageMatches]] = []
        for seed in seeds {
            guard let partner = other.seeds.first(where: { $0.seed == seed.seed }),
                  let left = seed.perImage[kind], let right = partner.perImage[kind] else { continue }
            a.append(left)
            b.append(right)
        }
        return (a, b)
    }
}
