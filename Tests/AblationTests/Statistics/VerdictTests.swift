import Ablation
import Testing

@Suite struct VerdictTests {
    func outcome(lower: Double, upper: Double, seeds: [Double]) -> PairedBootstrap.Outcome {
        PairedBootstrap.Outcome(difference: seeds.reduce(0, +) / Double(seeds.count), seedDifferences: seeds,
                                lower: lower, upper: upper, pValue: 0.01, replicates: 100, imageCount: 10)
    }

    /// A verdict for variants that both learned (means well above the floor).
    func learnedVerdict(_ outcome: PairedBootstrap.Outcome) -> Verdict {
        Verdict(outcome, means: (better: 0.3, worse: 0.2))
    }

    @Test func intervalAboveZeroWithAgreeingSeedsIsReproduced() {
        #expect(learnedVerdict(outcome(lower: 0.01, upper: 0.05, seeds: [0.02, 0.03, 0.04])) == .reproduced)
    }

    @Test func aSeedAgainstThePaperMakesItInconclusive() {
        let disagreeing = outcome(lower: 0.01, upper: 0.05, seeds: [0.05, 0.04, -0.01])
        #expect(learnedVerdict(disagreeing) == .inconclusive)
        #expect(Verdict.whyInconclusive(disagreeing) == "a seed's difference is not above 0")
    }

    @Test func intervalContainingZeroIsInconclusive() {
        #expect(learnedVerdict(outcome(lower: -0.01, upper: 0.05, seeds: [0.02, 0.03])) == .inconclusive)
        let touching = outcome(lower: 0, upper: 0.05, seeds: [0.02, 0.03])
        #expect(learnedVerdict(touching) == .inconclusive)
        #expect(Verdict.whyInconclusive(touching) == "the interval contains 0")
    }

    @Test func intervalBelowZeroIsNotReproduced() {
        #expect(learnedVerdict(outcome(lower: -0.05, upper: -0.01, seeds: [-0.02, -0.03])) == .notReproduced)
    }

    @Test func bothVariantsBelowTheLearningFloorIsUninformative() {
        let zero = outcome(lower: 0, upper: 0, seeds: [0, 0, 0])
        #expect(Verdict(zero, means: (better: 0, worse: 0)) == .uninformative)
        let tiny = outcome(lower: 0.001, upper: 0.004, seeds: [0.002, 0.003, 0.001])
        #expect(Verdict(tiny, means: (better: 0.009, worse: 0.006)) == .uninformative)
        // One variant above the floor: the usual rule applies.
        #expect(Verdict(tiny, means: (better: 0.012, worse: 0.009)) == .reproduced)
    }

    @Test func seedStatistics() {
        let statistics = SeedStatistics([1, 2, 3, 4])
        #expect(statistics.mean == 2.5)
        #expect(abs(statistics.standardDeviation - 1.2909944487358056) < 1e-15)
        #expect(SeedStatistics([5]).standardDeviation == 0)
    }
}
