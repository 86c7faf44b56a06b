import Ablation
import COCO
import COCOEval
import Testing

@Suite struct PairedBootstrapTests {
    /// Per-seed matches of the jitter double for `variant` with shift `error`.
    func matches(error: Double, seeds: [Int], variant: String = "v", kind: EvaluationKind = .box) throws -> [[ImageMatches]] {
        let trainer = JitterTrainer(errors: [variant: error], imageCount: 30)
        let table = try TestTable.table()
        return try seeds.map { seed in
            var job = try JobPlan(table: table, preset: "quick", threads: 1).jobs[0]
            job.variant = variant
            job.seed = seed
            let predictions = try trainer.trainAndPredict(job, progress: .silent)
            return try SeedEvaluation.evaluate(predictions: predictions, kinds: [.box], seed: seed, threads: 1)
                .perImage[kind]!
        }
    }

    @Test func recomputedAPEqualsTheEvaluatorsStatsExactly() throws {
        let trainer = JitterTrainer(errors: ["good": 0.8], imageCount: 30)
        let job = try JobPlan(table: TestTable.table(), preset: "quick", threads: 1).jobs[0]
        let predictions = try trainer.trainAndPredict(job, progress: .silent)
        for kind in [EvaluationKind.box, .mask] {
            let parameters = EvaluationParameters(iouType: kind.iouType)
            let stats = try COCOEvaluator.evaluate(groundTruth: predictions.groundTruth, results: predictions.results,
                                                   parameters: parameters, threads: 1).stats
            let images = try COCOEvaluator.imageMatches(groundTruth: predictions.groundTruth, results: predictions.results,
                                                        parameters: parameters, threads: 1)
            let summary = COCOEvaluator.averagePrecision(of: images, iouType: kind.iouType)
            #expect(summary.averagePrecision == stats[0])
            #expect(summary.averagePrecision50 == stats[1])
            #expect(summary.averagePrecision75 == stats[2])
            #expect(stats[2] > 0.05 && stats[2] < 0.95, "test data should not saturate AP75")
            // What a job stores for the bootstrap is the same evaluation.
            let stored = try SeedEvaluation.evaluate(predictions: predictions, kinds: [kind], seed: 0, threads: 1)
            #expect(stored.perImage[kind] == images)
            #expect(stored.metrics[kind]?["AP75"] == stats[2])
        }
    }

    @Test func detectsAKnownDifference() throws {
        let a = try matches(error: 0.5, seeds: [0, 1])
        let b = try matches(error: 3, seeds: [0, 1])
        let metric = try MetricKey(parsing: "box.AP75")
        let outcome = PairedBootstrap(replicates: 200, seed: 1).compare(a, b, metric: metric)
        #expect(outcome.difference > 0.1)
        #expect(outcome.lower > 0)
        #expect(outcome.lower <= outcome.difference && outcome.difference <= outcome.upper)
        #expect(outcome.pValue < 0.05)
        #expect(outcome.seedDifferences.count == 2)
        #expect(Verdict(outcome, means: (better: 0.5, worse: 0.4)) == .reproduced)
        // Reversed, the same evidence says the opposite.
        let reversed = PairedBootstrap(replicates: 200, seed: 1).compare(b, a, metric: metric)
        #expect(reversed.upper < 0)
        #expect(Verdict(reversed, means: (better: 0.4, worse: 0.5)) == .notReproduced)
    }

    @Test func findsNoDifferenceWhereThereIsNone() throws {
        // Same error distribution, independent draws (different variant names seed the jitter).
        let a = try matches(error: 1.5, seeds: [0, 1], variant: "left")
        let b = try matches(error: 1.5, seeds: [0, 1], variant: "right")
        let outcome = PairedBootstrap(replicates: 200, seed: 1).compare(a, b, metric: try MetricKey(parsing: "box.AP"))
        #expect(outcome.lower < 0 && outcome.upper > 0)
        #expect(outcome.pValue > 0.05)
        #expect(Verdict(outcome, means: (better: 0.5, worse: 0.4)) == .inconclusive)
    }

    @Test func identicalInputsGiveZeroAndTheSameSeedTheSameInterval() throws {
        let a = try matches(error: 1, seeds: [0])
        let metric = try MetricKey(parsing: "box.AP")
        let outcome = PairedBootstrap(replicates: 100, seed: 3).compare(a, a, metric: metric)
        #expect(outcome.difference == 0 && outcome.lower == 0 && outcome.upper == 0)
        let b = try matches(error: 2, seeds: [0])
        #expect(PairedBootstrap(replicates: 100, seed: 3).compare(a, b, metric: metric)
                == PairedBootstrap(replicates: 100, seed: 3).compare(a, b, metric: metric))
    }
}
