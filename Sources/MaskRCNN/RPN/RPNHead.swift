import Tensor

/// The RPN head shared by every level: a 3x3 convolution with ReLU, then 1x1 convolutions to
/// A objectness logits and 4A box deltas per location (channel `4a + c` for anchor `a`).
final class RPNHead: ParameterContainer {
    private let convolution: Convolution2D
    private let objectness: Convolution2D
    private let deltas: Convolution2D

    init(channels: Int, anchorsPerLocation: Int, factory: inout ParameterFactory) {
        // Normal(0, 0.01) weights and zero biases, as detectron2's and torchvision's RPN heads.
        convolution = Convolution2D("rpn.conv", input: channels, output: channels, kernel: 3, padding: 1,
                                    initialization: .normal(0.01), factory: &factory)
        objectness = Convolution2D("rpn.objectness", input: channels, output: anchorsPerLocation, kernel: 1,
                                   initialization: .normal(0.01), factory: &factory)
        deltas = Convolution2D("rpn.deltas", input: channels, output: 4 * anchorsPerLocation, kernel: 1,
                               initialization: .normal(0.01), factory: &factory)
    }

    var parameters: [Parameter] { convolution.parameters + objectness.parameters + deltas.parameters }

    /// `[N, A, H, W]` logits and `[N, 4A, H, W]` deltas of one level.
    func callAsFunction(_ features: Tensor) -> (objectness: Tensor, deltas: Tensor) {
        let hidden = convolution(features).relu()
        return (objectness(hidden), deltas(hidden))
    }
}
