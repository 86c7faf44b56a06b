import Ablation
import COCO
import Foundation
import MaskRCNN
import Testing

@Suite struct ResumeAndMergeTests {
    func run(_ layout: ProjectLayout, runner: any VariantRunner) throws -> AblationRun {
        try TestTable.run(layout, runner: runner)
    }

    @Test func aFailedJobLetsTheOthersFinishAndTheRerunTrainsOnlyIt() throws {
        let layout = TestTable.scratch()
        defer { try? FileManager.default.removeItem(at: layout.root) }
        let trainer = TestTable.trainer()
        let failing = FailingRunner(inner: EvaluatingRunner(trainer: trainer), failingJob: "bad.seed0")
        do {
            _ = try run(layout, runner: failing).runJobs()
            Issue.record("the failed job was not reported")
        } catch let error as JobFailures {
            #expect(error.failures.map(\.job) == ["bad.seed0"])
            #expect(error.finished == AblationRun.JobCounts(ran: 3, skipped: 0))
            #expect(error.description.hasPrefix("1 job(s) failed (3 run, 0 done earlier; re-running resumes): job bad.seed0 failed: "))
        }
        #expect(trainer.log.jobs == ["good.seed0", "good.seed1", "bad.seed1"])

        let counts = try run(layout, runner: EvaluatingRunner(trainer: trainer)).runJobs()
        #expect(counts == AblationRun.JobCounts(ran: 1, skipped: 3))
        #expect(trainer.log.jobs == ["good.seed0", "good.seed1", "bad.seed1", "bad.seed0"])

        let again = try run(layout, runner: EvaluatingRunner(trainer: trainer)).runJobs()
        #expect(again == AblationRun.JobCounts(ran: 0, skipped: 4))
    }

    @Test func progressNamesEachJobWithAnETAAndTheSkippedOnes() throws {
        let layout = TestTable.scratch()
        defer { try? FileManager.default.removeItem(at: layout.root) }
        let lines = JobLog()
        var run = try run(layout, runner: EvaluatingRunner(trainer: TestTable.trainer()))
        run.progress = ProgressLog { lines.append($0) }
        _ = try run.runJobs(shard: Shard(parsing: "0/2"))
        _ = try run.runJobs()
        let text = lines.jobs
        #expect(text.contains { $0.hasPrefix("[1/2] good seed 0: training 3 iterations") })
        #expect(text.contains { $0.hasPrefix("[2/2] bad seed 0: box AP ") && $0.contains("ETA 0 min") })
        #expect(text.contains("[1/4] good seed 0: done earlier, skipped"))
    }

    @Test func aChangedConfigMakesSavedJobsStale() throws {
        let layout = TestTable.scratch()
        defer { try? FileManager.default.removeItem(at: layout.root) }
        let trainer = TestTable.trainer()
        _ = try run(layout, runner: EvaluatingRunner(trainer: trainer)).runJobs()
        var table = try TestTable.table()
        table.presets["smoke"]!.iterations = 4
        let plan = try JobPlan(table: table, preset: "smoke", threads: 1)
        let store = JobStore(directory: layout.jobDirectory(table: "toy", preset: "smoke"))
        #expect(store.missing(in: plan).count == 4)
    }

    @Test func aJobOfAnotherNumericsRevisionIsStale() throws {
        let layout = TestTable.scratch()
        defer { try? FileManager.default.removeItem(at: layout.root) }
        _ = try run(layout, runner: EvaluatingRunner(trainer: TestTable.trainer())).runJobs()
        let plan = try JobPlan(table: TestTable.table(), preset: "smoke", threads: 1)
        let store = JobStore(directory: layout.jobDirectory(table: "toy", preset: "smoke"))
        #expect(store.missing(in: plan).isEmpty)

        // One record from an older engine, one from an engine that did not record revisions.
        for (job, revision) in zip(plan.jobs, [NumericsRevision.current - 1, nil]) {
            var record = try ResultsIO.read(JobRecord.self, from: store.url(of: job))
            #expect(record.numericsRevision == NumericsRevision.current)
            record.numericsRevision = revision
            try ResultsIO.write(record, to: store.url(of: job))
        }
        #expect(store.missing(in: plan) == Array(plan.jobs.prefix(2)))
    }

    @Test func shardsMergeToTheUnshardedResults() throws {
        let sharded = TestTable.scratch(), whole = TestTable.scratch()
        defer {
            try? FileManager.default.removeItem(at: sharded.root)
            try? FileManager.default.removeItem(at: whole.root)
        }
        let runner = EvaluatingRunner(trainer: TestTable.trainer())
        let first = try run(sharded, runner: runner)
        _ = try first.runJobs(shard: Shard(parsing: "0/3"))
        // A merge before every shard is done names what is missing.
        do {
            try first.finish()
            Issue.record("merged with missing shards")
        } catch {
            #expect(error.message.contains("2 of 4 jobs"))
            #expect(error.message.contains("good.seed1"))
        }
        _ = try first.runJobs(shard: Shard(parsing: "1/3"))
        _ = try first.runJobs(shard: Shard(parsing: "2/3"))
        let merged = try first.finish()

        let reference = try run(whole, runner: runner)
        _ = try reference.runJobs()
        var expected = try reference.finish()
        #expect(merged.variants.map(\.seeds.count) == [2, 2])
        // Same numbers; only wall times differ.
        func withoutTimes(_ results: AblationResults) -> AblationResults {
            var copy = results
            for v in copy.variants.indices { for s in copy.variants[v].seeds.indices { copy.variants[v].seeds[s].wallSeconds = 0 } }
            return copy
        }
        expected = withoutTimes(expected)
        #expect(withoutTimes(merged) == expected)
        #expect(FileManager.default.fileExists(atPath: sharded.results(table: "toy", preset: "smoke").path))
        #expect(FileManager.default.fileExists(atPath: sharded.report(table: "toy", preset: "smoke").path))
    }
}
