import Ablation
import Testing

@Suite struct VerdictTests {
    func outcome(lower: Double, upper: Double, seeds: [Double]) -> PairedBootstrap.Outcome {
        PairedBootstrap.Outcome(difference: seeds.reduce(0, +) / Double(seeds.count), seedDifferences: seeds,
                                lower: lower, upper: upper, pValue: 0.01, replicates: 100, imageCount: 10)
    }

    @Test func intervalAboveZeroWithAgreeingSeedsIsReproduced() {
        #expect(Verdict(outcome(lower: 0.01, upper: 0.05, seeds: [0.02, 0.03, 0.04])) == .reproduced)
    }

    @Test func aSeedAgainstThePaperMakesItInconclusive() {
        #expect(Verdict(outcome(lower: 0.01, upper: 0.05, seeds: [0.05, 0.04, -0.01])) == .inconclusive)
    }

    @Test func intervalContainingZeroIsInconclusive() {
        #expect(Verdict(outcome(lower: -0.01, upper: 0.05, seeds: [0.02, 0.03])) == .inconclusive)
        #expect(Verdict(outcome(lower: 0, upper: 0.05, seeds: [0.02, 0.03])) == .inconclusive)
    }

    @Test func intervalBelowZeroIsNotReproduced() {
        #expect(Verdict(outcome(lower: -0.05, upper: -0.01, seeds: [-0.02, -0.03])) == .notReproduced)
    }

    @Test func seedStatistics() {
        let statistics = SeedStatistics([1, 2, 3, 4])
        #expect(statistics.mean == 2.5)
        #expect(abs(statistics.standardDeviation - 1.2909944487358056) < 1e-15)
        #expect(SeedStatistics([5]).standardDeviation == 0)
    }
}
