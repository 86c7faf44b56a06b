import COCO

/// A metric of a table or claim, written `KIND.STAT` (e.g. `mask.AP75`, `box.AP`, `keypoints.AP`).
public struct MetricKey: Hashable, Codable, Sendable, CustomStringConvertible {
    /// Boxes, masks or keypoints.
    public var kind: EvaluationKind
    /// One of `kind.statisticNames`.
    public var statistic: String

    /// Creates a key; `statistic` must be one of `kind.statisticNames`.
    public init(kind: EvaluationKind, statistic: String) throws(InputError) {
        guard kind.statisticNames.contains(statistic) else {
            throw InputError(message: "unknown \(kind.rawValue) statistic \"\(statistic)\" (\(kind.statisticNames.joined(separator: ", ")))")
        }
        self.kind = kind
        self.statistic = statistic
    }

    /// Parses `KIND.STAT`.
    public init(parsing text: String) throws(InputError) {
        let parts = text.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2, let kind = EvaluationKind(rawValue: parts[0]) else {
            throw InputError(message: "expected KIND.STAT with KIND box, mask or keypoints, got \"\(text)\"")
        }
        try self.init(kind: kind, statistic: parts[1])
    }

    /// Whether a paired bootstrap can recompute this metric from per-image matches (AP, AP50, AP75).
    public var isResampleable: Bool { ["AP", "AP50", "AP75"].contains(statistic) }

    /// `KIND.STAT`.
    public var description: String { "\(kind.rawValue).\(statistic)" }

    /// Decodes `KIND.STAT`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
        }
    }

    /// Encodes `KIND.STAT`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
