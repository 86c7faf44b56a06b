import Testing
@testable import MaskRCNN

@Suite struct DetectionSelectorTests {
    private let size = ImageSize(height: 100, width: 120)

    @Test func thresholdsNMSPerClassAndTopK() {
        let selector = DetectionSelector(inference: InferenceConfig(scoreThreshold: 0.05, nmsThreshold: 0.5, detectionsPerImage: 100), roiHeads: RoIHeadsConfig())
        let proposals = [Box(x1: 10, y1: 10, x2: 50, y2: 50), Box(x1: 12, y1: 10, x2: 52, y2: 50), Box(x1: 70, y1: 60, x2: 130, y2: 90)]
        // Background + K = 2 labels; class-specific zero deltas keep the proposals.
        let probabilities: [Float] = [
            0.10, 0.60, 0.30,
            0.05, 0.50, 0.45,
            0.06, 0.04, 0.90,
        ]
        let detections = selector.select(proposals: proposals, probabilities: probabilities,
                                         deltas: [BoxDelta](repeating: .zero, count: 6), imageSize: size)
        // Label 1: RoI 0 (0.60) suppresses RoI 1 (0.50, IoU 0.9); RoI 2's 0.04 is below threshold.
        // Label 2: RoI 2 (0.90), RoI 1 (0.45) suppresses RoI 0 (0.30).
        #expect(detections.map(\.roiIndex) == [2, 0, 1])
        #expect(detections.map(\.label) == [2, 1, 2])
        #expect(detections.map(\.score) == [0.90, 0.60, 0.45])
        #expect(detections[0].box == Box(x1: 70, y1: 60, x2: 120, y2: 90), "clipped to the image")
        let best = DetectionSelector(inference: InferenceConfig(detectionsPerImage: 2), roiHeads: RoIHeadsConfig())
        #expect(best.select(proposals: proposals, probabilities: probabilities, deltas: [BoxDelta](repeating: .zero, count: 6), imageSize: size)
            .map(\.roiIndex) == [2, 0])
    }

    @Test func appliesClassSpecificOrAgnosticDeltas() {
        let selector = DetectionSelector(inference: InferenceConfig(), roiHeads: RoIHeadsConfig())
        let proposal = Box(x1: 20, y1: 20, x2: 40, y2: 40)
        let shift = BoxDelta(dx: 5, dy: 0, dw: 0, dh: 0)  // weight 10: a shift of half the width
        let specific = selector.select(proposals: [proposal], probabilities: [0.1, 0.1, 0.8], deltas: [.zero, shift], imageSize: size)
        #expect(specific.map(\.box) == [Box(x1: 30, y1: 20, x2: 50, y2: 40), proposal])
        let agnostic = selector.select(proposals: [proposal], probabilities: [0.1, 0.1, 0.8], deltas: [shift], imageSize: size)
        #expect(agnostic.map(\.box) == [Box(x1: 30, y1: 20, x2: 50, y2: 40), Box(x1: 30, y1: 20, x2: 50, y2: 40)])
    }

    @Test func skipsNonFiniteRoIsAndRescales() {
        let selector = DetectionSelector(inference: InferenceConfig(), roiHeads: RoIHeadsConfig())
        let proposals = [Box(x1: 0, y1: 0, x2: 10, y2: 10), Box(x1: 20, y1: 20, x2: 60, y2: 40)]
        let detections = selector.select(proposals: proposals, probabilities: [0.5, .nan, 0.1, 0.9],
                                         deltas: [.zero, .zero], imageSize: size)
        #expect(detections.map(\.roiIndex) == [1])
        let original = detections[0].rescaled(from: ImageSize(height: 100, width: 120), to: ImageSize(height: 50, width: 60))
        #expect(original.box == Box(x1: 10, y1: 10, x2: 30, y2: 20))
    }
}

@Suite struct DetectionSelectorFixtureTests {
    struct Case: Decodable {
        let height: Int; let width: Int; let detections_per_image: Int
        let proposals: [Double]; let probabilities: [Double]; let deltas: [Double]
        let boxes: [Double]; let scores: [Double]; let classes: [Int]; let rois: [Int]
    }

    @Test func equalsDetectron2RulesInTorch() throws {
        for c in try DetectorFixture<Case>.load("detections.json") {
            let selector = DetectionSelector(inference: InferenceConfig(detectionsPerImage: c.detections_per_image), roiHeads: RoIHeadsConfig())
            // The fixture follows detectron2 (background last, classes from 0): move background
            // first and shift the classes to labels 1...K.
            let columns = c.probabilities.count / (c.proposals.count / 4)
            var probabilities: [Float] = []
            for row in stride(from: 0, to: c.probabilities.count, by: columns) {
                probabilities.append(Float(c.probabilities[row + columns - 1]))
                probabilities += c.probabilities[row..<(row + columns - 1)].map { Float($0) }
            }
            let detections = selector.select(proposals: boxes(c.proposals), probabilities: probabilities,
                                             deltas: deltas(c.deltas), imageSize: ImageSize(height: c.height, width: c.width))
            #expect(detections.map(\.roiIndex) == c.rois)
            #expect(detections.map(\.label) == c.classes.map { $0 + 1 })
            #expect(detections.map(\.score) == c.scores.map { Float($0) })
            for (a, b) in zip(flat(detections.map(\.box)), c.boxes.map { Float($0) }) { #expect(close(a, b, ulps: 8), "\(a) vs \(b)") }
        }
    }
}
