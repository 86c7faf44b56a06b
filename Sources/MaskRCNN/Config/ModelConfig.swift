import COCO
import Foundation

/// Every switch of a Mask R-CNN model, its training and its inference, as one value.
///
/// Nothing the ablations vary is hidden in code. The defaults are the reference configuration
/// `R10-FPN@256` (issue 6): BasicBlock ResNet [1,1,1,1] of widths [32,64,128,256], frozen BN,
/// 64-channel FPN P2..P6, RoIAlign 7x7 2fc-256 box head, 4-conv-64 mask head with 28x28 masks,
/// 256x256 inputs, 2 images per batch. Keys are snake_case; a JSON or YAML override sets only
/// the fields it changes (plain `Decodable` over the defaults, `decode(_:over:file:)` or
/// `applying(_:file:)` over any preset), and unknown keys are rejected by path.
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
    /// Compute threads of the model's losses, predictions and training steps (a scope of
    /// `ComputeThreads.withCount`, not the process default); results are deterministic for a
    /// given seed and thread count.
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

    /// Decodes a config in which any key may be absent: absent fields take the `R10-FPN@256`
    /// defaults, so an experiment file (JSON, or YAML through a YAML `Decoder`) can embed just
    /// the fields it changes. Unknown keys and mistyped values throw an `InputError` naming the
    /// full field path (including where the config sits inside the enclosing document).
    public init(from decoder: any Decoder) throws {
        let override = try ConfigOverride(from: decoder)
        do {
            self = try ModelConfig().applying(override)
        } catch let error as InputError {
            let prefix = fieldPath(decoder.codingPath)
            guard !prefix.isEmpty else { throw error }
            var located = error
            located.field = error.field.map { "\(prefix).\($0)" } ?? prefix
            throw located
        }
    }

    /// A config decoded with every key present (the merged document `applying` builds).
    private struct Complete: Decodable {
        var config: ModelConfig

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            config = ModelConfig(
                backbone: try c.decode(BackboneConfig.self, forKey: .backbone),
                features: try c.decode(FeatureConfig.self, forKey: .features),
                anchors: try c.decode(AnchorConfig.self, forKey: .anchors),
                rpn: try c.decode(RPNConfig.self, forKey: .rpn),
                roiHeads: try c.decode(RoIHeadsConfig.self, forKey: .roiHeads),
                maskHead: try c.decode(MaskHeadConfig.self, forKey: .maskHead),
                keypointHead: try c.decode(KeypointHeadConfig.self, forKey: .keypointHead),
                inference: try c.decode(InferenceConfig.self, forKey: .inference),
                input: try c.decode(InputConfig.self, forKey: .input),
                solver: try c.decode(SolverConfig.self, forKey: .solver),
                seed: try c.decode(Int.self, forKey: .seed),
                threads: try c.decode(Int.self, forKey: .threads),
                checkpointPeriod: try c.decode(Int.self, forKey: .checkpointPeriod))
        }
    }

    /// Applies a JSON override over `base` (by default `R10-FPN@256`): absent fields keep the
    /// base's values. Malformed JSON, a mistyped value or an unknown key throws one `InputError`
    /// naming `file` and the field path (e.g. `roi_heads.box_pooler.kind`).
    ///
    /// The result is not validated; call `validate(file:)` before training.
    public static func decode(_ json: Data, over base: ModelConfig = ModelConfig(), file: String? = nil) throws -> ModelConfig {
        let override: ConfigOverride
        do {
            override = try JSONDecoder().decode(ConfigOverride.self, from: json)
        } catch let error as DecodingError {
            throw InputError(file: file, decodingError: error)
        }
        return try base.applying(override, file: file)
    }

    /// This config with the fields `override` names replaced; unknown keys and mistyped values
    /// throw one `InputError` naming `file` and the field path.
    public func applying(_ override: ConfigOverride, file: String? = nil) throws -> ModelConfig {
        do {
            let base = try JSONDecoder().decode(ConfigOverride.self, from: JSONEncoder().encode(self))
            let merged = try base.merging(override)
            return try JSONDecoder().decode(Complete.self, from: JSONEncoder().encode(merged)).config
        } catch let error as InputError {
            throw file.map { error.inFile($0) } ?? error
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
}
