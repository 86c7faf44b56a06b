/// How a head turns an RoI into a fixed-size feature grid (Table 2c's rows).
///
/// The operators themselves live in `Poolers/`; this is only the field set an ablation varies.
public struct RoIOperatorConfig: Codable, Equatable, Sendable {
    /// The operator.
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// Quantised RoI and bins, max per bin (Fast R-CNN).
        case roiPool = "roi_pool"
        /// Quantised RoI, bilinear samples (MNC, as the zoo note defines it).
        case roiWarp = "roi_warp"
        /// No quantisation, bilinear samples (Mask R-CNN).
        case roiAlign = "roi_align"
    }

    /// How the samples of one bin are combined.
    public enum Aggregation: String, Codable, Sendable, CaseIterable {
        /// The largest sample.
        case max
        /// The mean of the samples.
        case average
    }

    /// The operator.
    public var kind: Kind
    /// The per-bin aggregation; RoIPool is max only.
    public var aggregation: Aggregation
    /// Output bins per side (e.g. 7 for the FPN box head, 14 for masks and the C4 res5 head).
    public var outputSize: Int
    /// Bilinear samples per bin side (0 = adaptive, `ceil(roi / output)`); ignored by RoIPool.
    public var samplingRatio: Int
    /// Shift RoI coordinates by -0.5 pixel (detectron2's ROIAlignV2); RoIAlign only.
    public var aligned: Bool

    /// Creates an RoI operator config; the defaults are `R10-FPN@256`'s box pooler
    /// (RoIAlign 7x7, sampling 2, average, not aligned as in torchvision's MultiScaleRoIAlign).
    public init(
        kind: Kind = .roiAlign,
        aggregation: Aggregation = .average,
        outputSize: Int = 7,
        samplingRatio: Int = 2,
        aligned: Bool = false
    ) {
        self.kind = kind
        self.aggregation = aggregation
        self.outputSize = outputSize
        self.samplingRatio = samplingRatio
        self.aligned = aligned
    }

    enum CodingKeys: String, CodingKey {
        case kind
        case aggregation
        case outputSize = "output_size"
        case samplingRatio = "sampling_ratio"
        case aligned
    }
}
