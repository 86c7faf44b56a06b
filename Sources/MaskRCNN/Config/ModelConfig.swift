import COCO
import Foundation

/// Every switch of a Mask R-CNN model, its training and its inference, as one value.
///
/// Nothing the ablations vary is hidden in code. The defaults are the reference configuration
/// `R10-FPN@256` (issue 6): BasicBlock ResNet [1,1,1,1] of widths [32,64,128,256], frozen BN,
/// 64-channel FPN P2..P6, RoIAlign 7x7 2fc-256 box head, 4-conv-64 mask head with 28x28 masks,
/// 256x256 inputs, 2 images per batch. Keys are snake_case; a JSON or YAML override sets only
/// the fields it changes (see `decode(_:over:file:)`), and unknown keys are rejected by path.
public struct ModelConfig: Codable, Equatable, Sendable {
    /// The ResNet trunk.
    public var backbone: BackboneConfig
    /// C4, C5 or FPN features.
    public var features: FeatureConfig
    /// The RPN anchors.
    public var anchors: AnchorConfig
    /// The region proposal network.
    public var rpn: RPNConfig
    /// RoI sampling and the box branch.
    public var roiHeads: RoIHeadsConfig
    /// The mask branch.
    public var maskHead: MaskHeadConfig
    /// The keypoint branch.
    public var keypointHead: KeypointHeadConfig
    /// Detection post-processing.
    public var inference: InferenceConfig
    /// Input resizing.
    public var input: InputConfig
    /// The optimiser and schedule.
    public var solver: SolverConfig
    /// Seed of every random choice (initialisation, sampling, data order).
    public var seed: Int
    /// Worker threads; results are deterministic for a given seed and thread count.
    public var threads: Int
    /// Iterations between checkpoints.
    public var checkpointPeriod: Int

    /// Creates a model config; the defaults are `R10-FPN@256` with its mask head.
    public init(
        backbone: BackboneConfig = BackboneConfig(),
        features: FeatureConfig = FeatureConfig(),
        anchors: AnchorConfig = AnchorConfig(),
        rpn: RPNConfig = RPNConfig(),
        roiHeads: RoIHeadsConfig = RoIHeadsConfig(),
        maskHead: MaskHeadConfig = MaskHeadConfig(),
        keypointHead: KeypointHeadConfig = KeypointHeadConfig(),
        inference: InferenceConfig = InferenceConfig(),
        input: InputConfig = InputConfig(),
        solver: SolverConfig = SolverConfig(),
        seed: Int = 0,
        threads: Int = 2,
        checkpointPeriod: Int = 500
    ) {
        self.backbone = backbone
        self.features = features
        self.anchors = anchors
        self.rpn = rpn
        self.roiHeads = roiHeads
        self.maskHead = maskHead
        self.keypointHead = keypointHead
        self.inference = inference
        self.input = input
        self.solver = solver
        self.seed = seed
        self.threads = threads
        self.checkpointPeriod = checkpointPeriod
    }

    enum CodingKeys: String, CodingKey {
        case backbone
        case features
        case anchors
        case rpn
        case roiHeads = "roi_heads"
        case maskHead = "mask_head"
        case keypointHead = "keypoint_head"
        case inference
        case input
        case solver
        case seed
        case threads
        case checkpointPeriod = "checkpoint_period"
    }

    /// Decodes the fields present over the defaults; unknown keys fail.
    public init(from decoder: any Decoder) throws {
        try self.init(from: decoder, over: Self())
    }

    /// Decodes the fields present and keeps `d`'s for the others; unknown keys fail.
    init(from decoder: any Decoder, over d: Self) throws {
        let c = try decoder.configContainer(keyedBy: CodingKeys.self)
        backbone = try c.decode(.backbone, over: d.backbone)
        features = try c.decode(.features, over: d.features)
        anchors = try c.decode(.anchors, over: d.anchors)
        rpn = try c.decode(.rpn, over: d.rpn)
        roiHeads = try c.decode(.roiHeads, over: d.roiHeads)
        maskHead = try c.decode(.maskHead, over: d.maskHead)
        keypointHead = try c.decode(.keypointHead, over: d.keypointHead)
        inference = try c.decode(.inference, over: d.inference)
        input = try c.decode(.input, over: d.input)
        solver = try c.decode(.solver, over: d.solver)
        seed = try c.decode(.seed, or: d.seed)
        threads = try c.decode(.threads, or: d.threads)
        checkpointPeriod = try c.decode(.checkpointPeriod, or: d.checkpointPeriod)
    }

    /// Decodes a JSON override over `base` (by default `R10-FPN@256`): absent fields keep the
    /// base's values. Malformed JSON, a mistyped value or an unknown key throws one `InputError`
    /// naming `file` and the field path (e.g. `roi_heads.box_pooler.kind`).
    ///
    /// The result is not validated; call `validate(file:)` before training.
    public static func decode(_ json: Data, over base: ModelConfig = ModelConfig(), file: String? = nil) throws -> ModelConfig {
        let decoder = JSONDecoder()
        do {
            return try decoder.decode(Override.self, from: json, configuration: base).value
        } catch let error as DecodingError {
            throw InputError(file: file, decodingError: error)
        }
    }

    /// The config as JSON with sorted snake_case keys, e.g. to record the resolved config of a run.
    public func encodedJSON() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(self)
    }

    /// A top-level override decoded over a base config.
    private struct Override: DecodableWithConfiguration {
        var value: ModelConfig

        init(from decoder: any Decoder, configuration base: ModelConfig) throws {
            value = try ModelConfig(from: decoder, over: base)
        }
    }
}

extension BackboneConfig: ConfigSection {}
extension FeatureConfig: ConfigSection {}
extension AnchorConfig: ConfigSection {}
extension RPNConfig: ConfigSection {}
extension RoIOperatorConfig: ConfigSection {}
extension BoxHeadConfig: ConfigSection {}
extension RoIHeadsConfig: ConfigSection {}
extension MaskHeadConfig: ConfigSection {}
extension KeypointHeadConfig: ConfigSection {}
extension InferenceConfig: ConfigSection {}
extension InputConfig: ConfigSection {}
extension SolverConfig: ConfigSection {}
