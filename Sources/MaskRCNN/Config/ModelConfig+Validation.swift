import COCO

extension ModelConfig {
    /// Throws the first problem `problems()` finds, attributed to `file`.
    ///
    /// Call before training: an impossible config (a stride the input cannot divide, zero
    /// channels, an RoI operator the head cannot use) fails here with its field named, not
    /// with a shape trap deep inside the first iteration.
    public func validate(file: String? = nil) throws {
        if let first = problems().first {
            throw file.map { first.inFile($0) } ?? first
        }
    }

    /// Every impossible setting, each naming its snake_case field path, in field order.
    public func problems() -> [InputError] {
        var check = ConfigChecker()
        check.backbone(backbone)
        check.features(features, input: input)
        check.anchors(anchors, levels: features.strides.count)
        check.rpn(rpn)
        check.roiHeads(roiHeads, features: features.kind)
        check.maskHead(maskHead, roiHeads: roiHeads)
        check.keypointHead(keypointHead)
        check.inference(inference)
        check.solver(solver)
        check.require(seed >= 0, "seed", "must be >= 0")
        check.require(threads >= 1, "threads", "must be >= 1")
        check.require(checkpointPeriod >= 1, "checkpoint_period", "must be >= 1")
        return check.problems
    }
}

/// Collects config problems; each rule is written so that NaN fails it.
private struct ConfigChecker {
    var problems: [InputError] = []

    mutating func require(_ condition: Bool, _ field: String, _ message: String) {
        if !condition { problems.append(InputError(field: field, message: message)) }
    }

    mutating func positive(_ value: Int, _ field: String) {
        require(value > 0, field, "must be > 0, got \(value)")
    }

    mutating func positive(_ value: Double, _ field: String) {
        require(value > 0 && value.isFinite, field, "must be > 0, got \(value)")
    }

    mutating func fraction(_ value: Double, _ field: String) {
        require(value > 0 && value <= 1, field, "must be in (0, 1], got \(value)")
    }

    mutating func unitInterval(_ value: Double, _ field: String) {
        require(value >= 0 && value <= 1, field, "must be in [0, 1], got \(value)")
    }

    mutating func nonNegative(_ value: Double, _ field: String) {
        require(value >= 0 && value.isFinite, field, "must be >= 0, got \(value)")
    }

    mutating func weights(_ values: [Double], _ field: String) {
        guard values.count == 4 else {
            return require(false, field, "needs 4 weights (wx, wy, ww, wh), got \(values.count)")
        }
        for (i, w) in values.enumerated() { positive(w, "\(field)[\(i)]") }
    }

    mutating func backbone(_ b: BackboneConfig) {
        positive(b.stemWidth, "backbone.stem_width")
        if b.blocksPerStage.count != 4 {
            require(false, "backbone.blocks_per_stage", "needs 4 stages (res2..res5), got \(b.blocksPerStage.count)")
        }
        for (i, n) in b.blocksPerStage.enumerated() { positive(n, "backbone.blocks_per_stage[\(i)]") }
        if b.stageWidths.count != 4 {
            require(false, "backbone.stage_widths", "needs 4 stages (res2..res5), got \(b.stageWidths.count)")
        }
        for (i, w) in b.stageWidths.enumerated() {
            positive(w, "backbone.stage_widths[\(i)]")
            if b.block == .bottleneck && w > 0 {
                require(w % 4 == 0, "backbone.stage_widths[\(i)]",
                        "bottleneck blocks need a width divisible by 4, got \(w)")
            }
        }
        guard b.normalization == .groupNorm else { return }
        positive(b.groupNormGroups, "backbone.group_norm_groups")
        guard b.groupNormGroups > 0 else { return }
        for (field, w) in [("backbone.stem_width", b.stemWidth)]
            + b.stageWidths.enumerated().map({ ("backbone.stage_widths[\($0.offset)]", $0.element) })
        where w > 0 {
            require(w % b.groupNormGroups == 0, field,
                    "\(w) channels cannot form \(b.groupNormGroups) GroupNorm groups")
            // A bottleneck's inner layers are a quarter as wide and normalised too.
            if b.block == .bottleneck && field != "backbone.stem_width" {
                require((w / 4) % b.groupNormGroups == 0, field,
                        "the bottleneck's inner width \(w / 4) cannot form \(b.groupNormGroups) GroupNorm groups")
            }
        }
    }

    mutating func features(_ f: FeatureConfig, input: InputConfig) {
        if f.kind == .fpn {
            positive(f.fpnChannels, "features.fpn_channels")
            require((2...5).contains(f.canonicalLevel), "features.canonical_level",
                    "RoIs are pooled from P2..P5, got \(f.canonicalLevel)")
            positive(f.canonicalBoxSize, "features.canonical_box_size")
        }
        positive(input.shorterSide, "input.shorter_side")
        positive(input.maxSize, "input.max_size")
        require(input.maxSize >= input.shorterSide, "input.max_size",
                "must be >= input.shorter_side (\(input.shorterSide)), got \(input.maxSize)")
        let stride = f.sizeDivisibility
        for (field, size) in [("input.shorter_side", input.shorterSide), ("input.max_size", input.maxSize)] where size > 0 {
            require(size % stride == 0, field,
                    "\(size) is not divisible by the largest stride \(stride) of \(f.kind.rawValue) features")
        }
    }

    mutating func anchors(_ a: AnchorConfig, levels: Int) {
        require(a.sizes.count == levels, "anchors.sizes",
                "needs one list of sizes per feature level (\(levels)), got \(a.sizes.count)")
        for (level, sizes) in a.sizes.enumerated() {
            require(!sizes.isEmpty, "anchors.sizes[\(level)]", "must not be empty")
            for (i, size) in sizes.enumerated() { positive(size, "anchors.sizes[\(level)][\(i)]") }
            // One RPN head is shared by every level, so every level needs the same anchor count.
            require(sizes.isEmpty || a.sizes[0].isEmpty || sizes.count == a.sizes[0].count, "anchors.sizes[\(level)]",
                    "needs as many sizes as level 0 (\(a.sizes[0].count)): the RPN head is shared, got \(sizes.count)")
        }
        require(!a.aspectRatios.isEmpty, "anchors.aspect_ratios", "must not be empty")
        for (i, ratio) in a.aspectRatios.enumerated() { positive(ratio, "anchors.aspect_ratios[\(i)]") }
        require(a.offset >= 0 && a.offset < 1, "anchors.offset", "must be in [0, 1), got \(a.offset)")
    }

    mutating func rpn(_ r: RPNConfig) {
        if r.iouThresholds.count == 2 {
            let (low, high) = (r.iouThresholds[0], r.iouThresholds[1])
            unitInterval(low, "rpn.iou_thresholds[0]")
            unitInterval(high, "rpn.iou_thresholds[1]")
            require(low <= high, "rpn.iou_thresholds", "must be ascending, got [\(low), \(high)]")
        } else {
            require(false, "rpn.iou_thresholds", "needs [negative, positive], got \(r.iouThresholds.count) values")
        }
        positive(r.samplesPerImage, "rpn.samples_per_image")
        fraction(r.positiveFraction, "rpn.positive_fraction")
        positive(r.preNMSTopKTrain, "rpn.pre_nms_top_k_train")
        positive(r.postNMSTopKTrain, "rpn.post_nms_top_k_train")
        positive(r.preNMSTopKTest, "rpn.pre_nms_top_k_test")
        positive(r.postNMSTopKTest, "rpn.post_nms_top_k_test")
        unitInterval(r.nmsThreshold, "rpn.nms_threshold")
        nonNegative(r.minSize, "rpn.min_size")
        require(r.boundaryThreshold.isFinite, "rpn.boundary_threshold", "must be finite")
        nonNegative(r.smoothL1Beta, "rpn.smooth_l1_beta")
        weights(r.boxCodingWeights, "rpn.box_coding_weights")
    }

    mutating func pooler(_ p: RoIOperatorConfig, _ field: String) {
        positive(p.outputSize, "\(field).output_size")
        require(p.samplingRatio >= 0, "\(field).sampling_ratio", "must be >= 0 (0 = adaptive), got \(p.samplingRatio)")
        if p.kind == .roiPool {
            require(p.aggregation == .max, "\(field).aggregation", "roi_pool takes the max of each bin; use roi_warp or roi_align to average")
        }
        if p.kind != .roiAlign {
            require(!p.aligned, "\(field).aligned", "only roi_align has an aligned (half-pixel) mode")
        }
    }

    mutating func roiHeads(_ h: RoIHeadsConfig, features: FeatureConfig.Kind) {
        positive(h.numClasses, "roi_heads.num_classes")
        fraction(h.iouThreshold, "roi_heads.iou_threshold")
        positive(h.roisPerImage, "roi_heads.rois_per_image")
        fraction(h.positiveFraction, "roi_heads.positive_fraction")
        pooler(h.boxPooler, "roi_heads.box_pooler")
        weights(h.boxCodingWeights, "roi_heads.box_coding_weights")
        nonNegative(h.smoothL1Beta, "roi_heads.smooth_l1_beta")
        switch h.boxHead.kind {
        case .fc:
            positive(h.boxHead.fcLayers, "roi_heads.box_head.fc_layers")
            positive(h.boxHead.fcWidth, "roi_heads.box_head.fc_width")
        case .c4Res5:
            require(features == .c4, "roi_heads.box_head.kind",
                    "c4_res5 runs res5 on the RoIs and needs c4 features, got \(features.rawValue)")
            let size = h.boxPooler.outputSize
            require(size >= 2 && size % 2 == 0, "roi_heads.box_pooler.output_size",
                    "the c4_res5 box head halves its input with a stride-2 block and needs an even size such as 14, got \(size)")
        }
    }

    mutating func maskHead(_ m: MaskHeadConfig, roiHeads: RoIHeadsConfig) {
        guard m.kind != .none else { return }
        positive(m.resolution, "mask_head.resolution")
        switch m.kind {
        case .none:
            break
        case .fcn:
            require(m.convs >= 0, "mask_head.convs", "must be >= 0, got \(m.convs)")
            positive(m.convWidth, "mask_head.conv_width")
            pooler(m.pooler, "mask_head.pooler")
            require(m.resolution == 2 * m.pooler.outputSize, "mask_head.resolution",
                    "the fcn head doubles its \(m.pooler.outputSize)x\(m.pooler.outputSize) input with one deconvolution, so it must be \(2 * m.pooler.outputSize), got \(m.resolution)")
        case .c4Deconv:
            positive(m.convWidth, "mask_head.conv_width")
            require(roiHeads.boxHead.kind == .c4Res5, "mask_head.kind",
                    "c4_deconv runs on the res5 box head's output and needs roi_heads.box_head.kind c4_res5")
            require(m.resolution == roiHeads.boxPooler.outputSize, "mask_head.resolution",
                    "the c4_deconv head doubles res5's output back to the box pooler size \(roiHeads.boxPooler.outputSize), got \(m.resolution)")
        case .mlp:
            positive(m.fcLayers, "mask_head.fc_layers")
            positive(m.fcWidth, "mask_head.fc_width")
            pooler(m.pooler, "mask_head.pooler")
        }
    }

    mutating func keypointHead(_ k: KeypointHeadConfig) {
        guard k.kind == .fcn else { return }
        require(k.convs >= 0, "keypoint_head.convs", "must be >= 0, got \(k.convs)")
        positive(k.convWidth, "keypoint_head.conv_width")
        positive(k.keypointCount, "keypoint_head.keypoint_count")
        pooler(k.pooler, "keypoint_head.pooler")
        require(k.heatmapSize == 4 * k.pooler.outputSize, "keypoint_head.heatmap_size",
                "a deconvolution and 2x upsampling make \(4 * k.pooler.outputSize) from the \(k.pooler.outputSize)x\(k.pooler.outputSize) pooler output, got \(k.heatmapSize)")
    }

    mutating func inference(_ i: InferenceConfig) {
        require(i.scoreThreshold >= 0 && i.scoreThreshold < 1, "inference.score_threshold",
                "must be in [0, 1), got \(i.scoreThreshold)")
        unitInterval(i.nmsThreshold, "inference.nms_threshold")
        positive(i.detectionsPerImage, "inference.detections_per_image")
        fraction(i.maskThreshold, "inference.mask_threshold")
    }

    mutating func solver(_ s: SolverConfig) {
        positive(s.baseLearningRate, "solver.base_learning_rate")
        require(s.momentum >= 0 && s.momentum < 1, "solver.momentum", "must be in [0, 1), got \(s.momentum)")
        nonNegative(s.weightDecay, "solver.weight_decay")
        require(s.warmupIterations >= 0, "solver.warmup_iterations", "must be >= 0, got \(s.warmupIterations)")
        fraction(s.warmupFactor, "solver.warmup_factor")
        positive(s.iterations, "solver.iterations")
        for (i, step) in s.steps.enumerated() {
            let previous = i == 0 ? 0 : s.steps[i - 1]
            require(step > previous && step < s.iterations, "solver.steps[\(i)]",
                    "steps must ascend within (0, iterations = \(s.iterations)), got \(step)")
        }
        fraction(s.gamma, "solver.gamma")
        positive(s.imagesPerBatch, "solver.images_per_batch")
        nonNegative(s.gradientClipNorm, "solver.gradient_clip_norm")
    }
}
