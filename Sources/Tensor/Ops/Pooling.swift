/// Max and average pooling over the spatial axes of NCHW tensors.
extension Tensor {
    /// PyTorch's `F.max_pool2d` (square kernel, floor mode; padding acts as -infinity).
    /// The gradient goes to the first maximum of each window.
    public func maxPooled(kernel: Int, stride: Int, padding: Int = 0) -> Tensor {
        let (n, c, h, w) = nchw("max_pool2d")
        precondition(kernel >= 1 && stride >= 1 && padding >= 0 && padding * 2 <= kernel,
                     "max_pool2d: kernel \(kernel), stride \(stride), padding \(padding)")
        let outputHeight = (h + 2 * padding - kernel) / stride + 1
        let outputWidth = (w + 2 * padding - kernel) / stride + 1
        precondition(outputHeight > 0 && outputWidth > 0, "max_pool2d: kernel \(kernel) larger than input \(shape)")
        var argmax = [Int](repeating: 0, count: n * c * outputHeight * outputWidth)
        let output = withUnsafeBufferPointer { x in
            Tensor.filled(shape: [n, c, outputHeight, outputWidth]) { y in
                for plane in 0..<(n * c) {
                    let base = plane * h * w
                    for oy in 0..<outputHeight {
                        for ox in 0..<outputWidth {
                            var best = -Float.infinity, bestIndex = -1
                            for ky in 0..<kernel {
                                let iy = oy * stride - padding + ky
                                guard iy >= 0 && iy < h else { continue }
                                for kx in 0..<kernel {
                                    let ix = ox * stride - padding + kx
                                    guard ix >= 0 && ix < w else { continue }
                                    let value = x[base + iy * w + ix]
                                    if value > best || bestIndex < 0 || value.isNaN { best = value; bestIndex = base + iy * w + ix }
                                }
                            }
                            let o = (plane * outputHeight + oy) * outputWidth + ox
                            y[o] = best
                            argmax[o] = bestIndex
                        }
                    }
                }
            }
        }
        let inputShape = shape
        return Tensor.record(output: output, inputs: [self]) { gradient in
            var dx = [Float](repeating: 0, count: Tensor.count(of: inputShape))
            gradient.withUnsafeBufferPointer { g in
                for (o, source) in argmax.enumerated() { dx[source] += g[o] }
            }
            return [Tensor(shape: inputShape, scalars: dx)]
        }
    }

    /// PyTorch's `F.avg_pool2d` with a square kernel, no padding, floor mode.
    public func averagePooled(kernel: Int, stride: Int) -> Tensor {
        let (n, c, h, w) = nchw("avg_pool2d")
        precondition(kernel >= 1 && stride >= 1 && kernel <= h && kernel <= w,
                     "avg_pool2d: kernel \(kernel), stride \(stride) on \(shape)")
        let outputHeight = (h - kernel) / stride + 1, outputWidth = (w - kernel) / stride + 1
        let scale = 1 / Float(kernel * kernel)
        let output = withUnsafeBufferPointer { x in
            Tensor.filled(shape: [n, c, outputHeight, outputWidth]) { y in
                for plane in 0..<(n * c) {
                    for oy in 0..<outputHeight {
                        for ox in 0..<outputWidth {
                            var sum: Float = 0
                            for ky in 0..<kernel {
                                let row = plane * h * w + (oy * stride + ky) * w + ox * stride
                                for kx in 0..<kernel { sum += x[row + kx] }
                            }
                            y[(plane * outputHeight + oy) * outputWidth + ox] = sum * scale
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
                    for oy in 0..<outputHeight {
                        for ox in 0..<outputWidth {
                            let share = g[(plane * outputHeight + oy) * outputWidth + ox] * scale
                            for ky in 0..<kernel {
                                let row = plane * h * w + (oy * stride + ky) * w + ox * stride
                                for kx in 0..<kernel { dx[row + kx] += share }
                            }
                        }
                    }
                }
            }
            return [Tensor(shape: inputShape, scalars: dx)]
        }
    }

    /// The mean over each channel's plane: `[N, C, H, W]` to `[N, C, 1, 1]`.
    public func globalAveragePooled() -> Tensor {
        let (n, c, h, w) = nchw("global average pool")
        return reshaped(to: [n, c, h * w]).averagePooledRows().reshaped(to: [n, c, 1, 1])
    }

    /// The mean along the last axis of a rank-3 tensor, keeping it as extent 1.
    private func averagePooledRows() -> Tensor {
        let rows = shape[0] * shape[1], length = shape[2]
        let output = withUnsafeBufferPointer { x in
            Tensor.filled(shape: [shape[0], shape[1], 1]) { y in
                for row in 0..<rows {
                    var sum: Float = 0
                    for i in 0..<length { sum += x[row * length + i] }
                    y[row] = sum / Float(length)
                }
            }
        }
        let inputShape = shape
        return Tensor.record(output: output, inputs: [self]) { gradient in
            let g = gradient.storage
            return [Tensor.filled(shape: inputShape) { dx in
                for row in 0..<rows { for i in 0..<length { dx[row * length + i] = g[row] / Float(length) } }
            }]
        }
    }

    /// The NCHW extents, stopping with the op's name when the tensor is not rank 4.
    func nchw(_ op: String) -> (Int, Int, Int, Int) {
        precondition(rank == 4, "\(op): expected an NCHW tensor, got shape \(shape)")
        return (shape[0], shape[1], shape[2], shape[3])
    }
}
