import COCO

/// The output of a ``RoIOperator`` plus what its backward pass needs.
///
/// Keeping the bilinear corners and weights (or the arg-max cells) from the forward pass means
/// the backward pass does no interpolation arithmetic: it only scatters weighted gradients,
/// which is where torchvision's CPU backward spends its time (feasibility note).
public struct PooledRoIs: Sendable {
    /// The pooled features, (R, C, PH, PW).
    public let output: FeatureMap
    /// Shape of the input features: the gradient has this shape.
    let inputBatch: Int, inputChannels: Int, inputHeight: Int, inputWidth: Int
    /// The pooled RoIs, in output order.
    let rois: [RoI]
    /// The saved forward state.
    let state: State

    /// What each operator family saves for its backward pass.
    enum State: Sendable {
        /// RoIPool: per output element, the plane offset of the arg-max cell, or −1 for an empty bin.
        case cells([Int32])
        /// RoIAlign/RoIWarp average: the sampling plan.
        case averageSamples(BilinearSamplingPlan)
        /// RoIAlign/RoIWarp max: the plan and, per output element, the arg-max sample within its bin (−1: none).
        case maxSamples(BilinearSamplingPlan, [Int32])
    }

    init(output: FeatureMap, inputShape: FeatureMap, rois: [RoI], state: State) {
        self.output = output
        self.inputBatch = inputShape.batch
        self.inputChannels = inputShape.channels
        self.inputHeight = inputShape.height
        self.inputWidth = inputShape.width
        self.rois = rois
        self.state = state
    }

    /// The gradient of a loss with respect to the input features, (N, C, H, W), given its
    /// gradient with respect to ``output`` (R·C·PH·PW values, same layout as `output.values`).
    ///
    /// Deterministic and independent of the thread count: each (image, channel) plane is summed
    /// by one thread, visiting RoIs, bins and samples in torchvision's order.
    /// - Throws: `InputError` when `outputGradient` has the wrong number of values.
    public func inputGradient(outputGradient: [Float]) throws(InputError) -> FeatureMap {
        guard outputGradient.count == output.values.count else {
            throw InputError(field: "grad_output", message: "expected \(output.values.count) values, got \(outputGradient.count)")
        }
        return inputGradient(checkedOutputGradient: outputGradient)
    }

    /// ``inputGradient(outputGradient:)`` for a gradient already known to have the output's size.
    func inputGradient(checkedOutputGradient outputGradient: [Float]) -> FeatureMap {
        var gradient = FeatureMap(zerosBatch: inputBatch, channels: inputChannels, height: inputHeight, width: inputWidth)
        let roisByImage = RoIScatter.roiIndicesByImage(rois, batch: inputBatch)
        let bins = output.height * output.width
        switch state {
        case .cells(let argmax):
            RoIPoolKernel.backward(outputGradient: outputGradient, argmax: argmax, bins: bins,
                                   roisByImage: roisByImage, into: &gradient)
        case .averageSamples(let plan):
            BilinearPoolKernel.averageBackward(outputGradient: outputGradient, plan: plan,
                                               roisByImage: roisByImage, into: &gradient)
        case .maxSamples(let plan, let argmax):
            BilinearPoolKernel.maxBackward(outputGradient: outputGradient, plan: plan, argmax: argmax,
                                           roisByImage: roisByImage, into: &gradient)
        }
        return gradient
    }
}
