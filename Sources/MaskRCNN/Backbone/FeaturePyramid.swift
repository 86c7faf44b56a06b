import Tensor

/// The feature pyramid (FPN) over res2..res5: a 1x1 lateral per level, a nearest-neighbour 2x
/// top-down path added to the laterals, a 3x3 output convolution per level, and P6 as a
/// stride-2 subsampling of P5 (torchvision's `LastLevelMaxPool`, a 1x1 max-pool) for the RPN.
final class FeaturePyramid: ParameterContainer {
    private let laterals: [Convolution2D]
    private let outputs: [Convolution2D]

    init(inputWidths: [Int], channels: Int, factory: inout ParameterFactory) {
        laterals = inputWidths.enumerated().map { index, width in
            Convolution2D("fpn.lateral\(index + 2)", input: width, output: channels, kernel: 1, initialization: .xavierUniform, factory: &factory)
        }
        outputs = inputWidths.indices.map { index in
            Convolution2D("fpn.output\(index + 2)", input: channels, output: channels, kernel: 3, padding: 1, initialization: .xavierUniform, factory: &factory)
        }
    }

    var parameters: [Parameter] { laterals.flatMap(\.parameters) + outputs.flatMap(\.parameters) }

    /// P2..P6 from C2..C5 (finest first).
    func callAsFunction(_ stages: [Tensor]) -> [Tensor] {
        var levels = [Tensor](repeating: Tensor(zeros: [0]), count: stages.count)
        var topDown = laterals[stages.count - 1](stages[stages.count - 1])
        levels[stages.count - 1] = outputs[stages.count - 1](topDown)
        for index in stride(from: stages.count - 2, through: 0, by: -1) {
            topDown = laterals[index](stages[index]) + topDown.upsampledNearest(factor: 2)
            levels[index] = outputs[index](topDown)
        }
        levels.append(levels[stages.count - 1].maxPooled(kernel: 1, stride: 2))
        return levels
    }
}
