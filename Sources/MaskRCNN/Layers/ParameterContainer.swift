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

    /// Caffe2's Xavier fill (detectron2's `c2_xavier_fill`, `kaiming_uniform_(a=1)`): uniform in
    /// `±sqrt(3 / fanIn)`, so activations keep their scale through wide fully connected layers
    /// and the FPN convolutions (a fan-out normal there inflates a 1568-input layer ~50x).
    mutating func xavierUniform(_ name: String, shape: [Int]) -> Parameter {
        let fanIn = shape.dropFirst().reduce(1, *)
        let bound = (3 / Float(fanIn)).squareRoot()
        let values = Tensor.filled(shape: shape) { values in
            for i in 0..<values.count { values[i] = (generator.nextUniform() * 2 - 1) * bound }
        }
        return Parameter(name, values)
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
