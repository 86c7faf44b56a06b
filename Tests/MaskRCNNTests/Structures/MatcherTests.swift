import Testing
@testable import MaskRCNN

@Suite struct MatcherTests {
    struct Matching: Decodable { let matches: [Int]; let labels: [Int8] }
    struct Case: Decodable { let ground_truth: [Double]; let predictions: [Double]; let rpn: Matching; let roi: Matching }

    @Test func equalsDetectron2RulesInTorch() throws {
        for c in try DetectorFixture<Case>.load("matcher.json") {
            let iou = IoUMatrix(boxes(c.ground_truth), boxes(c.predictions))
            let rpn = Matcher(rpn: RPNConfig()).match(iou)
            #expect(rpn.matches == c.rpn.matches)
            #expect(rpn.labels.map(\.rawValue) == c.rpn.labels)
            let roi = Matcher(roiHeads: RoIHeadsConfig()).match(iou)
            #expect(roi.matches == c.roi.matches)
            #expect(roi.labels.map(\.rawValue) == c.roi.labels)
        }
    }

    @Test func invariants() {
        // Two GT; GT 1 overlaps every anchor weakly, and two anchors tie for its best IoU.
        let gt = [Box(x1: 0, y1: 0, x2: 10, y2: 10), Box(x1: 50, y1: 50, x2: 70, y2: 70)]
        let anchors = [
            Box(x1: 0, y1: 0, x2: 10, y2: 10),    // IoU 1 with GT 0
            Box(x1: 0, y1: 0, x2: 10, y2: 20),    // IoU 0.5 with GT 0: ignored
            Box(x1: 45, y1: 45, x2: 60, y2: 60),  // IoU 100/525 with GT 1, its best (tie)
            Box(x1: 60, y1: 60, x2: 75, y2: 75),  // same IoU with GT 1 (tie)
            Box(x1: 100, y1: 100, x2: 110, y2: 110),
        ]
        let (matches, labels) = Matcher(rpn: RPNConfig()).match(IoUMatrix(gt, anchors))
        #expect(matches == [0, 0, 1, 1, 0])
        #expect(labels == [.positive, .ignored, .positive, .positive, .negative])
        let strict = Matcher(thresholds: [0.3, 0.7], labels: [.negative, .ignored, .positive], allowLowQualityMatches: false)
        #expect(strict.match(IoUMatrix(gt, anchors)).labels == [.positive, .ignored, .negative, .negative, .negative])
        // IoU exactly at the threshold is on the upper side.
        #expect(Matcher(roiHeads: RoIHeadsConfig()).match(IoUMatrix(gt, anchors)).labels[1] == .positive)
        let none = Matcher(rpn: RPNConfig()).match(IoUMatrix([], anchors))
        #expect(none.matches == [0, 0, 0, 0, 0] && none.labels.allSatisfy { $0 == .negative })
    }
}
