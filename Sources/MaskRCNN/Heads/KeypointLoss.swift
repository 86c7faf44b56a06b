import Tensor

/// The keypoint branch's loss: for each (positive RoI, keypoint) with a visible keypoint inside
/// the RoI, softmax cross-entropy over the `m x m` heatmap cells against the one-hot target cell.
enum KeypointLoss {
    /// - Parameters:
    ///   - logits: `[P, K, m, m]`.
    ///   - targets: P x K target cells (`iy * m + ix`) or nil (not labelled / outside the RoI).
    ///   - normalization: divide by the visible keypoints (detectron2) or by `expectedCount`.
    static func loss(logits: Tensor, targets: [[Int?]], normalization: KeypointHeadConfig.LossNormalization,
                     expectedCount: Float) -> Tensor {
        let rows = logits.shape[0] * logits.shape[1], cells = logits.shape[2] * logits.shape[3]
        let labels = targets.flatMap { $0.map { $0 ?? -100 } }
        let mean = logits.reshaped(to: [rows, cells]).softmaxCrossEntropy(labels: labels, ignoreIndex: -100)
        switch normalization {
        case .visibleKeypoints:
            return mean
        case .expectedKeypoints:
            let visible = labels.filter { $0 >= 0 }.count
            return mean * (Float(visible) / max(expectedCount, 1))
        }
    }
}
