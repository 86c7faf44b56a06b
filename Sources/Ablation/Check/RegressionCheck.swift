import Foundation

/// `ablate check`: a fresh smoke run against the committed smoke baseline, metric by metric,
/// each with the table's tolerance (detectron2's training-accuracy tests: expected +- tolerance).
public struct RegressionCheck: Sendable {
    /// One compared value.
    public struct Line: Sendable, Equatable {
        /// What a line compares.
        public enum Quantity: Sendable, Equatable, CustomStringConvertible {
            /// A COCO statistic (pycocotools units, printed in points).
            case metric(MetricKey)
            /// The training loss of the loss curve's last window (printed as is).
            case finalLoss

            /// `mask.AP` or `final loss`.
            public var description: String {
                switch self {
                case .metric(let key): key.description
                case .finalLoss: "final loss"
                }
            }
        }

        /// The variant.
        public var variant: String
        /// What is compared.
        public var quantity: Quantity
        /// The baseline's seed mean, nil when the baseline lacks it.
        public var expected: Double?
        /// The new run's seed mean, nil when the run lacks it.
        public var measured: Double?
        /// The allowed absolute deviation, in the quantity's units.
        public var tolerance: Double

        /// A line of `variant`'s `quantity`.
        public init(variant: String, quantity: Quantity, expected: Double?, measured: Double?, tolerance: Double) {
            self.variant = variant
            self.quantity = quantity
            self.expected = expected
            self.measured = measured
            self.tolerance = tolerance
        }

        /// Within tolerance (and present on both sides), or absent from both: a metric of a head
        /// the variant does not have (e.g. mask AP of a box-only variant) is not a regression.
        public var passed: Bool {
            guard let expected, let measured else { return expected == nil && measured == nil }
            return abs(measured - expected) <= tolerance + 1e-12
        }

        /// `PASS|FAIL variant quantity: expected E ± T, got M (Δ D)`, metrics in points.
        public var description: String {
            let (scale, format, deltaFormat) = quantity == .finalLoss ? (1.0, "%.3f", " (Δ %+.3f)") : (100.0, "%.2f", " (Δ %+.2f)")
            func text(_ value: Double?) -> String { value.map { String(format: format, $0 * scale) } ?? "missing" }
            let delta = (expected != nil && measured != nil) ? String(format: deltaFormat, (measured! - expected!) * scale) : ""
            return "\(passed ? "PASS" : "FAIL") \(variant) \(quantity): expected \(text(expected)) ± \(text(tolerance)), got \(text(measured))\(delta)"
        }
    }

    /// The table (its metrics and tolerances).
    public var table: AblationTable

    /// A check of `table`.
    public init(table: AblationTable) {
        self.table = table
    }

    /// Every (variant, metric) of the table, then the variant's final training loss, baseline
    /// against the new run.
    public func compare(baseline: AblationResults, current: AblationResults) -> [Line] {
        table.variants.flatMap { variant in
            func mean(_ results: AblationResults, _ values: (VariantResults) -> [Double]) -> Double? {
                let values = results.variant(named: variant.name).map(values) ?? []
                return values.isEmpty ? nil : SeedStatistics(values).mean
            }
            let metrics = table.metrics.map { metric in
                Line(variant: variant.name, quantity: .metric(metric), expected: mean(baseline) { $0.values(of: metric) },
                     measured: mean(current) { $0.values(of: metric) }, tolerance: table.tolerance(of: metric))
            }
            let finalLoss = { (results: AblationResults) in mean(results) { $0.seeds.compactMap(\.lossCurve.final) } }
            let expectedLoss = finalLoss(baseline)
            return metrics + [Line(variant: variant.name, quantity: .finalLoss, expected: expectedLoss, measured: finalLoss(current),
                                   tolerance: table.finalLossTolerance * abs(expectedLoss ?? 0))]
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
