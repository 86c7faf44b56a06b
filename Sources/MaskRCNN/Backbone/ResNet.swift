import Tensor

/// The ResNet trunk: a 7x7 stride-2 stem with a 3x3 stride-2 max-pool, then res2..res5 (res2
/// at stride 4, each later stage halving the resolution).
///
/// With C4 features only res2..res4 run here; res5 is built by the box head (`C4BoxHead`), as
/// in the paper's C4 design.
final class ResNet: ParameterContainer {
    private let stem: ConvolutionUnit
    /// res2, res3, res4 and, unless the layout is C4, res5.
    let stages: [ResNetStage]

    init(config: BackboneConfig, stageCount: Int, factory: inout ParameterFactory) {
        stem = ConvolutionUnit("backbone.stem", input: 3, output: config.stemWidth, kernel: 7, stride: 2,
                               config: config, factory: &factory)
        var stages: [ResNetStage] = []
        var input = config.stemWidth
        for index in 0..<stageCount {
            stages.append(ResNetStage("backbone.res\(index + 2)", input: input, width: config.stageWidths[index],
                                      blocks: config.blocksPerStage[index], stride: index == 0 ? 1 : 2,
                                      config: config, factory: &factory))
            input = config.stageWidths[index]
        }
        self.stages = stages
    }

    var parameters: [Parameter] { stem.parameters + stages.flatMap(\.parameters) }

    /// Every stage's output for an `[N, 3, H, W]` batch, res2 first (strides 4, 8, ...).
    func callAsFunction(_ images: Tensor) -> [Tensor] {
        var x = stem(images).relu().maxPooled(kernel: 3, stride: 2, padding: 1)
        var outputs: [Tensor] = []
        for stage in stages {
            x = stage(x)
            outputs.append(x)
        }
        return outputs
    }
}
