import Tensor

/// A convolution followed by the backbone's normalisation (the "conv + norm" unit of every
/// ResNet layer); the ReLU is left to the caller because residual blocks add before it.
final class ConvolutionUnit: ParameterContainer {
    let convolution: Convolution2D
    let normalization: NormalizationLayer

    init(_ name: String, input: Int, output: Int, kernel: Int, stride: Int = 1, config: BackboneConfig,
         factory: inout ParameterFactory) {
        convolution = Convolution2D(name, input: input, output: output, kernel: kernel, stride: stride,
                                    padding: (kernel - 1) / 2, bias: NormalizationLayer.convolutionNeedsBias(config),
                                    factory: &factory)
        normalization = NormalizationLayer("\(name).norm", channels: output, config: config, factory: &factory)
    }

    var parameters: [Parameter] { convolution.parameters + normalization.parameters }

    func callAsFunction(_ x: Tensor) -> Tensor { normalization(convolution(x)) }
}
