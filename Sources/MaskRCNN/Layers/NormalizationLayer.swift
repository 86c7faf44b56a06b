import Tensor

/// The normalisation after a backbone convolution: GroupNorm (trainable affine), frozen
/// BatchNorm (constant statistics and affine, checkpointed but never updated) or none.
final class NormalizationLayer: ParameterContainer {
    private enum Kind {
        case groupNorm(groups: Int, weight: Parameter, bias: Parameter)
        case frozenBatchNorm(mean: Parameter, variance: Parameter, weight: Parameter, bias: Parameter)
        case none
    }
    private let kind: Kind

    init(_ name: String, channels: Int, config: BackboneConfig, factory: inout ParameterFactory) {
        switch config.normalization {
        case .groupNorm:
            kind = .groupNorm(groups: config.groupNormGroups,
                              weight: factory.constant("\(name).weight", shape: [channels], value: 1),
                              bias: factory.constant("\(name).bias", shape: [channels]))
        case .frozenBatchNorm:
            // Identity statistics: a model trained from scratch keeps them; a checkpoint may set them.
            kind = .frozenBatchNorm(mean: factory.constant("\(name).running_mean", shape: [channels]),
                                    variance: factory.constant("\(name).running_var", shape: [channels], value: 1),
                                    weight: factory.constant("\(name).weight", shape: [channels], value: 1),
                                    bias: factory.constant("\(name).bias", shape: [channels]))
        case .none:
            kind = .none
        }
    }

    /// Whether the preceding convolution needs its own bias (only without normalisation).
    static func convolutionNeedsBias(_ config: BackboneConfig) -> Bool { config.normalization == .none }

    var parameters: [Parameter] {
        switch kind {
        case let .groupNorm(_, weight, bias): [weight, bias]
        case let .frozenBatchNorm(mean, variance, weight, bias): [mean, variance, weight, bias]
        case .none: []
        }
    }

    /// Frozen parameters: checkpointed, but excluded from the optimiser.
    var frozenParameters: [Parameter] {
        if case .frozenBatchNorm = kind { return parameters }
        return []
    }

    /// Frozen BatchNorm as the per-channel `scale` and `shift` it applies (constants), so a
    /// convolution can fold it into its weights and bias; nil for the other kinds.
    var frozenAffine: (scale: Tensor, shift: Tensor)? {
        guard case let .frozenBatchNorm(mean, variance, weight, bias) = kind else { return nil }
        let m = mean.value.scalars, v = variance.value.scalars, g = weight.value.scalars, b = bias.value.scalars
        let scale = (0..<m.count).map { g[$0] / (v[$0] + 1e-5).squareRoot() }
        let shift = (0..<m.count).map { b[$0] - m[$0] * scale[$0] }
        return (Tensor(shape: [m.count], scalars: scale), Tensor(shape: [m.count], scalars: shift))
    }

    func callAsFunction(_ x: Tensor) -> Tensor {
        switch kind {
        case let .groupNorm(groups, weight, bias):
            x.groupNormalized(groups: groups, weight: weight.value, bias: bias.value)
        case let .frozenBatchNorm(mean, variance, weight, bias):
            x.frozenBatchNormalized(runningMean: mean.value, runningVariance: variance.value,
                                    weight: weight.value, bias: bias.value)
        case .none:
            x
        }
    }
}
