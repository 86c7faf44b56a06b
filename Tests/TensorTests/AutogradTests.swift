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

    @Test func permutationMovesAxes() {
        let x = Tensor(shape: [2, 3], scalars: [0, 1, 2, 3, 4, 5])
        #expect(x.permuted([1, 0]).shape == [3, 2])
        #expect(x.permuted([1, 0]).scalars == [0, 3, 1, 4, 2, 5])
        let y = Tensor(shape: [1, 2, 1, 2], scalars: [0, 1, 2, 3]).permuted([0, 2, 3, 1])
        #expect(y.scalars == [0, 2, 1, 3])
    }

    @Test func valueSemanticsCopyOnWrite() {
        let a = Tensor(shape: [2], scalars: [1, 2])
        var b = a
        b.withUnsafeMutableBufferPointer { $0[0] = 9 }
        #expect(a.scalars == [1, 2])
        #expect(b.scalars == [9, 2])
    }
}

/// Ops given no rows (a batch without RoIs) produce empty outputs and zero gradients, no trap.
@Suite struct EmptyInputTests {
    @Test func convolutionAndLinearWithNoRows() {
        let weight = Tensor(repeating: 0.5, shape: [4, 3, 3, 3]).requiringGradient()
        let y = Tensor(zeros: [0, 3, 5, 5]).convolved(with: weight, padding: 1)
        #expect(y.shape == [0, 4, 5, 5])
        let up = Tensor(zeros: [0, 4, 5, 5]).transposedConvolved(with: weight.detached().requiringGradient(), stride: 2, padding: 1)
        #expect(up.shape == [0, 3, 9, 9])
        let fc = Tensor(repeating: 1, shape: [2, 6]).requiringGradient()
        let z = Tensor(zeros: [0, 6]).linear(weight: fc, bias: Tensor(repeating: 1, shape: [2]))
        #expect(z.shape == [0, 2])
        (y.sum() + z.sum()).backward()
        #expect(weight.grad?.scalars.allSatisfy { $0 == 0 } == true)
        #expect(fc.grad?.scalars.allSatisfy { $0 == 0 } == true)
    }
}

/// The public parallel loop covers every index exactly once.
@Suite struct ParallelLoopTests {
    @Test(arguments: [0, 1, 7, 1000])
    func chunksCoverTheRangeOnce(count: Int) {
        let hits = UnsafeMutableBufferPointer<Int>.allocate(capacity: max(1, count))
        defer { hits.deallocate() }
        hits.initialize(repeating: 0)
        nonisolated(unsafe) let shared = hits
        ComputeThreads.parallelFor(count, minimumChunk: 3) { range in
            for i in range { shared[i] += 1 }
        }
        #expect(hits.prefix(count).allSatisfy { $0 == 1 })
    }
}
