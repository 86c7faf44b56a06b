import Tensor

/// The feature extractor of a `FeatureConfig` layout: C4 (res4, stride 16), C5 (res5, stride
/// 32) or FPN (P2..P6, strides 4..64). Levels are returned finest first.
final class Backbone: ParameterContainer {
    let trunk: ResNet
    let pyramid: FeaturePyramid?
    let kind: FeatureConfig.Kind

    init(config: ModelConfig, factory: inout ParameterFactory) {
        kind = config.features.kind
        trunk = ResNet(config: config.backbone, stageCount: kind == .c4 ? 3 : 4, factory: &factory)
        pyramid = kind == .fpn
            ? FeaturePyramid(inputWidths: config.backbone.stageWidths, channels: config.features.fpnChannels, factory: &factory)
            : nil
    }

    var parameters: [Parameter] { trunk.parameters + (pyramid?.parameters ?? []) }

    /// Channels of every output level.
    static func outputChannels(_ config: ModelConfig) -> Int {
        switch config.features.kind {
        case .c4: config.backbone.stageWidths[2]
        case .c5: config.backbone.stageWidths[3]
        case .fpn: config.features.fpnChannels
        }
    }

    /// The RPN's levels for an `[N, 3, H, W]` batch (H, W multiples of the size divisibility).
    func callAsFunction(_ images: Tensor) -> [Tensor] {
        let stages = trunk(images)
        if let pyramid { return pyramid(stages) }
        return [stages[stages.count - 1]]
    }
}
