/// Reordering axes, e.g. `[R, K, m, m]` to `[R, m, m, K]` so per-pixel class scores become rows
/// for `softmaxCrossEntropy`.
extension Tensor {
    /// The tensor with axis `i` of the result taken from axis `permutation[i]` of `self`
    /// (PyTorch's `x.permute(*permutation).contiguous()`).
    public func permuted(_ permutation: [Int]) -> Tensor {
        precondition(permutation.sorted() == Array(0..<rank), "permute: \(permutation) is not a permutation of \(rank) axes")
        let inverse = permutation.enumerated().sorted { $0.element < $1.element }.map(\.offset)
        let output = permutedValues(permutation)
        return Tensor.record(output: output, inputs: [self]) { gradient in [gradient.permutedValues(inverse)] }
    }

    private func permutedValues(_ permutation: [Int]) -> Tensor {
        let newShape = permutation.map { shape[$0] }
        var strides = [Int](repeating: 1, count: rank)
        for axis in stride(from: rank - 2, through: 0, by: -1) { strides[axis] = strides[axis + 1] * shape[axis + 1] }
        let sourceStrides = permutation.map { strides[$0] }
        return withUnsafeBufferPointer { x in
            Tensor.filled(shape: newShape) { y in
                guard y.count > 0 else { return }
                var index = [Int](repeating: 0, count: newShape.count)
                var source = 0
                for destination in 0..<y.count {
                    y[destination] = x[source]
                    // Advance the multi-index like an odometer, tracking the source offset.
                    var axis = newShape.count - 1
                    while axis >= 0 {
                        index[axis] += 1
                        source += sourceStrides[axis]
                        if index[axis] < newShape[axis] { break }
                        source -= sourceStrides[axis] * newShape[axis]
                        index[axis] = 0
                        axis -= 1
                    }
                }
            }
        }
    }
}
