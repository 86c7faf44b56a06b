/// The ResNet trunk: stem, four residual stages (res2..res5) and their normalisation.
///
/// The stem is a 7x7 stride-2 convolution followed by a 3x3 stride-2 max-pool, so res2 runs at
/// stride 4 and each later stage halves the resolution (res3 8, res4 16, res5 32).
public struct BackboneConfig: Codable, Equatable, Sendable {
    /// The residual block of every stage.
    public enum Block: String, Codable, Sendable, CaseIterable {
        /// Two 3x3 convolutions (ResNet-18/34).
        case basic
        /// 1x1 -> 3x3 -> 1x1 with an inner width of a quarter of the stage width (ResNet-50+).
        case bottleneck
    }

    /// The normalisation after every convolution of the trunk.
    public enum Normalization: String, Codable, Sendable, CaseIterable {
        /// GroupNorm with `groupNormGroups` groups (trains from scratch at batch 2).
        case groupNorm = "group_norm"
        /// A fixed per-channel affine map (detectron2's FrozenBN); identity when untrained.
        case frozenBatchNorm = "frozen_batch_norm"
        /// No normalisation.
        case none
    }

    /// The residual block type.
    public var block: Block
    /// Blocks in res2, res3, res4, res5 (exactly four entries, each at least 1).
    public var blocksPerStage: [Int]
    /// Output channels of the 7x7 stem convolution.
    public var stemWidth: Int
    /// Output channels of res2, res3, res4, res5 (exactly four entries).
    public var stageWidths: [Int]
    /// The normalisation layer.
    public var normalization: Normalization
    /// Groups of every GroupNorm layer; each width must be divisible by it.
    public var groupNormGroups: Int

    /// Creates a backbone config; the defaults are `R10-FPN@256`'s BasicBlock [1,1,1,1] trunk.
    public init(
        block: Block = .basic,
        blocksPerStage: [Int] = [1, 1, 1, 1],
        stemWidth: Int = 32,
        stageWidths: [Int] = [32, 64, 128, 256],
        normalization: Normalization = .frozenBatchNorm,
        groupNormGroups: Int = 32
    ) {
        self.block = block
        self.blocksPerStage = blocksPerStage
        self.stemWidth = stemWidth
        self.stageWidths = stageWidths
        self.normalization = normalization
        self.groupNormGroups = groupNormGroups
    }

    enum CodingKeys: String, CodingKey {
        case block
        case blocksPerStage = "blocks_per_stage"
        case stemWidth = "stem_width"
        case stageWidths = "stage_widths"
        case normalization
        case groupNormGroups = "group_norm_groups"
    }
}
