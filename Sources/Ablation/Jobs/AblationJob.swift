import Foundation
import MaskRCNN

/// One unit of work: train, predict and evaluate one variant with one seed under one preset.
public struct AblationJob: Sendable, Equatable {
    /// The table's name.
    public var table: String
    /// The preset's name.
    public var preset: String
    /// The variant's name.
    public var variant: String
    /// The seed (also `config.seed`).
    public var seed: Int
    /// The fully resolved config that is trained.
    public var config: ModelConfig
    /// The preset's data and schedule.
    public var settings: Preset
    /// Where the data comes from.
    public var data: DataSource
    /// `ConfigHash` of the config, the preset and the data: a job file with another hash is stale.
    public var configHash: String
    /// A folder of this job's own (`Results/jobs/TABLE/PRESET/VARIANT.seedN/`), set by
    /// `AblationRun` before the runner starts: where a trainer keeps its checkpoints, so a killed
    /// job resumes from its last checkpoint rather than from iteration 0.
    public var workDirectory: URL?

    /// What a checkpoint folder must have been made for to be resumed: the config hash and the
    /// engine's `NumericsRevision` (a checkpoint of an older engine would mix two numerics in one run).
    public var checkpointKey: String { "\(configHash) numerics-revision \(NumericsRevision.current)" }

    /// The file stem of the job's results: `VARIANT.seedN`.
    public var fileStem: String { "\(variant).seed\(seed)" }
}

/// The images a job trains and evaluates on.
public enum DataSource: Sendable, Equatable, Codable {
    /// The embedded synthetic set of the preset.
    case synthetic
    /// A COCO folder (`annotations/instances_{train,val}.json`, `{train,val}/*`).
    case cocoFolder(path: String)

    /// The source a results file's `data` field names (the inverse of `summary`).
    public init(summary: String) {
        self = summary == "synthetic" ? .synthetic : .cocoFolder(path: summary)
    }

    /// How the source reads in a report: "synthetic" or the folder path.
    public var summary: String {
        switch self {
        case .synthetic: "synthetic"
        case .cocoFolder(let path): path
        }
    }
}
