/// The RoI heads' proposal sampling and the box branch (the Fast R-CNN half).
public struct RoIHeadsConfig: Codable, Equatable, Sendable {
    /// Object classes, background excluded (classes are 0..<numClasses, background is numClasses).
    public var numClasses: Int
    /// Proposals with IoU >= this to their best GT are foreground, the rest background.
    public var iouThreshold: Double
    /// RoIs sampled per image for the box (and mask/keypoint) losses.
    public var roisPerImage: Int
    /// Largest fraction of the sampled RoIs that are foreground, in (0, 1].
    public var positiveFraction: Double
    /// Add the GT boxes to the proposals before sampling (detectron2's PROPOSAL_APPEND_GT).
    public var appendGroundTruth: Bool
    /// The RoI operator feeding the box head.
    public var boxPooler: RoIOperatorConfig
    /// The box head architecture.
    public var boxHead: BoxHeadConfig
    /// Box-coding weights `(wx, wy, ww, wh)`; (10, 10, 5, 5) as in the paper.
    public var boxCodingWeights: [Double]
    /// Smooth-L1 transition point of the box-delta loss (0 = L1); 1 as in Caffe2/Detectron.
    public var smoothL1Beta: Double

    /// Creates an RoI heads config; the defaults are `R10-FPN@256`'s.
    public init(
        numClasses: Int = 4,
        iouThreshold: Double = 0.5,
        roisPerImage: Int = 128,
        positiveFraction: Double = 0.25,
        appendGroundTruth: Bool = true,
        boxPooler: RoIOperatorConfig = RoIOperatorConfig(),
        boxHead: BoxHeadConfig = BoxHeadConfig(),
        boxCodingWeights: [Double] = [10, 10, 5, 5],
        smoothL1Beta: Double = 1
    ) {
        self.numClasses = numClasses
        self.iouThreshold = iouThreshold
        self.roisPerImage = roisPerImage
        self.positiveFraction = positiveFraction
        self.appendGroundTruth = appendGroundTruth
        self.boxPooler = boxPooler
        self.boxHead = boxHead
        self.boxCodingWeights = boxCodingWeights
        self.smoothL1Beta = smoothL1Beta
    }

    enum CodingKeys: String, CodingKey {
        case numClasses = "num_classes"
        case iouThreshold = "iou_threshold"
        case roisPerImage = "rois_per_image"
        case positiveFraction = "positive_fraction"
        case appendGroundTruth = "append_ground_truth"
        case boxPooler = "box_pooler"
        case boxHead = "box_head"
        case boxCodingWeights = "box_coding_weights"
        case smoothL1Beta = "smooth_l1_beta"
    }
}
