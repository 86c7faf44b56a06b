import Tensor

/// The Fast R-CNN losses of the box branch (detectron2's `FastRCNNOutputLayers.losses`):
/// softmax cross-entropy over `K + 1` classes (mean over RoIs) and smooth-L1 on the GT class's
/// four deltas of the foreground RoIs, summed and divided by the number of RoIs.
enum BoxLoss {
    static func losses(logits: Tensor, deltas: Tensor, classes: [Int], targets: [BoxDelta], numClasses: Int,
                       beta: Float) -> (classification: Tensor, boxRegression: Tensor) {
        let rows = classes.count
        let classification = logits.softmaxCrossEntropy(labels: classes)
        var mask = [Float](repeating: 0, count: deltas.count)
        var values = [Float](repeating: 0, count: deltas.count)
        for roi in 0..<rows where classes[roi] < numClasses {
            let base = roi * 4 * numClasses + 4 * classes[roi]
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
