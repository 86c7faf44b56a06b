import Testing
@testable import COCOEval

@Suite struct AccumulatorTests {
    /// The packed-key sort equals a stable sort by descending score (numpy's mergesort of
    /// -scores), with ties, signed zeros, negatives and extremes.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func sortByScoreEqualsStableDescendingSort(seed: UInt64) {
        var state = seed
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 11
        }
        let palette: [Double] = [0, -0.0, 1, -1, 0.5, 0.25, .leastNonzeroMagnitude, -.leastNonzeroMagnitude,
                                 .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 0.3, 0.30000000000000004]
        let scores = (0..<3000).map { index -> Double in
            index % 3 == 0 ? palette[Int(next() % UInt64(palette.count))] : Double(next() % 1000) / 997 - 0.5
        }
        let slots = 17 ..< 2900
        let expected = slots.enumerated().sorted { a, b in
            scores[a.element] > scores[b.element] || (scores[a.element] == scores[b.element] && a.offset < b.offset)
        }.map(\.element)
        #expect(Accumulator.sortedByScore(slots: slots, scores: scores) == expected)
    }
}
