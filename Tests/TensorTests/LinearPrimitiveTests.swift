import Testing
@testable import Tensor

/// The cached oneDNN matmul primitive behind `linear`'s forward pass: values against a plain
/// Double reference across many row counts (more than the cache holds), run-to-run identical
/// bytes, and the empty-extent paths that never reach oneDNN. PyTorch parity is in
/// TorchParityTests (`linear`, `linear_blocked`, `linear_no_bias`).
@Suite struct LinearPrimitiveTests {
    func random(_ shape: [Int], seed: UInt64) -> Tensor {
        var generator = SeededGenerator(seed: seed)
        return Tensor.randomNormal(shape: shape, standardDeviation: 1, generator: &generator)
    }

    /// `x W^T + b` in Double, row-major.
    func reference(_ x: Tensor, _ w: Tensor, _ b: Tensor?) -> [Double] {
        let rows = x.shape[0], inputs = x.shape[1], outputs = w.shape[0]
        let xs = x.scalars, ws = w.scalars, bs = b?.scalars
        var y = [Double](repeating: 0, count: rows * outputs)
        for row in 0..<rows {
            for j in 0..<outputs {
                var sum = Double(bs?[j] ?? 0)
                for i in 0..<inputs { sum += Double(xs[row * inputs + i]) * Double(ws[j * inputs + i]) }
                y[row * outputs + j] = sum
            }
        }
        return y
    }

    @Test func forwardMatchesAPlainProductForMoreRowCountsThanTheCacheHolds() {
        let inputs = 37, outputs = 19
        let w = random([outputs, inputs], seed: 3), b = random([outputs], seed: 4)
        for rows in 1...(LinearPrimitive.cacheCapacity + 6) {
            let x = random([rows, inputs], seed: UInt64(100 + rows))
            let bias = rows.isMultiple(of: 2) ? b : nil
            let y = noGrad { x.linear(weight: w, bias: bias) }
            let expected = reference(x, w, bias)
            let worst = zip(y.scalars, expected).map { abs(Double($0) - $1) / (1e-5 + 1e-5 * abs($1)) }.max() ?? 0
            #expect(y.shape == [rows, outputs] && worst <= 1, "rows \(rows), bias \(bias != nil): off by \(worst) tolerances")
            #expect(LinearPrimitive.cachedCount <= LinearPrimitive.cacheCapacity)
        }
    }

    @Test func forwardGivesIdenticalBytesWithAFreshPrimitive() {
        let x = random([64, 300], seed: 7), w = random([48, 300], seed: 8), b = random([48], seed: 9)
        let first = noGrad { x.linear(weight: w, bias: b) }.scalars
        LinearPrimitive.clearCache()
        let second = noGrad { x.linear(weight: w, bias: b) }.scalars
        #expect(first.map(\.bitPattern) == second.map(\.bitPattern))
    }

    @Test func noInputFeaturesGiveTheBiasAndZeroGradients() {
        let x = Tensor(zeros: [3, 0]).requiringGradient(), w = Tensor(zeros: [2, 0]).requiringGradient()
        let b = Tensor(shape: [2], scalars: [1.5, -2]).requiringGradient()
        let y = x.linear(weight: w, bias: b)
        #expect(y.shape == [3, 2] && y.scalars == [1.5, -2, 1.5, -2, 1.5, -2])
        y.sum().backward()
        #expect(b.grad?.scalars == [3, 3])
        #expect(x.grad?.shape == [3, 0] && w.grad?.shape == [2, 0])
    }
}
