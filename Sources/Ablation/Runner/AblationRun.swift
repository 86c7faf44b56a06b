import COCO
import Foundation

/// One invocation of `ablate TABLE`: run this shard's unfinished jobs (each saved atomically as
/// it ends, so a killed run resumes), then, when every job of the plan is done, join them into
/// `Results/STEM.json` and render `Reports/STEM.md`.
public struct AblationRun: Sendable {
    /// Where tables, results and reports live.
    public var layout: ProjectLayout
    /// The jobs.
    public var plan: JobPlan
    /// Trains, predicts, evaluates one job.
    public var runner: any VariantRunner
    /// Progress lines (stderr in the CLI).
    public var progress: ProgressLog
    /// The command recorded in the results ("regenerate with").
    public var command: String
    /// The commit recorded in the results.
    public var commit: String
    /// The machine recorded in the results.
    public var machine: MachineInfo
    /// The bootstrap of the report's claims.
    public var bootstrap: PairedBootstrap

    /// Creates a run.
    public init(layout: ProjectLayout, plan: JobPlan, runner: any VariantRunner, progress: ProgressLog = .standardError,
                command: String, commit: String, machine: MachineInfo = .current, bootstrap: PairedBootstrap = PairedBootstrap()) {
        self.layout = layout
        self.plan = plan
        self.runner = runner
        self.progress = progress
        self.command = command
        self.commit = commit
        self.machine = machine
        self.bootstrap = bootstrap
    }

    /// The per-job store of this table and preset.
    public var store: JobStore {
        JobStore(directory: layout.jobDirectory(table: plan.table.table, preset: plan.preset))
    }

    /// What `runJobs` did.
    public struct JobCounts: Sendable, Equatable {
        /// Jobs trained now.
        public var ran: Int
        /// Jobs skipped because a current result was already saved.
        public var skipped: Int

        /// Creates counts.
        public init(ran: Int, skipped: Int) {
            self.ran = ran
            self.skipped = skipped
        }
    }

    /// Runs the jobs of `shard` that have no current saved result. A job that fails (e.g. a
    /// diverging loss) does not stop the others: they still run and are saved, and the failures
    /// are thrown together at the end, so one bad seed costs one job, not the rest of the night.
    /// Bad input (`InputError`) stops at once: it would fail every job the same way.
    public func runJobs(shard: Shard = .all) throws -> JobCounts {
        let jobs = shard.slice(plan.jobs)
        var counts = JobCounts(ran: 0, skipped: 0)
        var secondsPerJob: [Double] = []
        var failures: [JobFailure] = []
        for (index, job) in jobs.enumerated() {
            if store.completed(job) != nil {
                counts.skipped += 1
                progress.report("[\(index + 1)/\(jobs.count)] \(job.variant) seed \(job.seed): done earlier, skipped")
                continue
            }
            progress.report("[\(index + 1)/\(jobs.count)] \(job.variant) seed \(job.seed): training \(job.config.solver.iterations) iterations")
            var job = job
            job.workDirectory = store.directory.appendingPathComponent(job.fileStem, isDirectory: true)
            let result: SeedResult
            do {
                result = try runner.run(job, progress: progress)
            } catch let error as InputError {
                throw error
            } catch {
                let failure = JobFailure(job: job.fileStem, message: ErrorDescription.oneLine(error))
                progress.report("[\(index + 1)/\(jobs.count)] \(failure); going on with the other jobs")
                failures.append(failure)
                continue
            }
            try store.save(result, of: job)
            counts.ran += 1
            secondsPerJob.append(result.wallSeconds)
            let summary = result.metrics.kinds.compactMap { kind in
                result.metrics[kind]?["AP"].map { String(format: "%@ AP %.1f", kind.rawValue, $0 * 100) }
            }.joined(separator: ", ")
            // ETA: the mean time of the jobs run so far, times the jobs left (some may be done already).
            let eta = SeedStatistics(secondsPerJob).mean * Double(jobs.count - index - 1)
            progress.report("[\(index + 1)/\(jobs.count)] \(job.variant) seed \(job.seed): \(summary) (\(String(format: "%.0f", result.wallSeconds)) s; ETA \(String(format: "%.0f", eta / 60)) min)")
        }
        if !failures.isEmpty { throw JobFailures(failures: failures, finished: counts) }
        return counts
    }

    /// Joins every job into the results file and renders the report with its prediction panel
    /// (skipped, with a progress line, when a checkpoint is missing); throws when jobs are missing.
    @discardableResult
    public func finish() throws(InputError) -> AblationResults {
        let results = try store.merge(plan, commit: commit, machine: machine, command: command)
        try ResultsIO.write(results, to: layout.results(table: plan.table.table, preset: plan.preset))
        PredictionPanelBuilder.write(table: plan.table, results: results, layout: layout, progress: progress)
        try ReportWriter(table: plan.table, results: results, bootstrap: bootstrap).write(to: layout)
        return results
    }
}

/// The jobs of a run that failed; the others finished and were saved, so a re-run (after the
/// cause is fixed) trains only these.
public struct JobFailures: Error, CustomStringConvertible {
    /// Each failed job, in plan order.
    public var failures: [JobFailure]
    /// What the run did with the other jobs.
    public var finished: AblationRun.JobCounts

    /// One line: how many failed, and each job with its error.
    public var description: String {
        "\(failures.count) job(s) failed (\(finished.ran) run, \(finished.skipped) done earlier; re-running resumes): "
            + failures.map(\.description).joined(separator: "; ")
    }
}

/// A job whose runner threw: names the job so the log says which one to look at.
public struct JobFailure: Error, CustomStringConvertible {
    /// `VARIANT.seedN`.
    public var job: String
    /// The runner's error.
    public var message: String

    /// `job VARIANT.seedN failed: ...`.
    public var description: String { "job \(job) failed: \(message)" }
}
