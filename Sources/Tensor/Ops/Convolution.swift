/// 2-D convolution and transposed convolution on NCHW tensors, run by oneDNN.
extension Tensor {
    /// Cross-correlation of an NCHW input with OIHW `weight`, as PyTorch's `F.conv2d` (groups 1).
    ///
    /// - Parameters:
    ///   - weight: `[outputChannels, inputChannels, kernelHeight, kernelWidth]`.
    ///   - bias: `[outputChannels]`, or `nil`.
    ///   - stride, padding, dilation: the same along both axes; padding is zeros on every side.
    /// - Returns: `[N, outputChannels, (H + 2p - d(k-1) - 1)/s + 1, ...]`.
    public func convolved(with weight: Tensor, bias: Tensor? = nil, stride: Int = 1, padding: Int = 0,
                          dilation: Int = 1) -> Tensor {
        let geometry = convolutionGeometry(input: shape, weight: weight.shape, bias: bias?.shape,
                                           stride: stride, padding: padding, dilation: dilation, op: "conv2d")
        if geometry.batch == 0 || geometry.inputChannels == 0 || geometry.outputChannels == 0 {
            return Tensor.emptyConvolution(output: geometry.outputShape, inputs: [self, weight] + (bias.map { [$0] } ?? []))
        }
        let primitives = ConvolutionPrimitives.for(geometry)
        let output = Tensor.runConvolutionForward(primitives, input: self, weight: weight, bias: bias)
        let input = self
        let needsWeightGradients = weight.requiresGrad || bias?.requiresGrad == true
        return Tensor.record(output: output, inputs: [self, weight] + (bias.map { [$0] } ?? [])) { gradient in
            let gradients = Tensor.runConvolutionBackward(primitives, input: input, outputGradient: gradient, weight: weight,
                                                          needsInput: input.requiresGrad, needsWeights: needsWeightGradients)
            return [gradients.input, weight.requiresGrad ? gradients.weight : nil] + (bias != nil ? [gradients.bias] : [])
        }
    }

    /// Transposed convolution (PyTorch's `F.conv_transpose2d`, groups 1, output padding 0), the
    /// exact adjoint of `convolved`, as used for 2x2 stride-2 and 4x4 stride-2 padding-1
    /// upsampling in mask and keypoint heads.
    ///
    /// - Parameters:
    ///   - weight: `[inputChannels, outputChannels, kernelHeight, kernelWidth]` (PyTorch's layout).
    ///   - bias: `[outputChannels]`, or `nil`.
    /// - Returns: `[N, outputChannels, (H - 1)s - 2p + d(k-1) + 1, ...]`.
    public func transposedConvolved(with weight: Tensor, bias: Tensor? = nil, stride: Int = 1, padding: Int = 0,
                                    dilation: Int = 1) -> Tensor {
        precondition(rank == 4 && weight.rank == 4 && shape[1] == weight.shape[0],
                     "conv_transpose2d: input \(shape) does not match weight \(weight.shape)")
        let outputHeight = (shape[2] - 1) * stride - 2 * padding + dilation * (weight.shape[2] - 1) + 1
        let outputWidth = (shape[3] - 1) * stride - 2 * padding + dilation * (weight.shape[3] - 1) + 1
        precondition(outputHeight > 0 && outputWidth > 0, "conv_transpose2d: empty output for input \(shape)")
        // The adjoint of a convolution from the output size back to our input size.
        let geometry = convolutionGeometry(
            input: [shape[0], weight.shape[1], outputHeight, outputWidth],
            weight: [weight.shape[0], weight.shape[1], weight.shape[2], weight.shape[3]], bias: nil,
            stride: stride, padding: padding, dilation: dilation, op: "conv_transpose2d")
        precondition(geometry.outputShape == shape, "conv_transpose2d: input \(shape) is not a convolution output size")
        if geometry.batch == 0 || geometry.inputChannels == 0 || geometry.outputChannels == 0 {
            let empty = Tensor.emptyConvolution(output: geometry.inputShape, inputs: [self, weight])
            return bias.map { empty.shiftedPerChannel(by: $0) } ?? empty
        }
        let primitives = ConvolutionPrimitives.for(geometry)
        let output = Tensor.runConvolutionBackwardData(primitives, outputGradient: self, weight: weight)
        let input = self
        let transposed = Tensor.record(output: output, inputs: [self, weight]) { gradient in
            let (weightGradient, _) = Tensor.runConvolutionBackwardWeights(
                primitives, input: gradient, outputGradient: input, needsBias: false)
            let inputGradient = input.requiresGrad
                ? Tensor.runConvolutionForward(primitives, input: gradient, weight: weight, bias: nil) : nil
            return [inputGradient, weight.requiresGrad ? weightGradient : nil]
        }
        guard let bias else { return transposed }
        return transposed.shiftedPerChannel(by: bias)
    }

    /// A convolution with no work (no images or no channels, e.g. a mask head given no RoIs):
    /// zeros out, zero gradients back, without calling oneDNN.
    private static func emptyConvolution(output: [Int], inputs: [Tensor]) -> Tensor {
        Tensor.record(output: Tensor(zeros: output), inputs: inputs) { _ in inputs.map { Tensor(zeros: $0.shape) } }
    }

    private func convolutionGeometry(input: [Int], weight: [Int], bias: [Int]?, stride: Int, padding: Int,
                                     dilation: Int, op: String) -> ConvolutionGeometry {
        precondition(input.count == 4 && weight.count == 4 && input[1] == weight[1],
                     "\(op): input \(input) does not match weight \(weight)")
        precondition(bias == nil || bias! == [weight[0]], "\(op): bias \(bias ?? []) for \(weight[0]) output channels")
        precondition(stride >= 1 && padding >= 0 && dilation >= 1,
                     "\(op): stride \(stride), padding \(padding), dilation \(dilation)")
        let geometry = ConvolutionGeometry(
            batch: input[0], inputChannels: input[1], height: input[2], width: input[3],
            outputChannels: weight[0], kernelHeight: weight[2], kernelWidth: weight[3],
            stride: stride, padding: padding, dilation: dilation, hasBias: bias != nil)
        precondition(geometry.outputHeight > 0 && geometry.outputWidth > 0,
                     "\(op): kernel \(weight) larger than padded input \(input)")
        return geometry
    }

    private static func runConvolutionForward(_ primitives: ConvolutionPrimitives, input: Tensor, weight: Tensor,
                                              bias: Tensor?) -> Tensor {
        input.withUnsafeBufferPointer { x in
            weight.withUnsafeBufferPointer { w in
                let run = { (b: UnsafePointer<Float>?) in
                    Tensor.filled(shape: primitives.geometry.outputShape) { y in
                        primitives.runForward(input: x.baseAddress!, weight: w.baseAddress!, bias: b, output: y.baseAddress!)
                    }
                }
                guard let bias else { return run(nil) }
                return bias.withUnsafeBufferPointer { run($0.baseAddress!) }
            }
        }
    }

    private static func runConvolutionBackwardData(_ primitives: ConvolutionPrimitives, outputGradient: Tensor,
                                                   weight: Tensor) -> Tensor {
        outputGradient.withUnsafeBufferPointer { dy in
            weight.withUnsafeBufferPointer { w in
                Tensor.filled(shape: primitives.geometry.inputShape) { dx in
                    primitives.runBackwardData(outputGradient: dy.baseAddress!, weight: w.baseAddress!,
                                               inputGradient: dx.baseAddress!)
                }
            }
        }
    }

    /// The input, weight and bias gradients a convolution's backward needs (`nil` where not needed).
    private static func runConvolutionBackward(_ primitives: ConvolutionPrimitives, input: Tensor, outputGradient: Tensor,
                                               weight: Tensor, needsInput: Bool, needsWeights: Bool)
        -> (input: Tensor?, weight: Tensor?, bias: Tensor?) {
        let geometry = primitives.geometry
        // oneDNN overwrites every element, so the outputs skip a zero-fill pass.
        var inputGradient = needsInput ? Tensor.uninitialized(shape: geometry.inputShape) : nil
        var weightGradient = needsWeights ? Tensor.uninitialized(shape: geometry.weightShape) : nil
        var biasGradient = needsWeights && geometry.hasBias ? Tensor.uninitialized(shape: [geometry.outputChannels]) : nil
        input.withUnsafeBufferPointer { x in
            outputGradient.withUnsafeBufferPointer { dy in
                weight.withUnsafeBufferPointer { w in
                    inputGradient.withOptionalMutablePointer { dx in
                        weightGradient.withOptionalMutablePointer { dw in
                            biasGradient.withOptionalMutablePointer { db in
                                primitives.runBackward(input: x.baseAddress!, outputGradient: dy.baseAddress!, weight: w.baseAddress!,
                                                       inputGradient: dx, weightGradient: dw, biasGradient: db)
                            }
                        }
                    }
                }
            }
        }
        return (inputGradient, weightGradient, biasGradient)
    }

    private static func runConvolutionBackwardWeights(_ primitives: ConvolutionPrimitives, input: Tensor,
                                                      outputGradient: Tensor, needsBias: Bool) -> (Tensor?, Tensor?) {
        let geometry = primitives.geometry
        var biasGradient: Tensor? = needsBias ? Tensor(zeros: [geometry.outputChannels]) : nil
        let weightGradient = input.withUnsafeBufferPointer { x in
            outputGradient.withUnsafeBufferPointer { dy in
                Tensor.filled(shape: geometry.weightShape) { dw in
                    if biasGradient != nil {
                        biasGradient!.withUnsafeMutableBufferPointer { db in
                            primitives.runBackwardWeights(input: x.baseAddress!, outputGradient: dy.baseAddress!,
                                                          weightGradient: dw.baseAddress!, biasGradient: db.baseAddress!)
                        }
                    } else {
                        primitives.runBackwardWeights(input: x.baseAddress!, outputGradient: dy.baseAddress!,
                                                      weightGradient: dw.baseAddress!, biasGradient: nil)
                    }
                }
            }
        }
        return (weightGradient, biasGradient)
    }
}

extension Optional where Wrapped == Tensor {
    /// Calls `body` with the tensor's mutable base address, or `nil` when there is no tensor.
    mutating func withOptionalMutablePointer(_ body: (UnsafeMutablePointer<Float>?) -> Void) {
        guard self != nil else { return body(nil) }
        self!.withUnsafeMutableBufferPointer { body($0.baseAddress) }
    }
}
