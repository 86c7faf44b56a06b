import Tensor

/// The keypoint branch's layers: n 3x3 convolutions with ReLU, a 4x4 stride-2 deconvolution to
/// one channel per keypoint, then 2x bilinear upsampling (`heatmap = 4 x pooled side`, 56 for
/// 14x14 RoI features as in the paper).
final class KeypointHead: ParameterContainer {
    private let convolutions: [Convolution2D]
    private let deconvolution: TransposedConvolution2D

    init(config: KeypointHeadConfig, inputChannels: Int, factory: inout ParameterFactory) {
        var convolutions: [Convolution2D] = []
        var input = inputChannels
        for index in 0..<config.convs {
            convolutions.append(Convolution2D("keypoint_head.conv\(index + 1)", input: input, output: config.convWidth,
                                              kernel: 3, padding: 1, factory: &factory))
            input = config.convWidth
        }
        self.convolutions = convolutions
        deconvolution = TransposedConvolution2D("keypoint_head.deconv", input: input, output: config.keypointCount,
                                                kernel: 4, stride: 2, padding: 1, factory: &factory)
    }

    var parameters: [Parameter] { convolutions.flatMap(\.parameters) + deconvolution.parameters }

    /// `[R, K, 4P, 4P]` heatmap logits from `[R, C, P, P]` RoI features.
    func callAsFunction(_ features: Tensor) -> Tensor {
        var x = features
        for convolution in convolutions { x = convolution(x).relu() }
        return deconvolution(x).upsampledBilinear(factor: 2)
    }
}
