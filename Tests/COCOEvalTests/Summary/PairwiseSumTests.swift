import Testing
@testable import COCOEval

@Suite struct PairwiseSumTests {
    /// `np.sum` and `np.mean` bit for bit over lengths 0...139 and larger splits.
    @Test func matchesNumpy() throws {
        let fixture = try NumericFixture.load()
        for sum in fixture.sums {
            #expect(bitString(PairwiseSum.sum(sum.values)) == sum.sumBits, "n = \(sum.values.count)")
            if let meanBits = sum.meanBits {
                #expect(bitString(PairwiseSum.mean(sum.values)) == meanBits, "n = \(sum.values.count)")
            }
        }
    }

    /// A running sum differs from numpy's on most lengths: the fixture would catch it.
    @Test func naiveSummationWouldDiffer() throws {
        let fixture = try NumericFixture.load()
        let differing = fixture.sums.filter { bitString($0.values.reduce(0, +)) != $0.sumBits }
        #expect(differing.count > fixture.sums.count / 4)
    }
}
