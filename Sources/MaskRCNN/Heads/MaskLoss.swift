import Tensor

/// The mask branch's per-pixel loss over the positive RoIs (Table 2b).
///
/// - sigmoid: binary cross-entropy on the GT label's channel only (channel `label - 1` of K, or
///   the single channel of a class-agnostic head), averaged over the selected pixels
///   (detectron2's `mask_rcnn_loss`).
/// - softmax: cross-entropy of a per-pixel softmax over background (channel 0) and the classes
///   (channel = label; 1 for a class-agnostic head): the RoI's label inside the target mask,
///   background outside, averaged over pixels.
enum MaskLoss {
    /// - Parameters:
    ///   - logits: `[P, channels, m, m]` for the P positive RoIs.
    ///   - targets: P binary `m x m` target masks (row-major).
    ///   - labels: the P RoIs' GT labels in `1...K`.
    static func loss(logits: Tensor, targets: [ImageMask], labels: [Int], kind: MaskHeadConfig.Loss,
                     classSpecific: Bool) -> Tensor {
        let rows = logits.shape[0], channels = logits.shape[1], plane = logits.shape[2] * logits.shape[3]
        switch kind {
        case .sigmoid:
            var values = [Float](repeating: 0, count: logits.count)
            var selected = [Bool](repeating: false, count: logits.count)
            for roi in 0..<rows {
                let base = (roi * channels + (classSpecific ? labels[roi] - 1 : 0)) * plane
                for pixel in 0..<plane {
                    selected[base + pixel] = true
                    values[base + pixel] = Float(targets[roi].values[pixel])
                }
            }
            return logits.sigmoidBinaryCrossEntropy(targets: Tensor(shape: logits.shape, scalars: values), selected: selected)
        case .softmax:
            var pixelLabels: [Int] = []
            pixelLabels.reserveCapacity(rows * plane)
            for roi in 0..<rows {
                let foreground = classSpecific ? labels[roi] : 1
                for pixel in 0..<plane { pixelLabels.append(targets[roi].values[pixel] == 1 ? foreground : 0) }
            }
            return logits.permuted([0, 2, 3, 1]).reshaped(to: [rows * plane, channels]).softmaxCrossEntropy(labels: pixelLabels)
        }
    }
}
