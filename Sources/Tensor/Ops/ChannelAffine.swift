/// Per-channel broadcast scale and shift over `[N, C, ...]` tensors (bias adds, frozen
/// BatchNorm, GroupNorm's affine step).
extension Tensor {
    /// `self[n, c, ...] * scale[c] + shift[c]`; either may be `nil` (identity).
    ///
    /// - Parameters:
    ///   - scale: `[C]` or `nil`.
    ///   - shift: `[C]` or `nil`.
    public func scaledPerChannel(by scale: Tensor?, shift: Tensor? = nil) -> Tensor {
        precondition(rank >= 2, "channel scale/shift: needs [N, C, ...], got \(shape)")
        let channels = shape[1]
        precondition(scale == nil || scale!.shape == [channels], "channel scale: \(scale!.shape) for \(channels) channels")
        precondition(shift == nil || shift!.shape == [channels], "channel shift: \(shift!.shape) for \(channels) channels")
        let planes = shape[0] * channels
        let planeSize = planes == 0 ? 0 : count / planes
        let scales = scale?.scalars ?? [Float](repeating: 1, count: channels)
        let shifts = shift?.scalars ?? [Float](repeating: 0, count: channels)
        let output = withUnsafeBufferPointer { x in
            Tensor.filled(shape: shape) { y in
                for plane in 0..<planes {
                    let a = scales[plane % channels], b = shifts[plane % channels]
                    let base = plane * planeSize
                    for i in base..<(base + planeSize) { y[i] = x[i] * a + b }
                }
            }
        }
        let input = self
        return Tensor.record(output: output, inputs: [self] + [scale, shift].compactMap { $0 }) { gradient in
            var inputGradient: Tensor?
            if input.requiresGrad { inputGradient = gradient.scaledPerChannel(by: scale) }
            var results: [Tensor?] = [inputGradient]
            if scale != nil {
                results.append(Tensor.channelSums(gradient, weightedBy: input, channels: channels, planeSize: planeSize))
            }
            if shift != nil {
                results.append(Tensor.channelSums(gradient, weightedBy: nil, channels: channels, planeSize: planeSize))
            }
            return results
        }
    }

    /// `self + shift[c]` broadcast over `[N, C, ...]`.
    public func shiftedPerChannel(by shift: Tensor) -> Tensor {
        scaledPerChannel(by: nil, shift: shift)
    }

    /// `sum over n and positions of gradient * (weights ?? 1)`, per channel (Double accumulation).
    static func channelSums(_ gradient: Tensor, weightedBy weights: Tensor?, channels: Int, planeSize: Int) -> Tensor {
        var sums = [Double](repeating: 0, count: channels)
        let planes = planeSize == 0 ? 0 : gradient.count / planeSize
        gradient.withUnsafeBufferPointer { g in
            if let weights {
                weights.withUnsafeBufferPointer { w in
                    for plane in 0..<planes {
                        var sum: Float = 0
                        for i in (plane * planeSize)..<((plane + 1) * planeSize) { sum += g[i] * w[i] }
                        sums[plane % channels] += Double(sum)
                    }
                }
            } else {
                for plane in 0..<planes {
                    var sum: Float = 0
                    for i in (plane * planeSize)..<((plane + 1) * planeSize) { sum += g[i] }
                    sums[plane % channels] += Double(sum)
                }
            }
        }
        return Tensor(shape: [channels], scalars: sums.map { Float($0) })
    }
}
