import Testing
@testable import Tensor

/// Central-difference gradient checks: every op's backward against (f(x + h) - f(x - h)) / 2h of
/// the scalar sum(op(inputs) * r) for a fixed random r. Values are Float; the loss sums in
/// Double (`Tensor.sum`), and h = 1e-2 keeps rounding error near 1e-4 of the gradient.
@Suite struct GradientCheckTests {
    /// Compares analytic and numeric gradients for every input element (up to 48 per input).
    func check(_ inputs: [Tensor], step: Float = 1e-2, tolerance: Float = 2e-2,
               sourceLocation: SourceLocation = #_sourceLocation, _ op: ([Tensor]) -> Tensor) {
        var generator = SeededGenerator(seed: 99)
        let probe = noGrad { op(inputs) }
        let weights = Tensor.randomNormal(shape: probe.shape, standardDeviation: 1, generator: &generator)
        func loss(_ values: [Tensor]) -> Tensor { (op(values) * weights).sum() }
        let leaves = inputs.map { $0.requiringGradient() }
        loss(leaves).backward()
        for (index, input) in inputs.enumerated() {
            guard let analytic = leaves[index].grad?.scalars else {
                Issue.record("input \(index): no gradient", sourceLocation: sourceLocation)
                continue
            }
            let stride = max(1, input.count / 48)
            for element in Swift.stride(from: 0, to: input.count, by: stride) {
                func shifted(_ delta: Float) -> Float {
                    var values = inputs
                    values[index].withUnsafeMutableBufferPointer { $0[element] += delta }
                    return noGrad { loss(values).scalar }
                }
                let numeric = (shifted(step) - shifted(-step)) / (2 * step)
                let error = abs(numeric - analytic[element]) / (1e-2 + abs(numeric))
                #expect(error < tolerance,
                        "input \(index) element \(element): analytic \(analytic[element]), numeric \(numeric)",
                        sourceLocation: sourceLocation)
            }
        }
    }

    /// A tensor of normal samples.
    func random(_ shape: [Int], seed: UInt64, scale: Float = 1) -> Tensor {
        var generator = SeededGenerator(seed: seed)
        return Tensor.randomNormal(shape: shape, standardDeviation: scale, generator: &generator)
    }

    /// Distinct values spaced 0.1 apart in shuffled order (no ties or kinks within h).
    func distinct(_ shape: [Int], seed: UInt64) -> Tensor {
        var generator = SeededGenerator(seed: seed)
        let values = (0..<Tensor.count(of: shape)).map { Float($0) * 0.1 - 1.05 }.shuffled(using: &generator)
        return Tensor(shape: shape, scalars: values)
    }

    @Test func convolution() {
        check([random([2, 3, 6, 5], seed: 1), random([4, 3, 3, 3], seed: 2), random([4], seed: 3)]) {
            $0[0].convolved(with: $0[1], bias: $0[2], stride: 2, padding: 1)
        }
    }

    @Test func convolutionDilated() {
        check([random([1, 2, 7, 7], seed: 4), random([3, 2, 3, 3], seed: 5)]) {
            $0[0].convolved(with: $0[1], padding: 2, dilation: 2)
        }
    }

    @Test func transposedConvolution() {
        check([random([1, 3, 3, 4], seed: 6), random([3, 2, 4, 4], seed: 7), random([2], seed: 8)]) {
            $0[0].transposedConvolved(with: $0[1], bias: $0[2], stride: 2, padding: 1)
        }
    }

    @Test func linear() {
        check([random([4, 5], seed: 9), random([3, 5], seed: 10), random([3], seed: 11)]) {
            $0[0].linear(weight: $0[1], bias: $0[2])
        }
    }

    @Test func maxPool() {
        check([distinct([1, 2, 5, 5], seed: 12)]) { $0[0].maxPooled(kernel: 2, stride: 2) }
        check([distinct([1, 1, 6, 6], seed: 13)]) { $0[0].maxPooled(kernel: 3, stride: 2, padding: 1) }
    }

    @Test func averagePools() {
        check([random([1, 2, 5, 6], seed: 14)]) { $0[0].averagePooled(kernel: 2, stride: 2) }
        check([random([2, 3, 3, 4], seed: 15)]) { $0[0].globalAveragePooled() }
    }

    @Test func upsampling() {
        check([random([1, 2, 3, 4], seed: 16)]) { $0[0].upsampledNearest(factor: 2) }
        check([random([1, 2, 3, 4], seed: 17)]) { $0[0].upsampledBilinear(factor: 2) }
    }

    @Test func activations() {
        check([distinct([2, 3, 4], seed: 18)]) { $0[0].relu() }
        check([random([2, 3, 4], seed: 19, scale: 3)]) { $0[0].sigmoid() }
    }

    @Test func arithmetic() {
        let a = random([2, 3], seed: 20), b = random([2, 3], seed: 21)
        check([a, b]) { $0[0] + $0[1] }
        check([a, b]) { $0[0] - $0[1] }
        check([a, b]) { $0[0] * $0[1] }
        check([a]) { $0[0] * 2.5 }
        check([a]) { $0[0].mean().reshaped(to: [1]) }
    }

    @Test func channelScaleAndShift() {
        check([random([2, 3, 2, 2], seed: 22), random([3], seed: 23), random([3], seed: 24)]) {
            $0[0].scaledPerChannel(by: $0[1], shift: $0[2])
        }
    }

    @Test func shapeOps() {
        let x = random([2, 3, 4], seed: 25), y = random([2, 2, 4], seed: 26)
        check([x]) { $0[0].reshaped(to: [6, -1]) }
        check([x, y]) { Tensor.concatenate([$0[0], $0[1]], along: 1) }
        check([x]) { $0[0].sliced(along: 2, 1..<3) }
        check([x]) { $0[0].gatheringRows([1, 0, 1]) }
        check([x]) { $0[0].permuted([2, 0, 1]) }
        check([x]) { $0[0].scatteringRows([3, 0], rowCount: 4) }
    }

    @Test func normalizations() {
        check([random([2, 4, 3, 3], seed: 27, scale: 2), random([4], seed: 28), random([4], seed: 29)]) {
            $0[0].groupNormalized(groups: 2, weight: $0[1], bias: $0[2])
        }
        let statistics = random([3], seed: 30)
        check([random([1, 3, 2, 2], seed: 31)]) {
            $0[0].frozenBatchNormalized(runningMean: statistics, runningVariance: statistics.mapped { abs($0) + 0.5 },
                                        weight: statistics, bias: statistics)
        }
    }

    @Test func losses() {
        check([random([5, 4], seed: 32, scale: 3)]) {
            $0[0].softmaxCrossEntropy(labels: [0, 3, -1, 2, 1], classWeights: Tensor(shape: [4], scalars: [1, 2, 0.5, 1]),
                                      ignoreIndex: -1).reshaped(to: [1])
        }
        let targets = Tensor(shape: [2, 3], scalars: [0, 1, 1, 0, 0.5, 1])
        check([random([2, 3], seed: 33, scale: 3)]) {
            $0[0].sigmoidBinaryCrossEntropy(targets: targets, selected: [true, false, true, true, true, false]).reshaped(to: [1])
        }
        let target = Tensor(shape: [6], scalars: [0, 0, 0, 0, 0, 0])
        let prediction = Tensor(shape: [6], scalars: [-1.2, -0.3, -0.05, 0.07, 0.2, 1.5])
        check([prediction]) { $0[0].smoothL1Loss(target: target, beta: 0.5, reduction: .sum).reshaped(to: [1]) }
        check([prediction]) { $0[0].smoothL1Loss(target: target, beta: 0, reduction: .mean).reshaped(to: [1]) }
    }
}
