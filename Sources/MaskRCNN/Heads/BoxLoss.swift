import Tensor

/// The Fast R-CNN losses of the box branch (detectron2's `FastRCNNOutputLayers.losses`):
/// softmax cross-entropy over `K + 1` classes (mean over RoIs; column = label, background 0)
/// and smooth-L1 on the GT class's four deltas (columns `4(label - 1) ..< 4 label`) of the
/// foreground RoIs, summed and divided by the number of RoIs.
enum BoxLoss {
    static func losses(logits: Tensor, deltas: Tensor, labels: [Int], targets: [BoxDelta], numClasses: Int,
                       beta: Float) -> (classification: Tensor, boxRegression: Tensor) {
        let rows = labels.count
        let classification = logits.softmaxCrossEntropy(labels: labels)
        var mask = [Float](repeating: 0, count: deltas.count)
        var values = [Float](repeating: 0, count: deltas.count)
        for roi in 0..<rows where labels[roi] > 0 {
            let base = roi * 4 * numClasses + 4 * (labels[roi] - 1)
            let target = targets[roi]
            for (c, value) in [target.dx, target.dy, target.dw, target.dh].enumerated() {
                mask[base + c] = 1
                values[base + c] = value
            }
        }
        let masked = deltas * Tensor(shape: deltas.shape, scalars: mask)
        let regression = masked.smoothL1Loss(target: Tensor(shape: deltas.shape, scalars: values), beta: beta, reduction: .sum)
        return (classification, regression * (1 / Float(max(rows, 1))))
    }
}
