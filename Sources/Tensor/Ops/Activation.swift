import Foundation

/// Element-wise nonlinearities.
extension Tensor {
    /// `max(x, 0)`; the gradient passes where the input was positive.
    public func relu() -> Tensor {
        let input = self
        return Tensor.record(output: mapped { Swift.max($0, 0) }, inputs: [self]) { gradient in
            [Tensor.elementwise(gradient, input, shape: input.shape) { $1 > 0 ? $0 : 0 }]
        }
    }

    /// The logistic function `1 / (1 + e^-x)`, computed without overflow for large |x|.
    public func sigmoid() -> Tensor {
        let output = mapped(Tensor.logistic)
        return Tensor.record(output: output, inputs: [self]) { gradient in
            [Tensor.elementwise(gradient, output, shape: output.shape) { $0 * $1 * (1 - $1) }]
        }
    }

    /// A stable logistic: `exp` only ever sees a non-positive argument.
    @inlinable
    static func logistic(_ x: Float) -> Float {
        if x >= 0 { return 1 / (1 + Foundation.exp(-x)) }
        let e = Foundation.exp(x)
        return e / (1 + e)
    }
}
