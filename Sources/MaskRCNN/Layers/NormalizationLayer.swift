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
