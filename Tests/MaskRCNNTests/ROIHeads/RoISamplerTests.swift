import Testing
@testable import MaskRCNN

@Suite struct RoISamplerTests {
    private let groundTruth = [Box(x1: 10, y1: 10, x2: 40, y2: 40), Box(x1: 60, y1: 20, x2: 90, y2: 70)]
    private let labels = [3, 1]

    private func proposals() -> [Box] {
        var generator = SeededGenerator(state: 21)
        return (0..<200).map { _ in
            let x = Float.random(in: 0..<90, using: &generator), y = Float.random(in: 0..<70, using: &generator)
            return Box(x1: x, y1: y, x2: x + Float.random(in: 4..<40, using: &generator), y2: y + Float.random(in: 4..<40, using: &generator))
        }
    }

    @Test func invariants() {
        var config = RoIHeadsConfig()
        config.roisPerImage = 64
        let sampler = RoISampler(config: config)
        var generator = SeededGenerator(state: 22)
        let rois = sampler.sample(proposals: proposals(), groundTruth: groundTruth, groundTruthLabels: labels, using: &generator)
        #expect(rois.boxes.count == 64 && rois.labels.count == 64 && rois.regressionTargets.count == 64)
        #expect(rois.foregroundCount > 0 && rois.foregroundCount <= 16)
        let coder = BoxCoder(weights: config.boxCodingWeights)
        for i in 0..<rois.foregroundCount {
            let gt = rois.matchedGroundTruth[i]
            #expect(IoUMatrix([groundTruth[gt]], [rois.boxes[i]])[0, 0] >= 0.5)
            #expect(rois.labels[i] == labels[gt])
            let decoded = coder.decode(rois.regressionTargets[i], relativeTo: rois.boxes[i])
            #expect(abs(decoded.x1 - groundTruth[gt].x1) < 1e-3 && abs(decoded.y2 - groundTruth[gt].y2) < 1e-3)
        }
        for i in rois.foregroundCount..<64 {
            #expect(rois.labels[i] == 0 && rois.matchedGroundTruth[i] == -1 && rois.regressionTargets[i] == .zero)
            #expect(IoUMatrix(groundTruth, [rois.boxes[i]]).values.allSatisfy { $0 < 0.5 })
        }
    }

    @Test func appendedGroundTruthIsAlwaysAvailableAsForeground() {
        var config = RoIHeadsConfig()
        config.roisPerImage = 8
        config.positiveFraction = 1
        var generator = SeededGenerator(state: 23)
        let far = [Box(x1: 200, y1: 200, x2: 210, y2: 210)]
        let rois = RoISampler(config: config).sample(proposals: far, groundTruth: groundTruth, groundTruthLabels: labels, using: &generator)
        #expect(rois.foregroundCount == 2 && Set(rois.boxes.prefix(2)) == Set(groundTruth))
        #expect(rois.regressionTargets.prefix(2).allSatisfy { $0 == .zero })
        config.appendGroundTruth = false
        let without = RoISampler(config: config).sample(proposals: far, groundTruth: groundTruth, groundTruthLabels: labels, using: &generator)
        #expect(without.foregroundCount == 0 && without.boxes == far)
    }

    @Test func noGroundTruthGivesBackgroundOnly() {
        var generator = SeededGenerator(state: 24)
        let rois = RoISampler(config: RoIHeadsConfig()).sample(proposals: proposals(), groundTruth: [], groundTruthLabels: [], using: &generator)
        #expect(rois.foregroundCount == 0 && rois.boxes.count == 128 && rois.labels.allSatisfy { $0 == 0 })
    }
}
