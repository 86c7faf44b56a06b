import Testing
@testable import Tensor

/// The autograd engine: accumulation, reuse, `noGrad`, and the `record` extension point.
@Suite struct AutogradTests {
    @Test func gradientsAccumulateAcrossBackwardCallsUntilCleared() {
        let x = Tensor(shape: [2], scalars: [1, 2]).requiringGradient()
        (x * x).sum().backward()
        (x * 3).sum().backward()
        #expect(x.grad?.scalars == [5, 7])   // 2x + 3
        x.clearGradient()
        #expect(x.grad == nil)
    }

    @Test func aValueUsedTwiceSumsItsGradients() {
        let x = Tensor(shape: [1], scalars: [2]).requiringGradient()
        let y = x * 3
        (y * y + y).sum().backward()   // d/dx (9x^2 + 3x) = 18x + 3
        #expect(x.grad?.scalars == [39])
    }

    @Test func noGradRecordsNothing() {
        let x = Tensor(shape: [1], scalars: [2]).requiringGradient()
        let y = noGrad { x * 3 }
        #expect(!y.requiresGrad)
        #expect((x * 3).requiresGrad)
    }

    @Test func customOpsJoinTheGraphThroughRecord() {
        // A forward-only "cube" op with its own backward, as other modules add ops.
        func cube(_ x: Tensor) -> Tensor {
            Tensor.record(output: x.mapped { $0 * $0 * $0 }, inputs: [x]) { gradient in
                [Tensor.elementwise(gradient, x, shape: x.shape) { $0 * 3 * $1 * $1 }]
            }
        }
        let x = Tensor(shape: [2], scalars: [1, -2]).requiringGradient()
        (cube(x) * 2).sum().backward()
        #expect(x.grad?.scalars == [6, 24])
        #expect(!cube(Tensor(shape: [1], scalars: [1])).requiresGrad)
    }

    @Test func valueSemanticsCopyOnWrite() {
        let a = Tensor(shape: [2], scalars: [1, 2])
        var b = a
        b.withUnsafeMutableBufferPointer { $0[0] = 9 }
        #expect(a.scalars == [1, 2])
        #expect(b.scalars == [9, 2])
    }
}
