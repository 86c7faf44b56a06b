import Tensor

/// One ResNet block: BasicBlock (two 3x3) or Bottleneck (1x1, 3x3, 1x1 with a quarter-width
/// inner layer, stride on the 3x3 as in torchvision), plus a 1x1 projection shortcut when the
/// width or stride changes.
final class ResidualBlock: ParameterContainer {
    private let units: [ConvolutionUnit]
    private let shortcut: ConvolutionUnit?

    init(_ name: String, input: Int, output: Int, stride: Int, config: BackboneConfig, factory: inout ParameterFactory) {
        switch config.block {
        case .basic:
            units = [
                ConvolutionUnit("\(name).conv1", input: input, output: output, kernel: 3, stride: stride, config: config, factory: &factory),
                ConvolutionUnit("\(name).conv2", input: output, output: output, kernel: 3, config: config, factory: &factory),
            ]
        case .bottleneck:
            let inner = max(output / 4, 1)
            units = [
                ConvolutionUnit("\(name).conv1", input: input, output: inner, kernel: 1, config: config, factory: &factory),
                ConvolutionUnit("\(name).conv2", input: inner, output: inner, kernel: 3, stride: stride, config: config, factory: &factory),
                ConvolutionUnit("\(name).conv3", input: inner, output: output, kernel: 1, config: config, factory: &factory),
            ]
        }
        shortcut = input != output || stride != 1
            ? ConvolutionUnit("\(name).shortcut", input: input, output: output, kernel: 1, stride: stride, config: config, factory: &factory)
            : nil
    }

    var parameters: [Parameter] { units.flatMap(\.parameters) + (shortcut?.parameters ?? []) }

    func callAsFunction(_ x: Tensor) -> Tensor {
        var y = x
        for (index, unit) in units.enumerated() {
            y = unit(y)
            if index < units.count - 1 { y = y.relu() }
        }
        return (y + (shortcut?(x) ?? x)).relu()
    }
}

/// A ResNet stage (res2..res5): `blocks` residual blocks, the first one striding.
final class ResNetStage: ParameterContainer {
    private let blocks: [ResidualBlock]
    /// Output channels.
    let width: Int

    init(_ name: String, input: Int, width: Int, blocks: Int, stride: Int, config: BackboneConfig,
         factory: inout ParameterFactory) {
        var made: [ResidualBlock] = []
        for index in 0..<blocks {
            made.append(ResidualBlock("\(name).\(index)", input: index == 0 ? input : width, output: width,
                                      stride: index == 0 ? stride : 1, config: config, factory: &factory))
        }
        self.blocks = made
        self.width = width
    }

    var parameters: [Parameter] { blocks.flatMap(\.parameters) }

    func callAsFunction(_ x: Tensor) -> Tensor {
        blocks.reduce(x) { $1($0) }
    }
}
