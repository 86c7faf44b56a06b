extension Tensor {
    /// PyTorch's `F.smooth_l1_loss(self, target, beta=beta, reduction=...)`: per element
    /// `0.5 d^2 / beta` where `|d| < beta`, else `|d| - 0.5 beta`; `beta = 0` is the L1 loss.
    /// The target is a constant (no gradient).
    public func smoothL1Loss(target: Tensor, beta: Float, reduction: LossReduction = .mean) -> Tensor {
        precondition(target.shape == shape, "smooth_l1_loss: target \(target.shape) for prediction \(shape)")
        precondition(beta >= 0, "smooth_l1_loss: beta \(beta) is negative")
        let differences = Tensor.elementwise(self, target, shape: shape) { $0 - $1 }
        let terms = differences.mapped { d in
            let size = Swift.abs(d)
            return size < beta ? 0.5 * d * d / beta : size - 0.5 * beta
        }
        let total = terms.withUnsafeBufferPointer { $0.reduce(0.0) { $0 + Double($1) } }
        let normalizer: Float = reduction == .mean ? (count > 0 ? 1 / Float(count) : 0) : 1
        return Tensor.record(output: Tensor(scalar: Float(total) * normalizer), inputs: [self]) { gradient in
            let scale = gradient.scalar * normalizer
            return [differences.mapped { d in
                let slope: Float = Swift.abs(d) < beta ? d / beta : (d > 0 ? 1 : (d < 0 ? -1 : 0))
                return scale * slope
            }]
        }
    }
}
