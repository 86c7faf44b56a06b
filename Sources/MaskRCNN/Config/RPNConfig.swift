/// The region proposal network: anchor labelling, sampling, proposal selection and loss.
public struct RPNConfig: Codable, Equatable, Sendable {
    /// `[negative, positive]` IoU thresholds: IoU < first is background, >= second is
    /// foreground, in between ignored; each GT's best anchors are also foreground.
    public var iouThresholds: [Double]
    /// Anchors sampled per image for the RPN losses.
    public var samplesPerImage: Int
    /// Largest fraction of the samples that are foreground, in (0, 1].
    public var positiveFraction: Double
    /// Proposals kept per level before NMS while training.
    public var preNMSTopKTrain: Int
    /// Proposals kept per image after NMS while training.
    public var postNMSTopKTrain: Int
    /// Proposals kept per level before NMS at inference.
    public var preNMSTopKTest: Int
    /// Proposals kept per image after NMS at inference.
    public var postNMSTopKTest: Int
    /// IoU above which NMS suppresses a lower-scoring proposal of the same level.
    public var nmsThreshold: Double
    /// Proposals whose width or height (input pixels) is not above this are dropped.
    public var minSize: Double
    /// Anchors reaching more than this many pixels outside the image are ignored; negative
    /// keeps all anchors (detectron2's default -1).
    public var boundaryThreshold: Double
    /// Smooth-L1 transition point of the box-delta loss (0 = L1); the paper's RPN uses 1/9.
    public var smoothL1Beta: Double
    /// Box-coding weights `(wx, wy, ww, wh)`.
    public var boxCodingWeights: [Double]

    /// Creates an RPN config; the defaults are `R10-FPN@256`'s.
    public init(
        iouThresholds: [Double] = [0.3, 0.7],
        samplesPerImage: Int = 256,
        positiveFraction: Double = 0.5,
        preNMSTopKTrain: Int = 1000,
        postNMSTopKTrain: Int = 500,
        preNMSTopKTest: Int = 500,
        postNMSTopKTest: Int = 250,
        nmsThreshold: Double = 0.7,
        minSize: Double = 0,
        boundaryThreshold: Double = -1,
        smoothL1Beta: Double = 1.0 / 9.0,
        boxCodingWeights: [Double] = [1, 1, 1, 1]
    ) {
        self.iouThresholds = iouThresholds
        self.samplesPerImage = samplesPerImage
        self.positiveFraction = positiveFraction
        self.preNMSTopKTrain = preNMSTopKTrain
        self.postNMSTopKTrain = postNMSTopKTrain
        self.preNMSTopKTest = preNMSTopKTest
        self.postNMSTopKTest = postNMSTopKTest
        self.nmsThreshold = nmsThreshold
        self.minSize = minSize
        self.boundaryThreshold = boundaryThreshold
        self.smoothL1Beta = smoothL1Beta
        self.boxCodingWeights = boxCodingWeights
    }

    enum CodingKeys: String, CodingKey {
        case iouThresholds = "iou_thresholds"
        case samplesPerImage = "samples_per_image"
        case positiveFraction = "positive_fraction"
        case preNMSTopKTrain = "pre_nms_top_k_train"
        case postNMSTopKTrain = "post_nms_top_k_train"
        case preNMSTopKTest = "pre_nms_top_k_test"
        case postNMSTopKTest = "post_nms_top_k_test"
        case nmsThreshold = "nms_threshold"
        case minSize = "min_size"
        case boundaryThreshold = "boundary_threshold"
        case smoothL1Beta = "smooth_l1_beta"
        case boxCodingWeights = "box_coding_weights"
    }
}
