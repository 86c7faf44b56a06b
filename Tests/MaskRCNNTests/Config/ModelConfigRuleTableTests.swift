import Testing
@testable import MaskRCNN

/// One impossible edit of the reference config and the field path validation must name.
struct BrokenConfig: Sendable, CustomTestStringConvertible {
    let field: String
    let edit: @Sendable (inout ModelConfig) -> Void

    init(_ field: String, _ edit: @escaping @Sendable (inout ModelConfig) -> Void) {
        self.field = field
        self.edit = edit
    }

    var testDescription: String { field }
}

@Suite struct ModelConfigRuleTableTests {
    static let cases: [BrokenConfig] = [
        BrokenConfig("backbone.stem_width") { $0.backbone.stemWidth = -1 },
        BrokenConfig("backbone.stage_widths") { $0.backbone.stageWidths = [32, 64] },
        BrokenConfig("backbone.group_norm_groups") { $0.backbone.normalization = .groupNorm; $0.backbone.groupNormGroups = 0 },
        BrokenConfig("input.shorter_side") { $0.input.shorterSide = 0 },
        BrokenConfig("features.canonical_level") { $0.features.canonicalLevel = 6 },
        BrokenConfig("features.canonical_box_size") { $0.features.canonicalBoxSize = 0 },
        BrokenConfig("anchors.sizes[0][0]") { $0.anchors.sizes[0] = [0] },
        BrokenConfig("anchors.offset") { $0.anchors.offset = 1 },
        BrokenConfig("rpn.iou_thresholds[1]") { $0.rpn.iouThresholds = [0.3, 1.5] },
        BrokenConfig("rpn.pre_nms_top_k_train") { $0.rpn.preNMSTopKTrain = 0 },
        BrokenConfig("rpn.post_nms_top_k_train") { $0.rpn.postNMSTopKTrain = 0 },
        BrokenConfig("rpn.pre_nms_top_k_test") { $0.rpn.preNMSTopKTest = 0 },
        BrokenConfig("rpn.post_nms_top_k_test") { $0.rpn.postNMSTopKTest = -3 },
        BrokenConfig("rpn.nms_threshold") { $0.rpn.nmsThreshold = 1.2 },
        BrokenConfig("rpn.min_size") { $0.rpn.minSize = -1 },
        BrokenConfig("rpn.boundary_threshold") { $0.rpn.boundaryThreshold = .infinity },
        BrokenConfig("rpn.smooth_l1_beta") { $0.rpn.smoothL1Beta = -0.1 },
        BrokenConfig("roi_heads.num_classes") { $0.roiHeads.numClasses = 0 },
        BrokenConfig("roi_heads.iou_threshold") { $0.roiHeads.iouThreshold = 0 },
        BrokenConfig("roi_heads.rois_per_image") { $0.roiHeads.roisPerImage = 0 },
        BrokenConfig("roi_heads.box_coding_weights[3]") { $0.roiHeads.boxCodingWeights = [10, 10, 5, 0] },
        BrokenConfig("roi_heads.smooth_l1_beta") { $0.roiHeads.smoothL1Beta = .nan },
        BrokenConfig("roi_heads.box_pooler.output_size") { $0.roiHeads.boxPooler.outputSize = 0 },
        BrokenConfig("roi_heads.box_head.fc_layers") { $0.roiHeads.boxHead.fcLayers = 0 },
        BrokenConfig("mask_head.convs") { $0.maskHead.convs = -1 },
        BrokenConfig("mask_head.pooler.aggregation") { $0.maskHead.pooler.kind = .roiPool },
        BrokenConfig("mask_head.fc_width") { $0.maskHead.kind = .mlp; $0.maskHead.fcWidth = 0 },
        BrokenConfig("keypoint_head.convs") { $0.keypointHead.kind = .fcn; $0.keypointHead.convs = -1 },
        BrokenConfig("keypoint_head.conv_width") { $0.keypointHead.kind = .fcn; $0.keypointHead.convWidth = 0 },
        BrokenConfig("keypoint_head.pooler.sampling_ratio") { $0.keypointHead.kind = .fcn; $0.keypointHead.pooler.samplingRatio = -2 },
        BrokenConfig("inference.nms_threshold") { $0.inference.nmsThreshold = -0.5 },
        BrokenConfig("inference.detections_per_image") { $0.inference.detectionsPerImage = 0 },
        BrokenConfig("inference.mask_threshold") { $0.inference.maskThreshold = 0 },
        BrokenConfig("solver.base_learning_rate") { $0.solver.baseLearningRate = 0 },
        BrokenConfig("solver.momentum") { $0.solver.momentum = 1 },
        BrokenConfig("solver.weight_decay") { $0.solver.weightDecay = -1e-4 },
        BrokenConfig("solver.warmup_iterations") { $0.solver.warmupIterations = -1 },
        BrokenConfig("solver.warmup_factor") { $0.solver.warmupFactor = 0 },
        BrokenConfig("solver.iterations") { $0.solver.iterations = 0; $0.solver.steps = [] },
        BrokenConfig("solver.gamma") { $0.solver.gamma = 2 },
        BrokenConfig("solver.images_per_batch") { $0.solver.imagesPerBatch = 0 },
        BrokenConfig("solver.gradient_clip_norm") { $0.solver.gradientClipNorm = -1 },
        BrokenConfig("seed") { $0.seed = -1 },
        BrokenConfig("checkpoint_period") { $0.checkpointPeriod = 0 },
    ]

    @Test(arguments: cases) func ruleFiresWithItsPath(_ broken: BrokenConfig) {
        var config = ModelConfig()
        broken.edit(&config)
        #expect(config.problems().map(\.field) == [broken.field])
    }
}

