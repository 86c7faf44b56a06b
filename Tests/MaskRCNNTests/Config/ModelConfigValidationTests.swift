import COCO
import Testing
@testable import MaskRCNN

@Suite struct ModelConfigValidationTests {
    /// The fields `problems()` names for a config changed by `edit` from `base`.
    private func fields(_ base: ModelConfig = ModelConfig(), _ edit: (inout ModelConfig) -> Void) -> [String] {
        var config = base
        edit(&config)
        return config.problems().compactMap(\.field)
    }

    @Test func inputSizeMustDivideByTheLargestStride() {
        #expect(fields { $0.input = InputConfig(shorterSide: 200, maxSize: 256) } == ["input.shorter_side"])
        #expect(fields(.c4) { $0.input = InputConfig(shorterSide: 208, maxSize: 208) }.isEmpty)
        #expect(fields(.c5) { $0.input = InputConfig(shorterSide: 208, maxSize: 208) } == ["input.shorter_side", "input.max_size"])
        #expect(fields { $0.input.maxSize = 128 } == ["input.max_size"])
    }

    @Test func zeroChannelsOrBlocksAreRejected() {
        #expect(fields { $0.backbone.stageWidths[2] = 0 } == ["backbone.stage_widths[2]"])
        #expect(fields { $0.backbone.blocksPerStage = [1, 0, 1, 1] } == ["backbone.blocks_per_stage[1]"])
        #expect(fields { $0.backbone.blocksPerStage = [1, 1, 1] } == ["backbone.blocks_per_stage"])
        #expect(fields { $0.features.fpnChannels = 0 } == ["features.fpn_channels"])
        #expect(fields { $0.backbone.stemWidth = 0 } == ["backbone.stem_width"])
        #expect(fields { $0.maskHead.convWidth = 0 } == ["mask_head.conv_width"])
        #expect(fields { $0.roiHeads.boxHead.fcWidth = 0 } == ["roi_heads.box_head.fc_width"])
    }

    @Test func groupNormNeedsDivisibleWidthsAndBottleneckNeedsQuarters() {
        #expect(fields { $0.backbone.normalization = .groupNorm; $0.backbone.stemWidth = 48 } == ["backbone.stem_width"])
        #expect(fields { $0.backbone.block = .bottleneck; $0.backbone.stageWidths[0] = 30 } == ["backbone.stage_widths[0]"])
    }

    @Test func roiOperatorTheHeadCannotUse() {
        #expect(fields(.c4) { $0.roiHeads.boxPooler.outputSize = 7 } == ["roi_heads.box_pooler.output_size", "mask_head.resolution"])
        #expect(fields { $0.roiHeads.boxHead.kind = .c4Res5; $0.roiHeads.boxPooler.outputSize = 14 } == ["roi_heads.box_head.kind"])
        #expect(fields { $0.roiHeads.boxPooler.kind = .roiPool } == ["roi_heads.box_pooler.aggregation"])
        #expect(fields { $0.roiHeads.boxPooler.kind = .roiWarp; $0.roiHeads.boxPooler.aligned = true } == ["roi_heads.box_pooler.aligned"])
        #expect(fields { $0.roiHeads.boxPooler.samplingRatio = -1 } == ["roi_heads.box_pooler.sampling_ratio"])
        #expect(fields { $0.maskHead.pooler.outputSize = 7 } == ["mask_head.resolution"])
        #expect(fields { $0.maskHead.kind = .c4Deconv } == ["mask_head.kind", "mask_head.resolution"])
        #expect(fields { $0.maskHead.kind = .mlp; $0.maskHead.pooler.outputSize = 7 }.isEmpty)
    }

    @Test func anchorSizesMustMatchTheLevels() {
        #expect(fields { $0.anchors.sizes = [[16], [32], [64], [128]] } == ["anchors.sizes"])
        #expect(fields(.c4) { $0.anchors.sizes = [[16], [32]] } == ["anchors.sizes"])
        #expect(fields { $0.anchors.sizes[1] = [] } == ["anchors.sizes[1]"])
        #expect(fields { $0.anchors.aspectRatios = [1, -2] } == ["anchors.aspect_ratios[1]"])
    }

    @Test func fractionsAndThresholdsStayInRange() {
        #expect(fields { $0.rpn.positiveFraction = 0 } == ["rpn.positive_fraction"])
        #expect(fields { $0.rpn.positiveFraction = 1 }.isEmpty)
        #expect(fields { $0.roiHeads.positiveFraction = 1.5 } == ["roi_heads.positive_fraction"])
        #expect(fields { $0.roiHeads.positiveFraction = .nan } == ["roi_heads.positive_fraction"])
        #expect(fields { $0.rpn.iouThresholds = [0.7, 0.3] } == ["rpn.iou_thresholds"])
        #expect(fields { $0.rpn.iouThresholds = [0.3] } == ["rpn.iou_thresholds"])
        #expect(fields { $0.rpn.boxCodingWeights = [1, 1, 1] } == ["rpn.box_coding_weights"])
        #expect(fields { $0.inference.scoreThreshold = 1 } == ["inference.score_threshold"])
        #expect(fields { $0.solver.steps = [900, 800] } == ["solver.steps[1]"])
        #expect(fields { $0.solver.steps = [1000] } == ["solver.steps[0]"])
        #expect(fields { $0.threads = 0 } == ["threads"])
    }

    @Test func keypointHeadSizesMustAgree() {
        #expect(fields { $0.keypointHead.kind = .fcn }.isEmpty)
        #expect(fields { $0.keypointHead.kind = .fcn; $0.keypointHead.heatmapSize = 28 } == ["keypoint_head.heatmap_size"])
        #expect(fields { $0.keypointHead.kind = .fcn; $0.keypointHead.keypointCount = 0 } == ["keypoint_head.keypoint_count"])
        // Keypoints next to the softmax mask loss is a legal multi-task config.
        #expect(fields { $0.keypointHead.kind = .fcn; $0.maskHead.loss = .softmax }.isEmpty)
    }

    @Test func validateThrowsTheFirstProblemWithTheFile() {
        var config = ModelConfig()
        config.rpn.samplesPerImage = 0
        config.threads = 0
        #expect(throws: InputError(file: "cfg.yaml", field: "rpn.samples_per_image", message: "must be > 0, got 0")) {
            try config.validate(file: "cfg.yaml")
        }
        #expect(throws: Never.self) { try ModelConfig().validate() }
    }
}
