/// One feature level's RPN outputs for one image, in anchor order.
public struct RPNLevelOutput: Sendable {
    /// The level's anchors (see `AnchorGenerator` for the order).
    public var anchors: [Box]
    /// One objectness logit per anchor.
    public var objectnessLogits: [Float]
    /// One predicted delta per anchor.
    public var deltas: [BoxDelta]

    /// Creates a level's outputs; the three arrays have one entry per anchor.
    public init(anchors: [Box], objectnessLogits: [Float], deltas: [BoxDelta]) {
        precondition(anchors.count == objectnessLogits.count && anchors.count == deltas.count,
                     "one logit and one delta per anchor")
        self.anchors = anchors
        self.objectnessLogits = objectnessLogits
        self.deltas = deltas
    }
}

/// Region proposals for one image, best first.
public struct Proposals: Equatable, Sendable {
    /// Proposal boxes, clipped to the image.
    public var boxes: [Box]
    /// The objectness logit of each proposal.
    public var objectnessLogits: [Float]

    /// Creates proposals.
    public init(boxes: [Box], objectnessLogits: [Float]) {
        self.boxes = boxes
        self.objectnessLogits = objectnessLogits
    }
}

/// Training produced a non-finite objectness logit or proposal box.
public struct TrainingDivergedError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What was not finite.
    public var message: String

    /// One line for the training log.
    public var description: String { "training diverged: \(message)" }
}
