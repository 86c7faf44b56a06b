import Foundation

/// `ablate check`: a fresh smoke run against the committed smoke baseline, metric by metric,
/// each with the table's tolerance (detectron2's training-accuracy tests: expected +- tolerance).
public struct RegressionCheck: Sendable {
    /// One compared value.
    public struct Line: Sendable, Equatable {
        /// The variant.
        public var variant: String
        /// The metric.
        public var metric: MetricKey
        /// The baseline's seed mean, nil when the baseline lacks it.
        public var expected: Double?
        /// The new run's seed mean, nil when the run lacks it.
        public var measured: Double?
        /// The allowed absolute deviation.
        public var tolerance: Double

        /// Within tolerance (and present on both sides), or absent from both: a metric of a head
        /// the variant does not have (e.g. mask AP of a box-only variant) is not a regression.
        public var passed: Bool {
            guard let expected, let measured else { return expected == nil && measured == nil }
            return abs(measured - expected) <= tolerance + 1e-12
        }

        /// `PASS|FAIL variant metric: expected E ± T, got M (Δ D)` in points.
        public var description: String {
            func points(_ value: Double?) -> String { value.map { String(format: "%.2f", $0 * 100) } ?? "missing" }
            let delta = (expected != nil && measured != nil) ? String(format: " (Δ %+.2f)", (measured! - expected!) * 100) : ""
            return "\(passed ? "PASS" : "FAIL") \(variant) \(metric): expected \(points(expected)) ± \(String(format: "%.2f", tolerance * 100)), got \(points(measured))\(delta)"
        }
    }

    /// The table (its metrics and tolerances).
    public var table: AblationTable

    /// A check of `table`.
    public init(table: AblationTable) {
        self.table = table
    }

    /// Every (variant, metric) of the table, baseline against the new run.
    public func compare(baseline: AblationResults, current: AblationResults) -> [Line] {
        table.variants.flatMap { variant in
            table.metrics.map { metric in
                func mean(_ results: AblationResults) -> Double? {
                    let values = results.variant(named: variant.name)?.values(of: metric) ?? []
                    return values.isEmpty ? nil : SeedStatistics(values).mean
                }
                return Line(variant: variant.name, metric: metric, expected: mean(baseline), measured: mean(current),
                            tolerance: table.tolerance(of: metric))
            }
        }
    }
}

extension RegressionCheck {
    /// Runs `table`'s smoke preset afresh, with the baseline's seeds and threads, in a scratch
    /// folder (the committed results are not touched), and returns the joined results.
    public static func rerun(table: AblationTable, baseline: AblationResults, runner: any VariantRunner,
                             progress: ProgressLog = .silent) throws -> AblationResults {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("ablate-check-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let seeds = baseline.variants.map(\.seeds.count).max() ?? 1
        let plan = try JobPlan(table: table, preset: baseline.preset, seedCount: seeds, threads: baseline.threads)
        let run = AblationRun(layout: ProjectLayout(root: scratch), plan: plan, runner: runner, progress: progress,
                              command: "ablate check \(table.table)", commit: baseline.commit, machine: .current)
        _ = try run.runJobs()
        return try JobStore(directory: run.layout.jobDirectory(table: table.table, preset: baseline.preset))
            .merge(plan, commit: baseline.commit, machine: .current, command: "ablate check \(table.table)")
    }
}
