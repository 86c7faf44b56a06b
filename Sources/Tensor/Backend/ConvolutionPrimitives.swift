import CDNNL

/// The shape of one 2-D convolution, the key of the primitive cache.
struct ConvolutionGeometry: Hashable, Sendable {
    var batch: Int, inputChannels: Int, height: Int, width: Int
    var outputChannels: Int, kernelHeight: Int, kernelWidth: Int
    var stride: Int, padding: Int, dilation: Int
    var hasBias: Bool

    /// The output extent along one spatial axis of `extent` input pixels.
    static func outputExtent(_ extent: Int, kernel: Int, stride: Int, padding: Int, dilation: Int) -> Int {
        (extent + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1
    }

    var outputHeight: Int { Self.outputExtent(height, kernel: kernelHeight, stride: stride, padding: padding, dilation: dilation) }
    var outputWidth: Int { Self.outputExtent(width, kernel: kernelWidth, stride: stride, padding: padding, dilation: dilation) }
    var inputShape: [Int] { [batch, inputChannels, height, width] }
    var weightShape: [Int] { [outputChannels, inputChannels, kernelHeight, kernelWidth] }
    var outputShape: [Int] { [batch, outputChannels, outputHeight, outputWidth] }
}

/// oneDNN forward, backward-data and backward-weights primitives for one convolution geometry,
/// created once and cached (`ConvolutionPrimitives.for(_:)`).
///
/// With `blockedLayouts`, oneDNN picks its own (blocked, e.g. nChw16c) layouts and the bridges
/// reorder at the edges; this runs its direct JIT kernels, which beat the plain-NCHW GEMM path.
final class ConvolutionPrimitives: @unchecked Sendable {
    // Sendable: immutable after creation; oneDNN primitives are safe to execute from any thread.

    /// Whether new primitives let oneDNN choose blocked layouts (measured faster; see bench).
    nonisolated(unsafe) static var blockedLayouts = true
    fileprivate static let cache = PrimitiveCache<ConvolutionGeometry, ConvolutionPrimitives>()

    /// The cached primitives for `geometry`, created on first use.
    static func `for`(_ geometry: ConvolutionGeometry) -> ConvolutionPrimitives {
        cache.value(for: geometry, make: ConvolutionPrimitives.init)
    }

    let geometry: ConvolutionGeometry
    private let forward: Primitive
    private let backwardData: Primitive
    private let backwardWeights: Primitive
    private let bias: dnnl_memory_desc_t
    // Bridges per primitive argument (forward, backward data, backward weights).
    private let forwardSource, forwardWeights, forwardDestination: LayoutBridge
    private let dataGradientOutput, dataWeights, dataGradientInput: LayoutBridge
    private let weightsSource, weightsGradientOutput, weightsGradient: LayoutBridge
    /// Whether both backward primitives take the output gradient in the same layout.
    private let sharedOutputGradientLayout: Bool

    private init(_ geometry: ConvolutionGeometry) {
        self.geometry = geometry
        let name = "convolution \(geometry.inputShape)->\(geometry.outputShape) k\(geometry.kernelHeight)x\(geometry.kernelWidth)"
        let plainSource = DNNL.memoryDescriptor(geometry.inputShape, tag: dnnl_nchw)
        let plainWeights = DNNL.memoryDescriptor(geometry.weightShape, tag: dnnl_oihw)
        let plainDestination = DNNL.memoryDescriptor(geometry.outputShape, tag: dnnl_nchw)
        bias = DNNL.memoryDescriptor([geometry.outputChannels], tag: dnnl_x)
        let free = ConvolutionPrimitives.blockedLayouts
        var anySource = free ? DNNL.memoryDescriptor(geometry.inputShape, tag: dnnl_format_tag_any) : plainSource
        var anyWeights = DNNL.memoryDescriptor(geometry.weightShape, tag: dnnl_format_tag_any)
        var anyDestination = free ? DNNL.memoryDescriptor(geometry.outputShape, tag: dnnl_format_tag_any) : plainDestination
        let biasPointer = UnsafeMutablePointer<dnnl_memory_desc_t>.allocate(capacity: 1)
        biasPointer.initialize(to: bias)
        defer { biasPointer.deallocate() }
        let strides = [Int64(geometry.stride), Int64(geometry.stride)]
        let dilations = [Int64(geometry.dilation - 1), Int64(geometry.dilation - 1)]  // oneDNN: 0 = dense
        let paddings = [Int64(geometry.padding), Int64(geometry.padding)]

        var forwardDescriptor = dnnl_convolution_desc_t()
        DNNL.check(dnnl_dilated_convolution_forward_desc_init(
            &forwardDescriptor, dnnl_forward_training, dnnl_convolution_direct, &anySource, &anyWeights,
            geometry.hasBias ? biasPointer : nil, &anyDestination, strides, dilations, paddings, paddings),
                   "convolution_forward_desc_init \(name)")
        let forwardPrimitiveDescriptor = ConvolutionPrimitives.primitiveDescriptor(&forwardDescriptor, hint: nil, name)
        defer { dnnl_primitive_desc_destroy(forwardPrimitiveDescriptor) }
        (forward, forwardSource, forwardWeights, forwardDestination) = ConvolutionPrimitives.stage(
            forwardPrimitiveDescriptor, "forward \(name)",
            (plainSource, dnnl_query_src_md), (plainWeights, dnnl_query_weights_md), (plainDestination, dnnl_query_dst_md))

        var dataDescriptor = dnnl_convolution_desc_t()
        // With few input channels (an RGB stem) the blocked input gradient pads 3 channels to 16 and
        // oneDNN's direct kernel ran about 15x slower than forward; a plain NCHW input gradient
        // lets it pick a faster kernel (measured with DNNL_VERBOSE=1, see tensor-bench).
        var dataSource = geometry.inputChannels < 16 ? plainSource : anySource
        DNNL.check(dnnl_dilated_convolution_backward_data_desc_init(
            &dataDescriptor, dnnl_convolution_direct, &dataSource, &anyWeights, &anyDestination,
            strides, dilations, paddings, paddings), "convolution_backward_data_desc_init \(name)")
        let dataPrimitiveDescriptor = ConvolutionPrimitives.primitiveDescriptor(&dataDescriptor, hint: forwardPrimitiveDescriptor, name)
        defer { dnnl_primitive_desc_destroy(dataPrimitiveDescriptor) }
        (backwardData, dataGradientOutput, dataWeights, dataGradientInput) = ConvolutionPrimitives.stage(
            dataPrimitiveDescriptor, "backward data \(name)",
            (plainDestination, dnnl_query_diff_dst_md), (plainWeights, dnnl_query_weights_md), (plainSource, dnnl_query_diff_src_md))

        var weightsDescriptor = dnnl_convolution_desc_t()
        DNNL.check(dnnl_dilated_convolution_backward_weights_desc_init(
            &weightsDescriptor, dnnl_convolution_direct, &anySource, &anyWeights,
            geometry.hasBias ? biasPointer : nil, &anyDestination, strides, dilations, paddings, paddings),
                   "convolution_backward_weights_desc_init \(name)")
        let weightsPrimitiveDescriptor = ConvolutionPrimitives.primitiveDescriptor(&weightsDescriptor, hint: forwardPrimitiveDescriptor, name)
        defer { dnnl_primitive_desc_destroy(weightsPrimitiveDescriptor) }
        (backwardWeights, weightsSource, weightsGradientOutput, weightsGradient) = ConvolutionPrimitives.stage(
            weightsPrimitiveDescriptor, "backward weights \(name)",
            (plainSource, dnnl_query_src_md), (plainDestination, dnnl_query_diff_dst_md), (plainWeights, dnnl_query_diff_weights_md))
        sharedOutputGradientLayout = DNNL.sameLayout(dataGradientOutput.chosen, weightsGradientOutput.chosen)
    }

    /// The primitive of `descriptor` and bridges from each plain layout to the layout the
    /// primitive chose for the paired query.
    private static func stage(_ descriptor: dnnl_primitive_desc_t, _ name: String,
                              _ first: (dnnl_memory_desc_t, dnnl_query_t), _ second: (dnnl_memory_desc_t, dnnl_query_t),
                              _ third: (dnnl_memory_desc_t, dnnl_query_t)) -> (Primitive, LayoutBridge, LayoutBridge, LayoutBridge) {
        let bridge = { (argument: (dnnl_memory_desc_t, dnnl_query_t)) in
            LayoutBridge(plain: argument.0, chosen: DNNL.chosenDescriptor(descriptor, argument.1), name: name)
        }
        return (DNNL.makePrimitive(descriptor, name), bridge(first), bridge(second), bridge(third))
    }

    private static func primitiveDescriptor(_ descriptor: inout dnnl_convolution_desc_t, hint: dnnl_primitive_desc_t?,
                                            _ name: String) -> dnnl_primitive_desc_t {
        var primitiveDescriptor: dnnl_primitive_desc_t?
        DNNL.withAttributes { attributes in
            DNNL.check(dnnl_primitive_desc_create(&primitiveDescriptor, &descriptor, attributes, DNNL.engine, hint),
                       "primitive_desc_create \(name)")
        }
        return primitiveDescriptor!
    }

    /// `output = convolution(input, weight) + bias`; all plain NCHW / OIHW buffers.
    func runForward(input: UnsafePointer<Float>, weight: UnsafePointer<Float>, bias biasValues: UnsafePointer<Float>?,
                    output: UnsafeMutablePointer<Float>) {
        forwardSource.withChosenInput(input) { source in
            forwardWeights.withChosenInput(weight) { weights in
                forwardDestination.withChosenOutput(output) { destination in
                    var arguments = [(DNNL_ARG_SRC, forwardSource.chosen, source),
                                     (DNNL_ARG_WEIGHTS, forwardWeights.chosen, weights),
                                     (DNNL_ARG_DST, forwardDestination.chosen, destination)]
                    if let biasValues { arguments.append((DNNL_ARG_BIAS, bias, UnsafeMutableRawPointer(mutating: biasValues))) }
                    DNNL.execute(forward, "convolution forward", arguments)
                }
            }
        }
    }

    /// `inputGradient = d(output)/d(input)^T outputGradient` (the transposed convolution).
    func runBackwardData(outputGradient: UnsafePointer<Float>, weight: UnsafePointer<Float>,
                         inputGradient: UnsafeMutablePointer<Float>) {
        dataGradientOutput.withChosenInput(outputGradient) { gradientOutput in
            executeBackwardData(chosenOutputGradient: gradientOutput, weight: weight, inputGradient: inputGradient)
        }
    }

    /// The weight gradient (and bias gradient when the geometry has a bias).
    func runBackwardWeights(input: UnsafePointer<Float>, outputGradient: UnsafePointer<Float>,
                            weightGradient: UnsafeMutablePointer<Float>, biasGradient: UnsafeMutablePointer<Float>?) {
        weightsGradientOutput.withChosenInput(outputGradient) { gradientOutput in
            executeBackwardWeights(input: input, chosenOutputGradient: gradientOutput,
                                   weightGradient: weightGradient, biasGradient: biasGradient)
        }
    }

    /// Both backward passes of a convolution (either output may be `nil`), reordering the output
    /// gradient to the blocked layout once when both primitives chose the same layout.
    func runBackward(input: UnsafePointer<Float>, outputGradient: UnsafePointer<Float>, weight: UnsafePointer<Float>,
                     inputGradient: UnsafeMutablePointer<Float>?, weightGradient: UnsafeMutablePointer<Float>?,
                     biasGradient: UnsafeMutablePointer<Float>?) {
        guard sharedOutputGradientLayout, let inputGradient, let weightGradient else {
            if let inputGradient { runBackwardData(outputGradient: outputGradient, weight: weight, inputGradient: inputGradient) }
            if let weightGradient {
                runBackwardWeights(input: input, outputGradient: outputGradient, weightGradient: weightGradient, biasGradient: biasGradient)
            }
            return
        }
        dataGradientOutput.withChosenInput(outputGradient) { gradientOutput in
            executeBackwardData(chosenOutputGradient: gradientOutput, weight: weight, inputGradient: inputGradient)
            executeBackwardWeights(input: input, chosenOutputGradient: gradientOutput,
                                   weightGradient: weightGradient, biasGradient: biasGradient)
        }
    }

    private func executeBackwardData(chosenOutputGradient: UnsafeMutableRawPointer, weight: UnsafePointer<Float>,
                                     inputGradient: UnsafeMutablePointer<Float>) {
        dataWeights.withChosenInput(weight) { weights in
            dataGradientInput.withChosenOutput(inputGradient) { gradientInput in
                DNNL.execute(backwardData, "convolution backward data",
                             [(DNNL_ARG_DIFF_DST, dataGradientOutput.chosen, chosenOutputGradient),
                              (DNNL_ARG_WEIGHTS, dataWeights.chosen, weights),
                              (DNNL_ARG_DIFF_SRC, dataGradientInput.chosen, gradientInput)])
            }
        }
    }

    private func executeBackwardWeights(input: UnsafePointer<Float>, chosenOutputGradient: UnsafeMutableRawPointer,
                                        weightGradient: UnsafeMutablePointer<Float>, biasGradient: UnsafeMutablePointer<Float>?) {
        weightsSource.withChosenInput(input) { source in
            weightsGradient.withChosenOutput(weightGradient) { gradientWeights in
                var arguments = [(DNNL_ARG_SRC, weightsSource.chosen, source),
                                 (DNNL_ARG_DIFF_DST, weightsGradientOutput.chosen, chosenOutputGradient),
                                 (DNNL_ARG_DIFF_WEIGHTS, weightsGradient.chosen, gradientWeights)]
                if let biasGradient { arguments.append((DNNL_ARG_DIFF_BIAS, bias, UnsafeMutableRawPointer(biasGradient))) }
                DNNL.execute(backwardWeights, "convolution backward weights", arguments)
            }
        }
    }
}

extension ConvolutionPrimitives {
    /// Drops every cached primitive (tests switch `blockedLayouts` and need fresh primitives).
    static func clearCache() {
        cache.removeAll()
    }
}
