import Tensor

/// How a layer's weights are drawn.
enum WeightInitialization {
    /// MSRA fan-out normal, for layers followed by ReLU in the backbone and heads.
    case heNormal
    /// Caffe2 Xavier (fan-in uniform), for fully connected layers and the FPN.
    case xavierUniform
    /// A normal of this standard deviation, for predictors.
    case normal(Float)

    func make(_ name: String, shape: [Int], factory: inout ParameterFactory) -> Parameter {
        switch self {
        case .heNormal: factory.heNormal(name, shape: shape)
        case .xavierUniform: factory.xavierUniform(name, shape: shape)
        case .normal(let deviation): factory.normal(name, shape: shape, standardDeviation: deviation)
        }
    }
}

/// A 2-D convolution layer (PyTorch's `nn.Conv2d`, square kernel, groups 1): OIHW weight and
/// an optional bias.
final class Convolution2D: ParameterContainer {
    let weight: Parameter
    let bias: Parameter?
    let stride: Int
    let padding: Int

    init(_ name: String, input: Int, output: Int, kernel: Int, stride: Int = 1, padding: Int = 0,
         bias: Bool = true, initialization: WeightInitialization = .heNormal, factory: inout ParameterFactory) {
        weight = initialization.make("\(name).weight", shape: [output, input, kernel, kernel], factory: &factory)
        self.bias = bias ? factory.constant("\(name).bias", shape: [output]) : nil
        self.stride = stride
        self.padding = padding
    }

    var parameters: [Parameter] { [weight] + (bias.map { [$0] } ?? []) }

    /// `[N, input, H, W] -> [N, output, H', W']`.
    func callAsFunction(_ x: Tensor) -> Tensor {
        x.convolved(with: weight.value, bias: bias?.value, stride: stride, padding: padding)
    }
}

/// A transposed convolution layer (PyTorch's `nn.ConvTranspose2d`), weight `[in, out, k, k]`:
/// the 2x2 stride-2 mask deconvolution and the 4x4 stride-2 keypoint one.
final class TransposedConvolution2D: ParameterContainer {
    let weight: Parameter
    let bias: Parameter
    let stride: Int
    let padding: Int

    init(_ name: String, input: Int, output: Int, kernel: Int, stride: Int, padding: Int = 0,
         factory: inout ParameterFactory) {
        // MSRA fan-out over the output channels, as detectron2's c2_msra_fill does on [in, out, k, k].
        let std = (2 / Float(input * kernel * kernel)).squareRoot()
        weight = factory.normal("\(name).weight", shape: [input, output, kernel, kernel], standardDeviation: std)
        bias = factory.constant("\(name).bias", shape: [output])
        self.stride = stride
        self.padding = padding
    }

    var parameters: [Parameter] { [weight, bias] }

    func callAsFunction(_ x: Tensor) -> Tensor {
        x.transposedConvolved(with: weight.value, bias: bias.value, stride: stride, padding: padding)
    }
}

/// A fully connected layer (`nn.Linear`), weight `[out, in]`.
final class FullyConnected: ParameterContainer {
    let weight: Parameter
    let bias: Parameter

    init(_ name: String, input: Int, output: Int, initialization: WeightInitialization = .xavierUniform,
         factory: inout ParameterFactory) {
        weight = initialization.make("\(name).weight", shape: [output, input], factory: &factory)
        bias = factory.constant("\(name).bias", shape: [output])
    }

    var parameters: [Parameter] { [weight, bias] }

    /// `[rows, in] -> [rows, out]`.
    func callAsFunction(_ x: Tensor) -> Tensor {
        x.linear(weight: weight.value, bias: bias.value)
    }
}
