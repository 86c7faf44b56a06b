import Testing
@testable import MaskRCNN

@Suite struct RPNLabelAssignerTests {
    private let size = ImageSize(height: 64, width: 64)

    private func anchors() -> [Box] {
        AnchorGenerator(sizes: [[16], [32]], aspectRatios: [0.5, 1, 2], strides: [8, 16])
            .anchors(gridSizes: [ImageSize(height: 8, width: 8), ImageSize(height: 4, width: 4)]).flatMap { $0 }
    }

    @Test func invariants() {
        let anchors = anchors()
        let gt = [Box(x1: 4, y1: 6, x2: 22, y2: 20), Box(x1: 30, y1: 28, x2: 62, y2: 60)]
        var config = RPNConfig()
        config.samplesPerImage = 32
        var generator = SeededGenerator(state: 11)
        let targets = RPNLabelAssigner(config: config).assign(anchors: anchors, groundTruth: gt, imageSize: size, using: &generator)
        let iou = IoUMatrix(gt, anchors)
        let positives = targets.labels.indices.filter { targets.labels[$0] == .positive }
        let negatives = targets.labels.indices.filter { targets.labels[$0] == .negative }
        #expect(positives.count + negatives.count == 32 && positives.count <= 16 && !positives.isEmpty)
        let coder = BoxCoder(weights: config.boxCodingWeights)
        for i in positives {
            let best = (0..<gt.count).max { iou[$0, i] < iou[$1, i] }!
            let isBestForSomeGT = (0..<gt.count).contains { g in (0..<anchors.count).allSatisfy { iou[g, $0] <= iou[g, i] } }
            #expect(iou[best, i] >= 0.7 || isBestForSomeGT)
            // The target decodes back to the matched GT box.
            let decoded = coder.decode(targets.deltas[i], relativeTo: anchors[i])
            #expect(abs(decoded.x1 - gt[best].x1) < 1e-3 && abs(decoded.y2 - gt[best].y2) < 1e-3)
        }
        for i in negatives { #expect((0..<gt.count).allSatisfy { iou[$0, i] < 0.3 }) }
        for i in anchors.indices where targets.labels[i] != .positive { #expect(targets.deltas[i] == .zero) }
    }

    @Test func boundaryThresholdIgnoresOutsideAnchors() {
        let anchors = anchors()
        var config = RPNConfig()
        config.boundaryThreshold = 0
        config.samplesPerImage = 1000
        var generator = SeededGenerator(state: 12)
        let targets = RPNLabelAssigner(config: config).assign(
            anchors: anchors, groundTruth: [Box(x1: 10, y1: 10, x2: 40, y2: 40)], imageSize: size, using: &generator)
        for (anchor, label) in zip(anchors, targets.labels) where !anchor.isInside(width: 64, height: 64, margin: 0) {
            #expect(label == .ignored)
        }
        #expect(targets.labels.contains(.positive) && targets.labels.contains(.negative))
    }

    @Test func noGroundTruthGivesOnlyNegatives() {
        var generator = SeededGenerator(state: 13)
        var config = RPNConfig()
        config.samplesPerImage = 100
        let targets = RPNLabelAssigner(config: config).assign(anchors: anchors(), groundTruth: [], imageSize: size, using: &generator)
        #expect(targets.labels.filter { $0 == .negative }.count == 100)
        #expect(!targets.labels.contains(.positive))
    }
}
