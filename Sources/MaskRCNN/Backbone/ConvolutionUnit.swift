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

    func callAsFunction(_ x: Tensor) -> Tensor {
        guard let (scale, shift) = normalization.frozenAffine else { return normalization(convolution(x)) }
        // Frozen BN folded into the convolution: conv(x, W) * s + t = conv(x, W * s) + t, so the
        // activation is written once instead of twice (the weight is far smaller than the map).
        // A normalised convolution has no bias of its own (`convolutionNeedsBias`).
        let weight = convolution.weight.value
        let shape = weight.shape
        let scaled = weight.reshaped(to: [1, shape[0], shape[1], shape[2] * shape[3]])
            .scaledPerChannel(by: scale).reshaped(to: shape)
        return x.convolved(with: scaled, bias: shift, stride: convolution.stride, padding: convolution.padding)
    }
}
