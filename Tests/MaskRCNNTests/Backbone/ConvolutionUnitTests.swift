@testable import MaskRCNN
import Tensor
import Testing

/// Frozen BatchNorm folded into the convolution gives the unfolded values and gradients.
struct ConvolutionUnitTests {
    @Test func foldedFrozenBatchNormEqualsConvolutionThenNorm() throws {
        var config = SyntheticScenes.tinyConfig().backbone
        config.normalization = .frozenBatchNorm
        var factory = ParameterFactory(seed: 4)
        let unit = ConvolutionUnit("u", input: 3, output: 4, kernel: 3, stride: 2, config: config, factory: &factory)
        // Non-trivial statistics, as a converted checkpoint would carry.
        let norm = unit.normalization.parameters
        norm[0].value = Tensor(shape: [4], scalars: [0.5, -1, 0.25, 2])     // running mean
        norm[1].value = Tensor(shape: [4], scalars: [4, 0.25, 1, 9])        // running variance
        norm[2].value = Tensor(shape: [4], scalars: [1.5, -0.5, 1, 0.75])   // weight
        norm[3].value = Tensor(shape: [4], scalars: [0.1, 0.2, -0.3, 0.4])  // bias
        let x = Tensor(shape: [2, 3, 6, 6], scalars: (0..<216).map { Float(($0 * 37) % 23) / 11 - 1 }).requiringGradient()

        let folded = unit(x)
        let reference = x.convolved(with: unit.convolution.weight.value, stride: 2, padding: 1)
            .frozenBatchNormalized(runningMean: norm[0].value, runningVariance: norm[1].value,
                                   weight: norm[2].value, bias: norm[3].value)
        #expect(folded.shape == reference.shape)
        let worst = zip(folded.scalars, reference.scalars).map { abs($0 - $1) }.max()!
        #expect(worst < 1e-5)

        let upstream = Tensor(shape: folded.shape, scalars: (0..<folded.count).map { Float($0 % 7) - 3 })
        folded.backward(gradient: upstream)
        let foldedWeightGradient = try #require(unit.convolution.weight.grad).scalars
        let foldedInputGradient = try #require(x.grad).scalars
        unit.convolution.weight.clearGradient()
        x.clearGradient()
        reference.backward(gradient: upstream)
        let weightWorst = zip(foldedWeightGradient, try #require(unit.convolution.weight.grad).scalars).map { abs($0 - $1) }.max()!
        let inputWorst = zip(foldedInputGradient, try #require(x.grad).scalars).map { abs($0 - $1) }.max()!
        #expect(weightWorst < 1e-3)
        #expect(inputWorst < 1e-4)
    }
}
