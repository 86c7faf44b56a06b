import Foundation

extension Tensor {
    /// PyTorch's `F.binary_cross_entropy_with_logits(logits[selected], targets[selected])`:
    /// the mean of `max(x, 0) - x t + log(1 + e^-|x|)` over the selected elements (all when
    /// `selected` is `nil`), stable for any logit. E.g. the mask loss over each RoI's own class.
    /// With nothing selected the loss is 0 with zero gradient.
    ///
    /// - Parameters:
    ///   - targets: same shape as `self`, values in [0, 1]; a constant (no gradient).
    ///   - selected: one flag per element (row-major), or `nil`.
    public func sigmoidBinaryCrossEntropy(targets: Tensor, selected: [Bool]? = nil) -> Tensor {
        precondition(targets.shape == shape, "binary_cross_entropy_with_logits: targets \(targets.shape) for logits \(shape)")
        precondition(selected == nil || selected!.count == count,
                     "binary_cross_entropy_with_logits: \(selected!.count) selection flags for \(count) logits")
        let t = targets.scalars
        var total = 0.0, counted = 0
        withUnsafeBufferPointer { x in
            for i in 0..<count where selected?[i] ?? true {
                let v = x[i]
                total += Double(Swift.max(v, 0) - v * t[i] + Foundation.log1p(Foundation.exp(-Swift.abs(v))))
                counted += 1
            }
        }
        let normalizer = counted > 0 ? 1 / Float(counted) : 0
        let input = self
        return Tensor.record(output: Tensor(scalar: Float(total) * normalizer), inputs: [self]) { gradient in
            let scale = gradient.scalar * normalizer
            return [input.withUnsafeBufferPointer { x in
                Tensor.filled(shape: input.shape) { dx in
                    for i in 0..<dx.count {
                        dx[i] = (selected?[i] ?? true) ? scale * (Tensor.logistic(x[i]) - t[i]) : 0
                    }
                }
            }]
        }
    }
}
