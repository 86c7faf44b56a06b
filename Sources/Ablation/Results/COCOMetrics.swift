import COCO

/// pycocotools' summary statistics of one evaluation, by name (`AP`, `AP50`, ..., `ARl`), in
/// pycocotools' units (0...1, -1 where undefined). Encoded as a JSON object of those names.
public struct COCOMetrics: Codable, Sendable, Equatable {
    /// Statistic name to value.
    public var values: [String: Double]

    /// Metrics from pycocotools' `stats` array of `kind` (12 values, 10 for keypoints).
    public init(stats: [Double], kind: EvaluationKind) throws(InputError) {
        let names = kind.statisticNames
        guard stats.count == names.count else {
            throw InputError(field: kind.rawValue, message: "expected \(names.count) statistics, got \(stats.count)")
        }
        values = Dictionary(uniqueKeysWithValues: zip(names, stats))
    }

    /// Metrics from named values (tests, hand-written baselines).
    public init(values: [String: Double]) {
        self.values = values
    }

    /// The value of `statistic`, or nil when absent.
    public subscript(statistic: String) -> Double? { values[statistic] }

    /// Decodes the object of statistics.
    public init(from decoder: any Decoder) throws {
        values = try decoder.singleValueContainer().decode([String: Double].self)
    }

    /// Encodes the object of statistics.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(values)
    }
}
