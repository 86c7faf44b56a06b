/// Ops that move elements without arithmetic: reshape, concatenation and slicing.
extension Tensor {
    /// The same elements viewed with `newShape` (same element count); one extent may be -1.
    public func reshaped(to newShape: [Int]) -> Tensor {
        var resolved = newShape
        if let free = newShape.firstIndex(of: -1) {
            let known = newShape.enumerated().filter { $0.offset != free }.map(\.element).reduce(1, *)
            precondition(known > 0 && count % known == 0, "reshape: \(shape) into \(newShape)")
            resolved[free] = count / known
        }
        precondition(Tensor.count(of: resolved) == count, "reshape: \(shape) into \(newShape)")
        let inputShape = shape
        return Tensor.record(output: Tensor(shape: resolved, scalars: storage), inputs: [self]) { gradient in
            [Tensor(shape: inputShape, scalars: gradient.storage)]
        }
    }

    /// Joins `tensors` along `axis`; all other extents must agree.
    public static func concatenate(_ tensors: [Tensor], along axis: Int) -> Tensor {
        precondition(!tensors.isEmpty, "concat: no tensors")
        let first = tensors[0].shape
        precondition(axis >= 0 && axis < first.count, "concat: axis \(axis) for shape \(first)")
        for tensor in tensors {
            precondition(tensor.rank == first.count && (0..<first.count).allSatisfy { $0 == axis || tensor.shape[$0] == first[$0] },
                         "concat: shape \(tensor.shape) does not match \(first) off axis \(axis)")
        }
        let outer = first[..<axis].reduce(1, *)
        let inner = first[(axis + 1)...].reduce(1, *)
        let extents = tensors.map { $0.shape[axis] }
        var shape = first
        shape[axis] = extents.reduce(0, +)
        let total = shape[axis]
        var scalars = [Float](repeating: 0, count: Tensor.count(of: shape))
        var offset = 0
        for tensor in tensors {
            let block = tensor.shape[axis] * inner
            tensor.withUnsafeBufferPointer { x in
                for o in 0..<outer {
                    let destination = (o * total + offset) * inner
                    for i in 0..<block { scalars[destination + i] = x[o * block + i] }
                }
            }
            offset += tensor.shape[axis]
        }
        return Tensor.record(output: Tensor(shape: shape, scalars: scalars), inputs: tensors) { gradient in
            var start = 0
            return extents.map { extent in
                defer { start += extent }
                return gradient.sliceValues(axis: axis, range: start..<(start + extent))
            }
        }
    }

    /// The elements whose index along `axis` lies in `range` (PyTorch's `x.narrow`).
    public func sliced(along axis: Int, _ range: Range<Int>) -> Tensor {
        precondition(axis >= 0 && axis < rank && range.lowerBound >= 0 && range.upperBound <= shape[axis],
                     "slice: range \(range) on axis \(axis) of shape \(shape)")
        let inputShape = shape
        return Tensor.record(output: sliceValues(axis: axis, range: range), inputs: [self]) { gradient in
            // Scatter the slice back into zeros of the input's shape.
            var padded = [Float](repeating: 0, count: Tensor.count(of: inputShape))
            let outer = inputShape[..<axis].reduce(1, *)
            let inner = inputShape[(axis + 1)...].reduce(1, *)
            let block = range.count * inner
            gradient.withUnsafeBufferPointer { g in
                for o in 0..<outer {
                    let destination = (o * inputShape[axis] + range.lowerBound) * inner
                    for i in 0..<block { padded[destination + i] = g[o * block + i] }
                }
            }
            return [Tensor(shape: inputShape, scalars: padded)]
        }
    }

    /// The slice's values without autograd.
    func sliceValues(axis: Int, range: Range<Int>) -> Tensor {
        let outer = shape[..<axis].reduce(1, *)
        let inner = shape[(axis + 1)...].reduce(1, *)
        var newShape = shape
        newShape[axis] = range.count
        let block = range.count * inner
        let extent = shape[axis]
        return withUnsafeBufferPointer { x in
            Tensor.filled(shape: newShape) { y in
                for o in 0..<outer {
                    let source = (o * extent + range.lowerBound) * inner
                    for i in 0..<block { y[o * block + i] = x[source + i] }
                }
            }
        }
    }
}
