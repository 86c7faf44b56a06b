/// Gathering and scattering rows (slices along the first axis), e.g. sampled RoIs or anchors.
extension Tensor {
    /// The rows `indices` (repeats allowed), stacked: `[indices.count, rest of shape]`.
    public func gatheringRows(_ indices: [Int]) -> Tensor {
        precondition(rank >= 1, "gather rows: scalar tensor")
        let rows = shape[0]
        precondition(indices.allSatisfy { $0 >= 0 && $0 < rows }, "gather rows: index out of 0..<\(rows)")
        let rowSize = rows == 0 ? 0 : count / rows
        let output = withUnsafeBufferPointer { x in
            Tensor.filled(shape: [indices.count] + shape.dropFirst()) { y in
                for (k, row) in indices.enumerated() {
                    for i in 0..<rowSize { y[k * rowSize + i] = x[row * rowSize + i] }
                }
            }
        }
        return Tensor.record(output: output, inputs: [self]) { gradient in
            [gradient.scatteringRowValues(indices, rowCount: rows)]
        }
    }

    /// A tensor of `rowCount` rows, zero except that row `indices[k]` gets `self[k]` added
    /// (repeated indices sum): the adjoint of `gatheringRows`.
    public func scatteringRows(_ indices: [Int], rowCount: Int) -> Tensor {
        precondition(rank >= 1 && shape[0] == indices.count, "scatter rows: \(indices.count) indices for shape \(shape)")
        precondition(indices.allSatisfy { $0 >= 0 && $0 < rowCount }, "scatter rows: index out of 0..<\(rowCount)")
        return Tensor.record(output: scatteringRowValues(indices, rowCount: rowCount), inputs: [self]) { gradient in
            [gradient.gatheringRows(indices)]
        }
    }

    private func scatteringRowValues(_ indices: [Int], rowCount: Int) -> Tensor {
        let rowSize = indices.isEmpty ? Tensor.count(of: Array(shape.dropFirst())) : count / indices.count
        var result = Tensor(zeros: [rowCount] + shape.dropFirst())
        withUnsafeBufferPointer { x in
            result.withUnsafeMutableBufferPointer { y in
                for (k, row) in indices.enumerated() {
                    for i in 0..<rowSize { y[row * rowSize + i] += x[k * rowSize + i] }
                }
            }
        }
        return result
    }
}
