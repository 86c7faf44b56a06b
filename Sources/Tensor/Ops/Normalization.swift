import Foundation

/// GroupNorm (trainable) and frozen, affine-only BatchNorm for `[N, C, ...]` tensors.
extension Tensor {
    /// PyTorch's `F.group_norm`: normalise each group of `C / groups` channels of each sample to
    /// zero mean and unit (biased) variance, then scale by `weight[c]` and shift by `bias[c]`.
    ///
    /// - Parameters:
    ///   - groups: must divide the channel count.
    ///   - weight, bias: `[C]`, or `nil` for no affine step.
    ///   - epsilon: added to the variance (PyTorch's default 1e-5).
    public func groupNormalized(groups: Int, weight: Tensor?, bias: Tensor?, epsilon: Float = 1e-5) -> Tensor {
        precondition(rank >= 2 && groups >= 1 && shape[1] % groups == 0,
                     "group_norm: \(groups) groups for shape \(shape)")
        let blocks = shape[0] * groups
        let blockSize = blocks == 0 ? 0 : count / blocks
        var inverseDeviations = [Float](repeating: 0, count: blocks)
        let normalized = withUnsafeBufferPointer { x in
            Tensor.filled(shape: shape) { y in
                for block in 0..<blocks {
                    let range = (block * blockSize)..<((block + 1) * blockSize)
                    var sum = 0.0, squares = 0.0
                    for i in range { let v = Double(x[i]); sum += v; squares += v * v }
                    let mean = sum / Double(blockSize)
                    let variance = Swift.max(0, squares / Double(blockSize) - mean * mean)
                    let inverse = Float(1 / (variance + Double(epsilon)).squareRoot())
                    inverseDeviations[block] = inverse
                    let center = Float(mean)
                    for i in range { y[i] = (x[i] - center) * inverse }
                }
            }
        }
        let whitened = Tensor.record(output: normalized, inputs: [self]) { gradient in
            // dx = rstd * (g - mean(g) - xhat * mean(g * xhat)) within each group.
            let dx = gradient.withUnsafeBufferPointer { g in
                normalized.withUnsafeBufferPointer { xhat in
                    Tensor.filled(shape: normalized.shape) { dx in
                        for block in 0..<blocks {
                            let range = (block * blockSize)..<((block + 1) * blockSize)
                            var meanGradient = 0.0, meanProjection = 0.0
                            for i in range { meanGradient += Double(g[i]); meanProjection += Double(g[i] * xhat[i]) }
                            let a = Float(meanGradient / Double(blockSize)), b = Float(meanProjection / Double(blockSize))
                            let inverse = inverseDeviations[block]
                            for i in range { dx[i] = inverse * (g[i] - a - xhat[i] * b) }
                        }
                    }
                }
            }
            return [dx]
        }
        if weight == nil && bias == nil { return whitened }
        return whitened.scaledPerChannel(by: weight, shift: bias)
    }

    /// detectron2's `FrozenBatchNorm2d`: the fixed affine map
    /// `(x - runningMean) / sqrt(runningVariance + epsilon) * weight + bias` per channel.
    /// The statistics and affine terms are constants; only the input receives a gradient.
    public func frozenBatchNormalized(runningMean: Tensor, runningVariance: Tensor, weight: Tensor, bias: Tensor,
                                      epsilon: Float = 1e-5) -> Tensor {
        let mean = runningMean.scalars, variance = runningVariance.scalars
        let gamma = weight.scalars, beta = bias.scalars
        precondition(rank >= 2 && [mean.count, variance.count, gamma.count, beta.count].allSatisfy { $0 == shape[1] },
                     "frozen batch norm: statistics do not match \(shape[1]) channels")
        let scale = (0..<shape[1]).map { gamma[$0] / (variance[$0] + epsilon).squareRoot() }
        let shift = (0..<shape[1]).map { beta[$0] - mean[$0] * scale[$0] }
        return scaledPerChannel(by: Tensor(shape: [shape[1]], scalars: scale),
                                shift: Tensor(shape: [shape[1]], scalars: shift))
    }
}
