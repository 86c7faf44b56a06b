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
        let outputShape = [n, c, rows.count, columns.count]
        let output = withUnsafeBufferPointer { x in
            Tensor.filled(shape: outputShape) { y in
                Tensor.forEachTap(planes: n * c, height: h, width: w, rows: rows, columns: columns) { o, sources, weights in
                    y[o] = weights.0 * x[sources.0] + weights.1 * x[sources.1] + weights.2 * x[sources.2] + weights.3 * x[sources.3]
                }
            }
        }
        let inputShape = shape
        return Tensor.record(output: output, inputs: [self]) { gradient in
            var dx = [Float](repeating: 0, count: Tensor.count(of: inputShape))
            gradient.withUnsafeBufferPointer { g in
                Tensor.forEachTap(planes: n * c, height: h, width: w, rows: rows, columns: columns) { o, sources, weights in
                    dx[sources.0] += g[o] * weights.0; dx[sources.1] += g[o] * weights.1
                    dx[sources.2] += g[o] * weights.2; dx[sources.3] += g[o] * weights.3
                }
            }
            return [Tensor(shape: inputShape, scalars: dx)]
        }
    }

    /// Calls `body(outputIndex, four source indices, four weights)` for every output pixel:
    /// sources are (top-left, top-right, bottom-left, bottom-right) of the 2x2 neighbourhood.
    @inline(__always)
    private static func forEachTap(planes: Int, height h: Int, width w: Int, rows: Taps, columns: Taps,
                                   _ body: (Int, (Int, Int, Int, Int), (Float, Float, Float, Float)) -> Void) {
        let outputHeight = rows.count, outputWidth = columns.count
        for plane in 0..<planes {
            let source = plane * h * w, destination = plane * outputHeight * outputWidth
            for oy in 0..<outputHeight {
                let top = source + rows.low[oy] * w, bottom = source + rows.high[oy] * w
                let wy0 = rows.lowWeight[oy], wy1 = rows.highWeight[oy]
                for ox in 0..<outputWidth {
                    let x0 = columns.low[ox], x1 = columns.high[ox]
                    let wx0 = columns.lowWeight[ox], wx1 = columns.highWeight[ox]
                    body(destination + oy * outputWidth + ox, (top + x0, top + x1, bottom + x0, bottom + x1),
                         (wy0 * wx0, wy0 * wx1, wy1 * wx0, wy1 * wx1))
                }
            }
        }
    }
}
