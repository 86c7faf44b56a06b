/// Fully connected layer `y = x W^T + b`: forward through oneDNN's matmul primitive (bias fused,
/// weight read in place), backward through sgemm (see `LinearPrimitive` for the measurements).
extension Tensor {
    /// PyTorch's `F.linear`: `self` is `[rows, inFeatures]`, `weight` `[outFeatures, inFeatures]`,
    /// `bias` `[outFeatures]` or `nil`; returns `[rows, outFeatures]`.
    public func linear(weight: Tensor, bias: Tensor? = nil) -> Tensor {
        precondition(rank == 2 && weight.rank == 2 && shape[1] == weight.shape[1],
                     "linear: input \(shape) does not match weight \(weight.shape)")
        let rows = shape[0], inputs = shape[1], outputs = weight.shape[0]
        precondition(bias == nil || bias!.shape == [outputs], "linear: bias \(bias!.shape) for \(outputs) outputs")
        let output = Tensor.linearForward(self, weight: weight, bias: bias)
        let input = self
        return Tensor.record(output: output, inputs: [self, weight] + (bias.map { [$0] } ?? [])) { gradient in
            var inputGradient: Tensor?
            if input.requiresGrad {
                var dx = Tensor(zeros: [rows, inputs])
                Tensor.multiply(gradient, weight, transposeA: false, transposeB: false, accumulatingInto: &dx)
                inputGradient = dx
            }
            var weightGradient: Tensor?
            if weight.requiresGrad {
                var dw = Tensor(zeros: [outputs, inputs])
                Tensor.multiply(gradient, input, transposeA: true, transposeB: false, accumulatingInto: &dw)
                weightGradient = dw
            }
            guard bias != nil else { return [inputGradient, weightGradient] }
            return [inputGradient, weightGradient,
                    Tensor.channelSums(gradient.reshaped(to: [rows, outputs, 1]), weightedBy: nil, channels: outputs, planeSize: 1)]
        }
    }

    /// `x W^T + b` without autograd: the matmul primitive, or (no work for oneDNN: an empty
    /// extent) the bias broadcast over the rows.
    private static func linearForward(_ x: Tensor, weight: Tensor, bias: Tensor?) -> Tensor {
        let geometry = LinearGeometry(rows: x.shape[0], inputs: x.shape[1], outputs: weight.shape[0], hasBias: bias != nil)
        guard geometry.rows > 0, geometry.inputs > 0, geometry.outputs > 0 else {
            let broadcast = bias?.scalars ?? [Float](repeating: 0, count: geometry.outputs)
            return Tensor(shape: [geometry.rows, geometry.outputs],
                          scalars: Array([[Float]](repeating: broadcast, count: geometry.rows).joined()))
        }
        let primitive = LinearPrimitive.for(geometry)
        return x.withUnsafeBufferPointer { input in
            weight.withUnsafeBufferPointer { weight in
                let run = { (bias: UnsafePointer<Float>?) in
                    Tensor.filled(shape: [geometry.rows, geometry.outputs]) { output in
                        primitive.runForward(input: input.baseAddress!, weight: weight.baseAddress!, bias: bias,
                                             output: output.baseAddress!)
                    }
                }
                guard let bias else { return run(nil) }
                return bias.withUnsafeBufferPointer { run($0.baseAddress!) }
            }
        }
    }

    /// `result += op(a) * op(b)` for 2-D tensors (no autograd); the package's matrix product.
    static func multiply(_ a: Tensor, _ b: Tensor, transposeA: Bool, transposeB: Bool, accumulatingInto result: inout Tensor) {
        let m = transposeA ? a.shape[1] : a.shape[0]
        let k = transposeA ? a.shape[0] : a.shape[1]
        let n = transposeB ? b.shape[0] : b.shape[1]
        precondition((transposeB ? b.shape[1] : b.shape[0]) == k && result.shape == [m, n],
                     "matmul: \(a.shape) x \(b.shape) into \(result.shape)")
        guard m > 0, n > 0, k > 0 else { return }   // empty (e.g. no RoIs): nothing to add
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                result.withUnsafeMutableBufferPointer { pc in
                    DNNL.sgemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                               a: pa.baseAddress!, lda: a.shape[1], b: pb.baseAddress!, ldb: b.shape[1],
                               beta: 1, c: pc.baseAddress!, ldc: n)
                }
            }
        }
    }
}
