import Testing
@testable import MaskRCNN

@Suite struct NonMaximumSuppressionTests {
    struct Case: Decodable {
        let boxes: [Double]; let scores: [Double]; let groups: [Int]; let threshold: Double
        let keep: [Int]; let keep_per_group: [Int]
    }

    @Test func equalsTorchvisionNMS() throws {
        for c in try DetectorFixture<Case>.load("nms.json") {
            let kept = NonMaximumSuppression.keep(boxes: boxes(c.boxes), scores: c.scores.map { Float($0) }, threshold: c.threshold)
            #expect(kept == c.keep)
        }
    }

    @Test func perGroupEqualsTorchvisionBatchedNMS() throws {
        for c in try DetectorFixture<Case>.load("nms.json") {
            let scores = c.scores.map { Float($0) }
            let kept = NonMaximumSuppression.keepPerGroup(boxes: boxes(c.boxes), scores: scores, groups: c.groups, threshold: c.threshold)
            // torchvision orders equal scores with an unstable sort; ours keeps index order.
            #expect(Set(kept) == Set(c.keep_per_group) && kept.count == c.keep_per_group.count)
            #expect(kept.map { scores[$0] } == c.keep_per_group.map { scores[$0] })
            let equalRuns = zip(kept, kept.dropFirst()).allSatisfy { scores[$0] > scores[$1] || $0 < $1 }
            #expect(equalRuns)
        }
    }

    @Test func suppressesOnlyAboveTheThreshold() {
        // Intersection 50, union 150: IoU 1/3.
        let a = Box(x1: 0, y1: 0, x2: 10, y2: 10)
        let b = Box(x1: 5, y1: 0, x2: 15, y2: 10)
        #expect(NonMaximumSuppression.keep(boxes: [a, b], scores: [0.9, 0.8], threshold: 0.5) == [0, 1])
        #expect(NonMaximumSuppression.keep(boxes: [a, b], scores: [0.8, 0.9], threshold: 0.3) == [1])
        // IoU exactly 1/3 in Float32 is not above a Double threshold of its own value.
        let third = Double(Float(50) / Float(150))
        #expect(NonMaximumSuppression.keep(boxes: [a, b], scores: [0.9, 0.8], threshold: third) == [0, 1])
    }

    @Test func floatCutoffComparesLikeTheDoubleThreshold() {
        var generator = SeededGenerator(state: 42)
        for threshold in [0.7, 0.5, 0.3, 1.0 / 3.0, 0.0, 1.0, Double(Float(0.7)), -0.25] {
            let cutoff = NonMaximumSuppression.largestFloat(notAbove: threshold)
            var probes = [cutoff, cutoff.nextUp, cutoff.nextDown, Float(threshold), 0, 1]
            probes += (0..<200).map { _ in Float.random(in: -0.5...1, using: &generator) }
            for x in probes { #expect((x > cutoff) == (Double(x) > threshold), "\(x) vs \(threshold)") }
        }
    }

    @Test func topKIsStableOnTies() {
        #expect(NonMaximumSuppression.topK([0.5, 0.9, 0.5, 0.9, 0.1], 3) == [1, 3, 0])
        #expect(NonMaximumSuppression.topK([0.5], 3) == [0])
        #expect(NonMaximumSuppression.topK([], 2) == [])
        #expect(NonMaximumSuppression.topK([1, 2], 0) == [])
        #expect(NonMaximumSuppression.order([0, -0.0, 1, -1]) == [2, 0, 1, 3])
    }

    @Test func topKSelectsTheSamePrefixAsAFullSort() {
        var generator = SeededGenerator(state: 41)
        for count in [1, 2, 7, 100, 1000] {
            // Few distinct values, so ties are common; negative and positive scores.
            let scores = (0..<count).map { _ in Float(Int.random(in: -8...8, using: &generator)) / 4 }
            let sorted = scores.indices.sorted { scores[$0] > scores[$1] || (scores[$0] == scores[$1] && $0 < $1) }
            #expect(NonMaximumSuppression.order(scores) == sorted)
            for k in [1, count / 3, count - 1, count] where k > 0 {
                #expect(NonMaximumSuppression.topK(scores, k) == Array(sorted.prefix(k)), "n \(count) k \(k)")
            }
        }
    }
}
