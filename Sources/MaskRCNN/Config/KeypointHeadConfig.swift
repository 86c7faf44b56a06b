/// The keypoint branch (issue 7; Tables 5 and 6).
public struct KeypointHeadConfig: Codable, Equatable, Sendable {
    /// The head architecture.
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// No keypoint branch.
        case none
        /// `convs` 3x3 convolutions of `convWidth`, a 4x4 stride-2 deconvolution to K channels,
        /// then 2x bilinear upsampling: `heatmapSize` = 4 x the pooler output.
        case fcn
    }

    /// What the summed per-keypoint cross-entropy is divided by.
    public enum LossNormalization: String, Codable, Sendable, CaseIterable {
        /// The number of visible keypoints in the batch (detectron2's default).
        case visibleKeypoints = "visible_keypoints"
        /// `K x rois_per_image x positive_fraction x images` (Detectron's alternative).
        case expectedKeypoints = "expected_keypoints"
    }

    /// The head architecture.
    public var kind: Kind
    /// 3x3 convolutions before the deconvolution.
    public var convs: Int
    /// Channels of each convolution.
    public var convWidth: Int
    /// Side `m` of the predicted heatmaps (56 in the paper).
    public var heatmapSize: Int
    /// Keypoints per instance (17 for COCO persons).
    public var keypointCount: Int
    /// The loss normaliser.
    public var lossNormalization: LossNormalization
    /// The RoI operator feeding the keypoint head.
    public var pooler: RoIOperatorConfig

    /// Creates a keypoint head config; off by default, otherwise the paper's head
    /// (8 conv of 512, 56x56 heatmaps from RoIAlign 14x14).
    public init(
        kind: Kind = .none,
        convs: Int = 8,
        convWidth: Int = 512,
        heatmapSize: Int = 56,
        keypointCount: Int = 17,
        lossNormalization: LossNormalization = .visibleKeypoints,
        pooler: RoIOperatorConfig = RoIOperatorConfig(outputSize: 14)
    ) {
        self.kind = kind
        self.convs = convs
        self.convWidth = convWidth
        self.heatmapSize = heatmapSize
        self.keypointCount = keypointCount
        self.lossNormalization = lossNormalization
        self.pooler = pooler
    }

    enum CodingKeys: String, CodingKey {
        case kind
        case convs
        case convWidth = "conv_width"
        case heatmapSize = "heatmap_size"
        case keypointCount = "keypoint_count"
        case lossNormalization = "loss_normalization"
        case pooler
    }
}
