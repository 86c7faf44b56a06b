/// Integer-factor spatial upsampling of NCHW tensors (FPN top-down path, keypoint head).
extension Tensor {
    /// PyTorch's `F.interpolate(mode="nearest", scale_factor=factor)`.
    public func upsampledNearest(factor: Int = 2) -> Tensor {
        let (_, _, h, w) = nchw("upsample nearest")
        precondition(factor >= 1, "upsample nearest: factor \(factor)")
        return resampled(rows: Tensor.nearestTaps(h, factor), columns: Tensor.nearestTaps(w, factor))
    }

    /// PyTorch's `F.interpolate(mode="bilinear", scale_factor=factor, align_corners=False)`.
    public func upsampledBilinear(factor: Int = 2) -> Tensor {
        let (_, _, h, w) = nchw("upsample bilinear")
        precondition(factor >= 1, "upsample bilinear: factor \(factor)")
        return resampled(rows: Tensor.bilinearTaps(h, factor), columns: Tensor.bilinearTaps(w, factor))
    }

    /// Two source indices and weights per output position along one axis.
    struct Taps {
        var low: [Int], high: [Int], lowWeight: [Float], highWeight: [Float]
        var count: Int { low.count }
    }

    static func nearestTaps(_ extent: Int, _ factor: Int) -> Taps {
        let source = (0..<(extent * factor)).map { $0 / factor }
        return Taps(low: source, high: source, lowWeight: source.map { _ in 1 }, highWeight: source.map { _ in 0 })
    }

    /// align_corners=False: source = max(0, (i + 0.5) / factor - 0.5), as ATen computes it.
    static func bilinearTaps(_ extent: Int, _ factor: Int) -> Taps {
        var taps = Taps(low: [], high: [], lowWeight: [], highWeight: [])
        let scale = 1 / Float(factor)
        for i in 0..<(extent * factor) {
            let source = Swift.max(0, scale * (Float(i) + 0.5) - 0.5)
            let low = Swift.min(Int(source), extent - 1)
            let high = low + (low < extent - 1 ? 1 : 0)
            let lambda = source - Float(low)
            taps.low.append(low); taps.high.append(high)
            taps.lowWeight.append(1 - lambda); taps.highWeight.append(lambda)
        }
        return taps
    }

    /// Separable resampling with per-axis taps, and its adjoint for the gradient.
    private func resampled(rows: Taps, columns: Taps) -> Tensor {
        let (n, c, h, w) = nchw("upsample")
        let outputHeight = rows.count, outputWidth = columns.count
        let output = withUnsafeBufferPointer { x in
            Tensor.filled(shape: [n, c, outputHeight, outputWidth]) { y in
                for plane in 0..<(n * c) {
                    let source = plane * h * w, destination = plane * outputHeight * outputWidth
                    for oy in 0..<outputHeight {
                        let top = source + rows.low[oy] * w, bottom = source + rows.high[oy] * w
                        let wy0 = rows.lowWeight[oy], wy1 = rows.highWeight[oy]
                        for ox in 0..<outputWidth {
                            let x0 = columns.low[ox], x1 = columns.high[ox]
                            let wx0 = columns.lowWeight[ox], wx1 = columns.highWeight[ox]
                            y[destination + oy * outputWidth + ox] =
                                wy0 * (wx0 * x[top + x0] + wx1 * x[top + x1]) + wy1 * (wx0 * x[bottom + x0] + wx1 * x[bottom + x1])
                        }
                    }
                }
            }
        }
        let inputShape = shape
        return Tensor.record(output: output, inputs: [self]) { gradient in
            var dx = [Float](repeating: 0, count: Tensor.count(of: inputShape))
            gradient.withUnsafeBufferPointer { g in
                for plane in 0..<(n * c) {
                    let source = plane * h * w, destination = plane * outputHeight * outputWidth
                    for oy in 0..<outputHeight {
                        let top = source + rows.low[oy] * w, bottom = source + rows.high[oy] * w
                        let wy0 = rows.lowWeight[oy], wy1 = rows.highWeight[oy]
                        for ox in 0..<outputWidth {
                            let value = g[destination + oy * outputWidth + ox]
                            let x0 = columns.low[ox], x1 = columns.high[ox]
                            let wx0 = columns.lowWeight[ox], wx1 = columns.highWeight[ox]
                            dx[top + x0] += value * wy0 * wx0; dx[top + x1] += value * wy0 * wx1
                            dx[bottom + x0] += value * wy1 * wx0; dx[bottom + x1] += value * wy1 * wx1
                        }
                    }
                }
            }
            return [Tensor(shape: inputShape, scalars: dx)]
        }
    }
}
