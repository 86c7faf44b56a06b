extension ModelConfig {
    /// `R10-FPN@256`, the reference configuration of issue 6 (the same as `ModelConfig()`),
    /// with its mask head; set `maskHead.kind = .none` for the box-only model.
    public static let r10FPN256 = ModelConfig()

    /// A single-level stride-16 model in the paper's C4 layout, sized for a CPU (Table 2c).
    ///
    /// res2..res4 form the trunk; res5 is the box head on RoIAlign 14x14 features and the
    /// mask head deconvolves its 7x7 output back to 14x14. Anchors 16..128 x 0.5/1/2 at the one
    /// level and 64 RoIs per image follow the feasibility experiment
    /// (`reference/feasibility.md`), with 256-px inputs so objects span several feature cells.
    public static let c4: ModelConfig = {
        var config = singleLevel(.c4)
        config.roiHeads.boxPooler.outputSize = 14
        config.roiHeads.boxHead = BoxHeadConfig(kind: .c4Res5)
        config.maskHead = MaskHeadConfig(kind: .c4Deconv, convWidth: 64, resolution: 14)
        return config
    }()

    /// A single-level stride-32 model on res5 with the FPN-style heads (Table 2d), sized for a
    /// CPU: 2fc-256 box head on 7x7 features, 4-conv mask head on 14x14 features, 256-px inputs
    /// (a stride-32 map smaller than 8x8 does not train, `reference/feasibility.md`).
    public static let c5 = singleLevel(.c5)

    /// What the single-level presets share: GroupNorm (trains from scratch at batch 2), anchors
    /// 16..128 at the one level, 64 RoIs per image.
    private static func singleLevel(_ kind: FeatureConfig.Kind) -> ModelConfig {
        var config = ModelConfig()
        config.backbone.normalization = .groupNorm
        config.features = FeatureConfig(kind: kind)
        config.anchors.sizes = [[16, 32, 64, 128]]
        config.roiHeads.roisPerImage = 64
        return config
    }
}
