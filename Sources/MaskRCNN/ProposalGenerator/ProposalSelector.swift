/// Picks an image's proposals from the RPN outputs (detectron2's `find_top_rpn_proposals`).
///
/// Per level: the `preNMSTopK` highest logits, their anchors decoded by the deltas. Then, over all
/// levels: drop non-finite proposals (an error while training), clip to the image, drop boxes
/// whose sides are not above `minSize`, NMS within each level, keep the `postNMSTopK` best.
/// Equal logits rank by anchor index (PyTorch's `topk` leaves that order unspecified).
public struct ProposalSelector: Sendable {
    /// Proposals kept per level before NMS.
    public let preNMSTopK: Int
    /// Proposals kept per image after NMS.
    public let postNMSTopK: Int
    /// NMS IoU threshold.
    public let nmsThreshold: Double
    /// Minimum side in pixels (exclusive).
    public let minSize: Float
    /// Decodes the RPN deltas against the anchors.
    public let boxCoder: BoxCoder
    /// Whether a non-finite proposal is an error (training) or dropped (inference).
    public let isTraining: Bool

    /// Creates a selector from a validated RPN config, for training or inference.
    public init(config: RPNConfig, training: Bool) {
        preNMSTopK = training ? config.preNMSTopKTrain : config.preNMSTopKTest
        postNMSTopK = training ? config.postNMSTopKTrain : config.postNMSTopKTest
        nmsThreshold = config.nmsThreshold
        minSize = Float(config.minSize)
        boxCoder = BoxCoder(weights: config.boxCodingWeights)
        isTraining = training
    }

    /// The image's proposals, best first.
    public func select(_ levels: [RPNLevelOutput], imageSize: ImageSize) throws -> Proposals {
        var boxes: [Box] = []
        var logits: [Float] = []
        var levelOfBox: [Int] = []
        let width = Float(imageSize.width), height = Float(imageSize.height)
        for (level, output) in levels.enumerated() {
            let finite = try finiteIndices(output.objectnessLogits)
            let ranked = NonMaximumSuppression.topK(finite.map { output.objectnessLogits[$0] }, preNMSTopK)
                .map { finite[$0] }
            for index in ranked {
                let box = boxCoder.decode(output.deltas[index], relativeTo: output.anchors[index])
                guard box.isFinite else {
                    if isTraining { throw TrainingDivergedError(message: "a proposal box at level \(level) is not finite") }
                    continue
                }
                let clipped = box.clipped(toWidth: width, height: height)
                guard clipped.isLarger(than: minSize) else { continue }
                boxes.append(clipped)
                logits.append(output.objectnessLogits[index])
                levelOfBox.append(level)
            }
        }
        let kept = NonMaximumSuppression.keepPerGroup(boxes: boxes, scores: logits, groups: levelOfBox, threshold: nmsThreshold)
            .prefix(postNMSTopK)
        return Proposals(boxes: kept.map { boxes[$0] }, objectnessLogits: kept.map { logits[$0] })
    }

    /// Indices of the finite logits; a non-finite one is an error while training.
    private func finiteIndices(_ logits: [Float]) throws -> [Int] {
        let finite = logits.indices.filter { logits[$0].isFinite }
        if isTraining && finite.count != logits.count {
            throw TrainingDivergedError(message: "an objectness logit is not finite")
        }
        return finite
    }
}
