/// A claim of the paper that the report gives a verdict on: `better` beats `worse` at `metric`.
public struct Claim: Codable, Sendable, Equatable {
    /// The claim as the report states it, e.g. "RoIAlign beats RoIPool at mask AP75".
    public var text: String
    /// The metric compared; the paired bootstrap needs AP, AP50 or AP75.
    public var metric: MetricKey
    /// The variant the paper finds better.
    public var better: String
    /// The variant the paper finds worse.
    public var worse: String
    /// The paper's difference `better - worse`, in points.
    public var paperDelta: Double

    /// Creates a claim.
    public init(text: String, metric: MetricKey, better: String, worse: String, paperDelta: Double) {
        self.text = text
        self.metric = metric
        self.better = better
        self.worse = worse
        self.paperDelta = paperDelta
    }

    enum CodingKeys: String, CodingKey {
        case text, metric, better, worse
        case paperDelta = "paper_delta"
    }
}
