import Testing
@testable import MaskRCNN

@Suite struct ProposalSelectorTests {
    struct Level: Decodable { let anchors: [Double]; let logits: [Double]; let deltas: [Double] }
    struct Case: Decodable {
        let pre_nms_top_k: Int; let post_nms_top_k: Int; let nms_threshold: Double; let min_size: Double
        let height: Int; let width: Int; let levels: [Level]; let boxes: [Double]; let scores: [Double]
    }

    private func selector(_ c: Case, training: Bool) -> ProposalSelector {
        var config = RPNConfig()
        config.preNMSTopKTrain = c.pre_nms_top_k
        config.postNMSTopKTrain = c.post_nms_top_k
        config.preNMSTopKTest = c.pre_nms_top_k
        config.postNMSTopKTest = c.post_nms_top_k
        config.nmsThreshold = c.nms_threshold
        config.minSize = c.min_size
        return ProposalSelector(config: config, training: training)
    }

    private func outputs(_ c: Case) -> [RPNLevelOutput] {
        c.levels.map { RPNLevelOutput(anchors: boxes($0.anchors), objectnessLogits: $0.logits.map { Float($0) }, deltas: deltas($0.deltas)) }
    }

    @Test func equalsDetectron2RulesInTorch() throws {
        for c in try DetectorFixture<Case>.load("proposals.json") {
            let proposals = try selector(c, training: true).select(outputs(c), imageSize: ImageSize(height: c.height, width: c.width))
            #expect(proposals.objectnessLogits == c.scores.map { Float($0) })
            #expect(proposals.boxes.count * 4 == c.boxes.count)
            for (a, b) in zip(flat(proposals.boxes), c.boxes.map { Float($0) }) { #expect(close(a, b, ulps: 8), "\(a) vs \(b)") }
        }
    }

    @Test func proposalsAreClippedLargeAndFewEnough() throws {
        let c = try #require(try DetectorFixture<Case>.load("proposals.json").last)
        let proposals = try selector(c, training: false).select(outputs(c), imageSize: ImageSize(height: c.height, width: c.width))
        #expect(proposals.boxes.count <= c.post_nms_top_k)
        for box in proposals.boxes {
            #expect(box.x1 >= 0 && box.y1 >= 0 && box.x2 <= Float(c.width) && box.y2 <= Float(c.height))
            #expect(box.isLarger(than: Float(c.min_size)))
        }
        #expect(zip(proposals.objectnessLogits, proposals.objectnessLogits.dropFirst()).allSatisfy { $0 >= $1 })
    }

    @Test func nonFiniteLogitsFailTrainingAndAreDroppedAtInference() throws {
        let anchors = [Box(x1: 0, y1: 0, x2: 10, y2: 10), Box(x1: 20, y1: 20, x2: 30, y2: 30)]
        let level = RPNLevelOutput(anchors: anchors, objectnessLogits: [.nan, 1], deltas: [.zero, .zero])
        let size = ImageSize(height: 64, width: 64)
        #expect(throws: TrainingDivergedError.self) { try ProposalSelector(config: RPNConfig(), training: true).select([level], imageSize: size) }
        let proposals = try ProposalSelector(config: RPNConfig(), training: false).select([level], imageSize: size)
        #expect(proposals.boxes == [anchors[1]])
    }
}
