/// Element-wise arithmetic on tensors of equal shape, and scalar scaling.
extension Tensor {
    /// `self + other` without recording autograd (used by the autograd engine itself).
    func adding(_ other: Tensor) -> Tensor {
        precondition(shape == other.shape, "add: shapes \(shape) and \(other.shape) differ")
        return Tensor.elementwise(self, other, shape: shape) { $0 + $1 }
    }

    /// Applies `combine` to corresponding elements of `a` and `b` into a new tensor of `shape`.
    @inlinable
    static func elementwise(_ a: Tensor, _ b: Tensor, shape: [Int], _ combine: (Float, Float) -> Float) -> Tensor {
        a.withUnsafeBufferPointer { x in
            b.withUnsafeBufferPointer { y in
                Tensor.filled(shape: shape) { out in
                    parallelChunks(out.count) { range in
                        for i in range { out[i] = combine(x[i], y[i]) }
                    }
                }
            }
        }
    }

    /// Applies `transform` to every element into a new tensor of the same shape.
    @inlinable
    func mapped(_ transform: (Float) -> Float) -> Tensor {
        withUnsafeBufferPointer { x in
            Tensor.filled(shape: shape) { out in
                parallelChunks(out.count) { range in
                    for i in range { out[i] = transform(x[i]) }
                }
            }
        }
    }
}

/// Element-wise sum of two tensors of the same shape.
public func + (lhs: Tensor, rhs: Tensor) -> Tensor {
    Tensor.record(output: lhs.adding(rhs), inputs: [lhs, rhs]) { gradient in [gradient, gradient] }
}

/// Element-wise difference of two tensors of the same shape.
public func - (lhs: Tensor, rhs: Tensor) -> Tensor {
    precondition(lhs.shape == rhs.shape, "subtract: shapes \(lhs.shape) and \(rhs.shape) differ")
    let difference = Tensor.elementwise(lhs, rhs, shape: lhs.shape) { $0 - $1 }
    return Tensor.record(output: difference, inputs: [lhs, rhs]) { gradient in [gradient, gradient.mapped { -$0 }] }
}

/// Element-wise product of two tensors of the same shape.
public func * (lhs: Tensor, rhs: Tensor) -> Tensor {
    precondition(lhs.shape == rhs.shape, "multiply: shapes \(lhs.shape) and \(rhs.shape) differ")
    let product = Tensor.elementwise(lhs, rhs, shape: lhs.shape) { $0 * $1 }
    return Tensor.record(output: product, inputs: [lhs, rhs]) { gradient in
        [Tensor.elementwise(gradient, rhs, shape: rhs.shape) { $0 * $1 },
         Tensor.elementwise(gradient, lhs, shape: lhs.shape) { $0 * $1 }]
    }
}

/// Every element multiplied by a constant.
public func * (lhs: Tensor, rhs: Float) -> Tensor {
    Tensor.record(output: lhs.mapped { $0 * rhs }, inputs: [lhs]) { gradient in [gradient.mapped { $0 * rhs }] }
}

extension Tensor {
    /// The sum of all elements, as a scalar tensor (accumulated in Double for stability).
    public func sum() -> Tensor {
        let total = withUnsafeBufferPointer { x in x.reduce(0.0) { $0 + Double($1) } }
        let inputShape = shape
        return Tensor.record(output: Tensor(scalar: Float(total)), inputs: [self]) { gradient in
            [Tensor(repeating: gradient.scalar, shape: inputShape)]
        }
    }

    /// The mean of all elements, as a scalar tensor.
    public func mean() -> Tensor {
        sum() * (1 / Float(Swift.max(1, count)))
    }
}
