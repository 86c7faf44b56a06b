import Tensor

/// The mask branch's layers (Table 2b/2e): the FCN head (n 3x3 convolutions, a 2x2 stride-2
/// deconvolution, a 1x1 predictor), the C4 head (deconvolution of the res5 box-head output,
/// then the predictor) or the MLP head (fully connected layers to `channels x m x m`).
///
/// Output channels: K (sigmoid, class-specific: label `c` in channel `c - 1`), 1 (sigmoid,
/// class-agnostic), K + 1 (softmax, class-specific: background 0, label `c` in channel `c`) or
/// 2 (softmax, class-agnostic: background, foreground).
final class MaskHead: ParameterContainer {
    private let convolutions: [Convolution2D]
    private let deconvolution: TransposedConvolution2D?
    private let predictor: Convolution2D?
    private let fullyConnected: [FullyConnected]
    /// Output channels per RoI.
    let channels: Int
    /// Side m of the predicted masks.
    let resolution: Int

    init(config: ModelConfig, inputChannels: Int, factory: inout ParameterFactory) {
        let head = config.maskHead
        let classes = config.roiHeads.numClasses
        channels = switch (head.loss, head.classSpecific) {
        case (.sigmoid, true): classes
        case (.sigmoid, false): 1
        case (.softmax, true): classes + 1
        case (.softmax, false): 2
        }
        resolution = head.resolution
        var convolutions: [Convolution2D] = []
        var fullyConnected: [FullyConnected] = []
        switch head.kind {
        case .none, .fcn, .c4Deconv:
            var input = inputChannels
            if head.kind == .fcn {
                for index in 0..<head.convs {
                    convolutions.append(Convolution2D("mask_head.conv\(index + 1)", input: input, output: head.convWidth,
                                                      kernel: 3, padding: 1, factory: &factory))
                    input = head.convWidth
                }
            }
            deconvolution = TransposedConvolution2D("mask_head.deconv", input: input, output: head.convWidth,
                                                    kernel: 2, stride: 2, factory: &factory)
            predictor = Convolution2D("mask_head.predictor", input: head.convWidth, output: channels, kernel: 1,
                                      initialization: .normal(0.001), factory: &factory)
        case .mlp:
            let pooled = head.pooler.outputSize
            var input = inputChannels * pooled * pooled
            for index in 0..<(head.fcLayers - 1) {
                fullyConnected.append(FullyConnected("mask_head.fc\(index + 1)", input: input, output: head.fcWidth, factory: &factory))
                input = head.fcWidth
            }
            fullyConnected.append(FullyConnected("mask_head.predictor", input: input,
                                                 output: channels * resolution * resolution,
                                                 initialization: .normal(0.001), factory: &factory))
            deconvolution = nil
            predictor = nil
        }
        self.convolutions = convolutions
        self.fullyConnected = fullyConnected
    }

    var parameters: [Parameter] {
        convolutions.flatMap(\.parameters) + (deconvolution?.parameters ?? []) + (predictor?.parameters ?? [])
            + fullyConnected.flatMap(\.parameters)
    }

    /// `[R, channels, m, m]` mask logits from `[R, C, P, P]` RoI features.
    func callAsFunction(_ features: Tensor) -> Tensor {
        let rows = features.shape[0]
        if let deconvolution, let predictor {
            var x = features
            for convolution in convolutions { x = convolution(x).relu() }
            return predictor(deconvolution(x).relu())
        }
        var x = features.reshaped(to: [rows, features.count / max(rows, 1)])
        for (index, layer) in fullyConnected.enumerated() {
            x = layer(x)
            if index < fullyConnected.count - 1 { x = x.relu() }
        }
        return x.reshaped(to: [rows, channels, resolution, resolution])
    }
}
