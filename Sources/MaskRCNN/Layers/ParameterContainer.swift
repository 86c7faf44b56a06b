import Tensor

/// A layer or model part that owns trainable (or frozen) parameters.
///
/// Parts list their parameters in a fixed order, so checkpoints and the optimiser see the same
/// sequence on every run.
public protocol ParameterContainer: AnyObject {
    /// Every parameter of the part, in a fixed order; names are unique within a model.
    var parameters: [Parameter] { get }
}

/// Makes the initial parameters of a model from one seeded generator, so a seed fixes every
/// initial weight.
struct ParameterFactory {
    var generator: SeededGenerator

    /// A factory whose weights are fixed by `seed`.
    init(seed: Int) {
        generator = SeededGenerator(seed: UInt64(seed))
    }

    /// MSRA fan-out normal (detectron2's `c2_msra_fill`), for convolutions followed by ReLU.
    mutating func heNormal(_ name: String, shape: [Int]) -> Parameter {
        Parameter(name, .heNormal(shape: shape, generator: &generator))
    }

    /// Normal with the given standard deviation (RPN and predictor layers).
    mutating func normal(_ name: String, shape: [Int], standardDeviation: Float) -> Parameter {
        Parameter(name, .randomNormal(shape: shape, standardDeviation: standardDeviation, generator: &generator))
    }

    /// All elements equal to `value` (biases, norm affine terms).
    func constant(_ name: String, shape: [Int], value: Float = 0) -> Parameter {
        Parameter(name, Tensor(repeating: value, shape: shape))
    }
}
