import Testing
@testable import Tensor

/// Forward and backward parity with PyTorch on fixtures written by scripts/make_tensor_fixtures.py.
/// Op settings mirror that script.
@Suite struct TorchParityTests {
    @Test func convolutionStrideTwoPaddingOne() {
        expectTorchParity("conv", inputs: ["x", "w", "b"]) { $0[0].convolved(with: $0[1], bias: $0[2], stride: 2, padding: 1) }
    }

    @Test func convolutionDilated() {
        expectTorchParity("conv_dilated", inputs: ["x", "w", "b"]) {
            $0[0].convolved(with: $0[1], bias: $0[2], stride: 1, padding: 2, dilation: 2)
        }
    }

    @Test(arguments: [true, false])
    func convolutionSixteenChannels(blocked: Bool) {
        // 16 channels lets oneDNN choose blocked layouts; both layout paths must agree with PyTorch.
        let saved = ConvolutionPrimitives.blockedLayouts
        ConvolutionPrimitives.blockedLayouts = blocked
        defer { ConvolutionPrimitives.blockedLayouts = saved }
        ConvolutionPrimitives.clearCache()
        defer { ConvolutionPrimitives.clearCache() }
        expectTorchParity("conv_blocked", inputs: ["x", "w", "b"], absolute: 1e-4) {
            $0[0].convolved(with: $0[1], bias: $0[2], stride: 1, padding: 1)
        }
    }

    @Test func convolutionSevenBySevenWithoutBias() {
        expectTorchParity("conv_7x7", inputs: ["x", "w"], absolute: 1e-4) { $0[0].convolved(with: $0[1], stride: 2, padding: 3) }
    }

    @Test func transposedConvolutionTwoByTwo() {
        expectTorchParity("deconv_2x2", inputs: ["x", "w", "b"]) { $0[0].transposedConvolved(with: $0[1], bias: $0[2], stride: 2) }
    }

    @Test func transposedConvolutionFourByFour() {
        expectTorchParity("deconv_4x4", inputs: ["x", "w", "b"]) {
            $0[0].transposedConvolved(with: $0[1], bias: $0[2], stride: 2, padding: 1)
        }
    }

    @Test func linear() {
        expectTorchParity("linear", inputs: ["x", "w", "b"]) { $0[0].linear(weight: $0[1], bias: $0[2]) }
    }

    @Test func linearAcrossMatmulBlocksWithTails() {
        expectTorchParity("linear_blocked", inputs: ["x", "w", "b"]) { $0[0].linear(weight: $0[1], bias: $0[2]) }
    }

    @Test func linearWithoutBias() {
        expectTorchParity("linear_no_bias", inputs: ["x", "w"]) { $0[0].linear(weight: $0[1]) }
    }

    @Test func groupNorm() {
        expectTorchParity("group_norm", inputs: ["x", "w", "b"]) { $0[0].groupNormalized(groups: 3, weight: $0[1], bias: $0[2]) }
    }

    @Test func bilinearUpsampling() {
        expectTorchParity("bilinear", inputs: ["x"]) { $0[0].upsampledBilinear(factor: 2) }
    }

    @Test func nearestUpsampling() {
        expectTorchParity("nearest", inputs: ["x"]) { $0[0].upsampledNearest(factor: 2) }
    }

    @Test func maxPool() {
        expectTorchParity("max_pool", inputs: ["x"]) { $0[0].maxPooled(kernel: 3, stride: 2, padding: 1) }
    }

    @Test func frozenBatchNorm() {
        expectTorchParity("frozen_bn", inputs: ["x", "m", "v", "w", "b"], gradients: ["x"]) {
            $0[0].frozenBatchNormalized(runningMean: $0[1], runningVariance: $0[2], weight: $0[3], bias: $0[4])
        }
    }

    @Test func softmaxCrossEntropyWithIgnoreIndexAndWeights() {
        let labels = fixture("cross_entropy.labels").scalars.map { Int($0) }
        expectTorchParity("cross_entropy", inputs: ["x", "cw"], gradients: ["x"]) {
            $0[0].softmaxCrossEntropy(labels: labels, classWeights: $0[1], ignoreIndex: -100)
        }
    }

    @Test func softmaxCrossEntropyPlain() {
        let labels = fixture("cross_entropy.labels").scalars.map { max(0, Int($0)) }
        expectTorchParity("cross_entropy_plain", inputs: ["x"]) { $0[0].softmaxCrossEntropy(labels: labels) }
    }

    @Test func sigmoidBinaryCrossEntropyOverSelection() {
        let selected = fixture("bce.selected").scalars.map { $0 != 0 }
        expectTorchParity("bce", inputs: ["x"]) {
            $0[0].sigmoidBinaryCrossEntropy(targets: fixture("bce.targets"), selected: selected)
        }
    }

    @Test(arguments: [("smooth_l1_0_5_mean", Float(0.5), LossReduction.mean),
                      ("smooth_l1_0_0_sum", Float(0), LossReduction.sum),
                      ("smooth_l1_0_1111_sum", Float(1.0 / 9), LossReduction.sum)])
    func smoothL1(name: String, beta: Float, reduction: LossReduction) {
        expectTorchParity(name, inputs: ["x"]) {
            $0[0].smoothL1Loss(target: fixture("smooth_l1.target"), beta: beta, reduction: reduction)
        }
    }
}
