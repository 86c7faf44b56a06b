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
            return logits.channelsLastRows().softmaxCrossEntropy(labels: pixelLabels)
        }
    }
}

extension Tensor {
    /// `[N, C, H, W] -> [N * H * W, C]`: one row of channel values per pixel (differentiable),
    /// so a per-pixel softmax becomes a row-wise cross-entropy.
    func channelsLastRows() -> Tensor {
        let n = shape[0], c = shape[1], plane = shape[2] * shape[3]
        let output = withUnsafeBufferPointer { x in
            Tensor.filled(shape: [n * plane, c]) { y in
                for image in 0..<n {
                    for channel in 0..<c {
                        let source = (image * c + channel) * plane
                        for pixel in 0..<plane { y[(image * plane + pixel) * c + channel] = x[source + pixel] }
                    }
                }
            }
        }
        let inputShape = shape
        return Tensor.record(output: output, inputs: [self]) { gradient in
            [gradient.withUnsafeBufferPointer { g in
                Tensor.filled(shape: inputShape) { dx in
                    for image in 0..<n {
                        for channel in 0..<c {
                            let target = (image * c + channel) * plane
                            for pixel in 0..<plane { dx[target + pixel] = g[(image * plane + pixel) * c + channel] }
                        }
                    }
                }
            }]
        }
    }
}
