import Foundation

extension Tensor {
    /// PyTorch's `F.cross_entropy(logits, labels, weight=classWeights, ignore_index=ignoreIndex)`
    /// over `[N, C]` logits, mean-reduced as PyTorch does: `sum w[y] * -log p[y] / sum w[y]`
    /// over rows whose label is not `ignoreIndex`. Stable for large logits (log-sum-exp).
    /// When every row is ignored the loss is 0 with zero gradient (PyTorch gives NaN).
    ///
    /// - Parameters:
    ///   - labels: one class index in `0..<C` (or `ignoreIndex`) per row.
    ///   - classWeights: `[C]`, or `nil` for weight 1.
    public func softmaxCrossEntropy(labels: [Int], classWeights: Tensor? = nil, ignoreIndex: Int = -100) -> Tensor {
        precondition(rank == 2 && shape[0] == labels.count, "cross_entropy: \(labels.count) labels for logits \(shape)")
        let rows = shape[0], classes = shape[1]
        precondition(labels.allSatisfy { ($0 >= 0 && $0 < classes) || $0 == ignoreIndex },
                     "cross_entropy: label outside 0..<\(classes) and not the ignore index \(ignoreIndex)")
        precondition(classWeights == nil || classWeights!.shape == [classes], "cross_entropy: class weights for \(classes) classes")
        let weights = classWeights?.scalars ?? [Float](repeating: 1, count: classes)
        var probabilities = [Float](repeating: 0, count: count)
        var total = 0.0, weightSum = 0.0
        withUnsafeBufferPointer { x in
            for row in 0..<rows {
                let base = row * classes
                var largest = -Float.infinity
                for j in 0..<classes { largest = Swift.max(largest, x[base + j]) }
                var sum: Float = 0
                for j in 0..<classes { let e = Foundation.exp(x[base + j] - largest); probabilities[base + j] = e; sum += e }
                for j in 0..<classes { probabilities[base + j] /= sum }
                let label = labels[row]
                guard label != ignoreIndex else { continue }
                let logProbability = x[base + label] - largest - Foundation.log(sum)
                total -= Double(weights[label] * logProbability)
                weightSum += Double(weights[label])
            }
        }
        let normalizer = weightSum > 0 ? Float(1 / weightSum) : 0
        let inputShape = shape
        return Tensor.record(output: Tensor(scalar: Float(total) * normalizer), inputs: [self]) { gradient in
            // d/dx_j = w[y] (p_j - [j == y]) / sum w.
            let scale = gradient.scalar * normalizer
            var dx = [Float](repeating: 0, count: probabilities.count)
            for row in 0..<rows where labels[row] != ignoreIndex {
                let base = row * classes, label = labels[row]
                let factor = scale * weights[label]
                for j in 0..<classes { dx[base + j] = factor * probabilities[base + j] }
                dx[base + label] -= factor
            }
            return [Tensor(shape: inputShape, scalars: dx)]
        }
    }
}
