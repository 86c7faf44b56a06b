/// One final detection of an image.
public struct Detection: Equatable, Sendable {
    /// The box in the coordinates of the image the model saw (see `rescaled(from:to:)`).
    public var box: Box
    /// The class probability.
    public var score: Float
    /// The class label, in `1...numClasses` (0 is background and never detected).
    public var label: Int
    /// The RoI (proposal) it came from, e.g. to look up its mask-head input.
    public var roiIndex: Int

    /// Creates a detection.
    public init(box: Box, score: Float, label: Int, roiIndex: Int) {
        self.box = box
        self.score = score
        self.label = label
        self.roiIndex = roiIndex
    }

    /// The detection with its box scaled from the resized `input` image back to the `original`
    /// image and clipped to it (detectron2's `detector_postprocess`).
    public func rescaled(from input: ImageSize, to original: ImageSize) -> Detection {
        let scaleX = Float(original.width) / Float(input.width)
        let scaleY = Float(original.height) / Float(input.height)
        var copy = self
        copy.box = Box(x1: box.x1 * scaleX, y1: box.y1 * scaleY, x2: box.x2 * scaleX, y2: box.y2 * scaleY)
            .clipped(toWidth: Float(original.width), height: Float(original.height))
        return copy
    }
}

/// Turns the box head's outputs for one image into final detections (detectron2's
/// `fast_rcnn_inference_single_image`): decode each class's box, clip, keep (RoI, class) pairs
/// scoring above the threshold, NMS per class, keep the best `detectionsPerImage`.
public struct DetectionSelector: Sendable {
    /// Scores at or below this are dropped (compared in Float32).
    public let scoreThreshold: Float
    /// Per-class NMS IoU threshold.
    public let nmsThreshold: Double
    /// Detections kept per image.
    public let detectionsPerImage: Int
    /// Decodes the box head's deltas (RoI-head weights).
    public let boxCoder: BoxCoder

    /// Creates a selector from validated inference and RoI heads configs.
    public init(inference: InferenceConfig, roiHeads: RoIHeadsConfig) {
        scoreThreshold = Float(inference.scoreThreshold)
        nmsThreshold = inference.nmsThreshold
        detectionsPerImage = inference.detectionsPerImage
        boxCoder = BoxCoder(weights: roiHeads.boxCodingWeights)
    }

    /// The detections of one image, best first.
    ///
    /// - Parameters:
    ///   - proposals: the R RoIs the box head ran on.
    ///   - probabilities: R x (K + 1) softmax class probabilities, row-major, column = label
    ///     (background first, as torchvision's box predictor).
    ///   - deltas: R x K class-specific deltas (row-major, label `c` in column `c - 1`), or R
    ///     class-agnostic deltas.
    ///   - imageSize: the size of the image the model saw, for clipping.
    /// RoIs with a non-finite probability or delta are skipped.
    public func select(proposals: [Box], probabilities: [Float], deltas: [BoxDelta], imageSize: ImageSize) -> [Detection] {
        let roiCount = proposals.count
        guard roiCount > 0 else { return [] }
        let classCount = probabilities.count / roiCount - 1
        let deltasPerRoI = deltas.count / roiCount
        precondition(probabilities.count == roiCount * (classCount + 1) && (deltasPerRoI == 1 || deltasPerRoI == classCount),
                     "R x (K + 1) probabilities and R x K or R x 1 deltas")
        let width = Float(imageSize.width), height = Float(imageSize.height)
        var candidates: [Detection] = []
        for roi in 0..<roiCount {
            let scores = probabilities[(roi * (classCount + 1))..<((roi + 1) * (classCount + 1))]
            let roiDeltas = deltas[(roi * deltasPerRoI)..<((roi + 1) * deltasPerRoI)]
            guard scores.allSatisfy(\.isFinite),
                  roiDeltas.allSatisfy({ $0.dx.isFinite && $0.dy.isFinite && $0.dw.isFinite && $0.dh.isFinite })
            else { continue }
            for label in 1..<(classCount + 1) where scores[scores.startIndex + label] > scoreThreshold {
                let delta = roiDeltas[roiDeltas.startIndex + (deltasPerRoI == 1 ? 0 : label - 1)]
                let box = boxCoder.decode(delta, relativeTo: proposals[roi]).clipped(toWidth: width, height: height)
                candidates.append(Detection(box: box, score: scores[scores.startIndex + label], label: label, roiIndex: roi))
            }
        }
        let kept = NonMaximumSuppression.keepPerGroup(
            boxes: candidates.map(\.box), scores: candidates.map(\.score), groups: candidates.map(\.label),
            threshold: nmsThreshold)
        return kept.prefix(detectionsPerImage).map { candidates[$0] }
    }
}
