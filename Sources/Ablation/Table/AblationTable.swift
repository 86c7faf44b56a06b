import MaskRCNN

/// One ablation table as written in `Ablations/NAME.yaml`: a base `ModelConfig`, named variants
/// (overrides of it), presets that size the experiment, and the paper's rows and claims.
///
/// Keys are snake_case as in the YAML. `TableLoader` decodes, rejects unknown keys by path and
/// validates; a user's own file goes through the same code.
public struct AblationTable: Codable, Sendable, Equatable {
    /// The table's short name: the results are `Results/NAME.json`.
    public var table: String
    /// A human title, e.g. "Table 2c: RoI layer".
    public var title: String
    /// The paper's table this reproduces ("2c"), or empty for a user's own table.
    public var paperTable: String?
    /// Why the table exists and how the presets relate to the paper's setup (Markdown).
    public var description: String?
    /// The named `ModelConfig` the overrides start from.
    public var base: BaseConfig
    /// Overrides applied to `base` for every variant.
    public var overrides: ConfigOverride?
    /// The variant the report's deltas are taken against.
    public var baseline: String
    /// The rows of the table.
    public var variants: [Variant]
    /// The report's columns, e.g. `[mask.AP, mask.AP50, mask.AP75]`.
    public var metrics: [MetricKey]
    /// Experiment sizes by name; `smoke` (CI) and `quick` (the default) are required.
    public var presets: [String: Preset]
    /// The paper's numbers, for the report.
    public var paper: PaperReference?
    /// The paper's claims, each given a verdict in the report.
    public var claims: [Claim]
    /// Tolerances of `ablate check`.
    public var check: CheckSettings?

    /// The named base configurations of `ModelConfig`.
    public enum BaseConfig: String, Codable, Sendable, CaseIterable {
        /// `ModelConfig.r10FPN256`.
        case r10FPN256 = "r10_fpn_256"
        /// `ModelConfig.c4`: stride-16 single level (Tables 2b, 2c).
        case c4
        /// `ModelConfig.c5`: stride-32 single level (Table 2d).
        case c5

        /// The config itself.
        public var config: ModelConfig {
            switch self {
            case .r10FPN256: .r10FPN256
            case .c4: .c4
            case .c5: .c5
            }
        }
    }

    /// One row: a name and the overrides that make it.
    public struct Variant: Codable, Sendable, Equatable {
        /// Identifier used in results, claims and job files (letters, digits, `_`, `-`).
        public var name: String
        /// The row label in the report (e.g. "RoIAlign (avg)").
        public var label: String?
        /// Overrides applied after the table's and the preset's.
        public var overrides: ConfigOverride?

        /// Creates a variant.
        public init(name: String, label: String? = nil, overrides: ConfigOverride? = nil) {
            self.name = name
            self.label = label
            self.overrides = overrides
        }

        /// The label, or the name when there is none.
        public var displayName: String { label ?? name }
    }

    /// The paper's numbers: `rows[variant][metric]` in percent, as printed in the paper.
    public struct PaperReference: Codable, Sendable, Equatable {
        /// Where the numbers come from (table, paper version, errata).
        public var source: String
        /// Per variant name, per metric key (`mask.AP`), the paper's value in percent.
        public var rows: [String: [String: Double]]
    }

    /// Tolerances of `ablate check`, in pycocotools units (0.01 = one AP point).
    public struct CheckSettings: Codable, Sendable, Equatable {
        /// Allowed absolute deviation of a seed-mean from the baseline, per metric key; others use `defaultTolerance`.
        public var tolerance: [String: Double]?
        /// The tolerance of metrics not listed.
        public var defaultTolerance: Double?
        /// Allowed deviation of a variant's final training loss from the baseline's, as a fraction
        /// of the baseline's (default 0.25). Loss curves spread far less across thread counts and
        /// CPUs than the smoke APs, so this line catches a variant that stopped learning even
        /// where its APs sit inside their tolerances.
        public var finalLossTolerance: Double?

        enum CodingKeys: String, CodingKey {
            case tolerance
            case defaultTolerance = "default_tolerance"
            case finalLossTolerance = "final_loss_tolerance"
        }
    }

    enum CodingKeys: String, CodingKey {
        case table, title
        case paperTable = "paper_table"
        case description, base, overrides, baseline, variants, metrics, presets, paper, claims, check
    }

    /// The variant called `name`.
    public func variant(named name: String) -> Variant? { variants.first { $0.name == name } }

    /// The tolerance of `metric` for `ablate check` (default 0.02: two AP points).
    public func tolerance(of metric: MetricKey) -> Double {
        check?.tolerance?[metric.description] ?? check?.defaultTolerance ?? 0.02
    }

    /// The allowed deviation of a final training loss for `ablate check`, as a fraction of the
    /// baseline's (default 0.25).
    public var finalLossTolerance: Double { check?.finalLossTolerance ?? 0.25 }
}
