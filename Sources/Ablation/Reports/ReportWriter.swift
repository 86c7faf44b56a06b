import COCO
import Foundation
import MaskRCNN

/// `Reports/STEM.md` and its SVG plots from a results file: the measured table in the paper's
/// layout (mean +- std over seeds), the paper's table beside it, deltas against the baseline
/// row, one verdict per claim, PR curves, the prediction panel, config summary, and the command
/// that regenerates it. Values are printed in points (pycocotools value x 100), like the paper.
public struct ReportWriter: Sendable {
    /// The table the results belong to.
    public var table: AblationTable
    /// The results.
    public var results: AblationResults
    /// The bootstrap used for claims.
    public var bootstrap: PairedBootstrap

    /// A writer for `results` of `table`.
    public init(table: AblationTable, results: AblationResults, bootstrap: PairedBootstrap = PairedBootstrap()) {
        self.table = table
        self.results = results
        self.bootstrap = bootstrap
    }

    /// The report: Markdown plus SVG files (name to content) for the asset folder `assetFolder`
    /// (a path relative to the Markdown file).
    public func render(assetFolder: String, hasPredictionPanel: Bool = false) -> (markdown: String, svgs: [String: String]) {
        let seeds = results.variants.map(\.seeds.count).max() ?? 0
        var md = "# \(table.title) — `\(results.preset)` preset\n\n"
        if let description = table.description { md += description.trimmingCharacters(in: .whitespacesAndNewlines) + "\n\n" }
        if let note = table.presets[results.preset]?.note {
            md += "**Preset `\(results.preset)`:** \(note.trimmingCharacters(in: .whitespacesAndNewlines))\n\n"
        }
        md += "Regenerate: `\(results.command)`  \n"
        md += "Commit `\(results.commit)`, \(results.threads) threads, \(results.machine.cpu) (\(results.machine.cores) cores), data: \(results.data), config hash `\(results.configHash)`.\n\n"

        md += "## Measured (mean ± std over \(seeds) seeds)\n\n"
        md += row(["Variant"] + table.metrics.map(columnName)) + separator(table.metrics.count + 1)
        for variant in results.variants {
            md += row([variant.label] + table.metrics.map { metric in
                // pycocotools' -1 (no ground truth in the area range) is undefined, not -100 points.
                let statistics = SeedStatistics(variant.values(of: metric).filter { $0 >= 0 })
                return statistics.values.isEmpty ? "–" : "\(points(statistics.mean)) ± \(points(statistics.standardDeviation))"
            })
        }
        md += "\n"
        if let paper = table.paper {
            md += "## The paper\n\n\(paper.source)\n\n"
            md += row(["Variant"] + table.metrics.map(columnName)) + separator(table.metrics.count + 1)
            for variant in table.variants {
                md += row([variant.displayName] + table.metrics.map { metric in
                    paper.rows[variant.name]?[metric.description].map { String(format: "%.1f", $0) } ?? "–"
                })
            }
            md += "\n"
        }
        md += deltas()
        md += claims()
        md += curves(assetFolder: assetFolder).markdown
        md += "## Predictions\n\n"
        md += hasPredictionPanel
            ? "![predictions](\(assetFolder)/\(PredictionPanel.fileName))\n\n"
            : "No prediction panel: the jobs' final checkpoints (`Results/jobs/`) were not available when this report was rendered.\n\n"
        md += training()
        md += configSummary()
        return (md, curves(assetFolder: assetFolder).svgs)
    }

    /// Renders and writes the report and its plots atomically under `layout`.
    public func write(to layout: ProjectLayout) throws(InputError) {
        let url = layout.report(table: results.table, preset: results.preset)
        let assets = layout.reportAssets(table: results.table, preset: results.preset)
        let hasPanel = FileManager.default.fileExists(atPath: assets.appendingPathComponent(PredictionPanel.fileName).path)
        let (markdown, svgs) = render(assetFolder: assets.lastPathComponent, hasPredictionPanel: hasPanel)
        for (name, svg) in svgs.sorted(by: { $0.key < $1.key }) {
            try ResultsIO.writeAtomically(Data(svg.utf8), to: assets.appendingPathComponent(name))
        }
        try ResultsIO.writeAtomically(Data(markdown.utf8), to: url)
    }

    /// The claims with their verdicts, in the table's order (claims whose variants are missing are left out).
    public func assessments() -> [ClaimAssessment] {
        table.claims.compactMap { ClaimAssessment($0, in: results, bootstrap: bootstrap) }
    }

    private func deltas() -> String {
        guard let baseline = results.variant(named: table.baseline) else { return "" }
        var md = "## Deltas against the baseline (\(baseline.label))\n\n"
        md += "Measured: mean over seeds of the seed-paired difference; paper: difference of its rows.\n\n"
        md += row(["Variant"] + table.metrics.flatMap { ["Δ \(columnName($0))", "paper"] }) + separator(table.metrics.count * 2 + 1)
        for variant in results.variants where variant.name != baseline.name {
            md += row([variant.label] + table.metrics.flatMap { metric -> [String] in
                let differences = variant.seeds.compactMap { seed -> Double? in
                    guard let value = seed.metrics[metric.kind]?[metric.statistic],
                          let base = baseline.seeds.first(where: { $0.seed == seed.seed })?.metrics[metric.kind]?[metric.statistic],
                          value >= 0, base >= 0
                    else { return nil }
                    return value - base
                }
                let statistics = SeedStatistics(differences)
                let measured = differences.isEmpty ? "–" : "\(signedPoints(statistics.mean)) ± \(points(statistics.standardDeviation))"
                let paperValue = table.paper.flatMap { paper -> String? in
                    guard let a = paper.rows[variant.name]?[metric.description],
                          let b = paper.rows[baseline.name]?[metric.description] else { return nil }
                    return String(format: "%+.1f", a - b)
                } ?? "–"
                return [measured, paperValue]
            })
        }
        return md + "\n"
    }

    private func claims() -> String {
        guard !table.claims.isEmpty else { return "" }
        var md = "## Claims of the paper\n\n"
        for assessment in assessments() {
            let outcome = assessment.outcome
            let spread = SeedStatistics(outcome.seedDifferences).standardDeviation
            let reason = assessment.verdict == .inconclusive ? " (\(Verdict.whyInconclusive(outcome)))" : ""
            let perSeed = outcome.seedDifferences.map(signedPoints).joined(separator: ", ")
            md += "- **\(assessment.verdict.rawValue)**\(reason): \(assessment.claim.text) (\(assessment.claim.metric)): "
            md += "\(signedPoints(outcome.difference)) ± \(points(spread)) points over \(outcome.seedDifferences.count) seed\(outcome.seedDifferences.count == 1 ? "" : "s") "
            md += "(per seed \(perSeed)), "
            md += "95% CI [\(signedPoints(outcome.lower)), \(signedPoints(outcome.upper))], p = \(pValue(outcome)); "
            md += "paper \(String(format: "%+.1f", assessment.claim.paperDelta)).\n"
        }
        let missing = table.claims.count - assessments().count
        if missing > 0 { md += "- \(missing) claim(s) not assessed: a variant or its per-image matches are missing from the results.\n" }
        md += "\nRule: reproduced when the 95% paired-bootstrap interval over images (\(bootstrap.replicates) replicates, seed \(bootstrap.seed)) "
        md += "of the seed-averaged difference lies above 0 and every seed's difference is positive; not reproduced when the interval "
        md += "lies below 0; inconclusive otherwise; uninformative when neither variant's seed mean reaches "
        md += "\(String(format: "%.0f", Verdict.learningFloor * 100)) point (nothing learned at this preset). ± is the standard deviation of the per-seed differences.\n\n"
        return md
    }

    private func curves(assetFolder: String) -> (markdown: String, svgs: [String: String]) {
        let kinds = Array(Set(table.metrics.map(\.kind))).sorted()
        var md = "## Precision-recall curves\n\nMean over seeds and categories (area all, largest detection limit).\n\n"
        var svgs: [String: String] = [:]
        for kind in kinds {
            for (name, threshold, path) in [("iou50", "0.50", \PRCurves.iou50), ("iou75", "0.75", \PRCurves.iou75)] {
                let lines = results.variants.compactMap { variant -> PRCurvePlot.Line? in
                    let curves = variant.seeds.compactMap { $0.prCurves[kind]?[keyPath: path] }.filter { !$0.isEmpty }
                    guard let first = curves.first else { return nil }
                    let mean = first.indices.map { r in curves.map { $0.indices.contains(r) ? $0[r] : 0 }.reduce(0, +) / Double(curves.count) }
                    return PRCurvePlot.Line(label: variant.label, precision: mean)
                }
                guard !lines.isEmpty else { continue }
                let file = "pr-\(kind.rawValue)-\(name).svg"
                svgs[file] = PRCurvePlot(title: "\(kind.rawValue) precision-recall at IoU \(threshold)", lines: lines).svg
                md += "![\(kind.rawValue) PR at IoU \(threshold)](\(assetFolder)/\(file))\n"
            }
        }
        return (md + "\n", svgs)
    }

    private func training() -> String {
        var md = "## Training\n\n" + row(["Variant", "iterations", "final loss", "wall s / seed"]) + separator(4)
        for variant in results.variants {
            let losses = SeedStatistics(variant.seeds.compactMap(\.lossCurve.final))
            let wall = SeedStatistics(variant.seeds.map(\.wallSeconds))
            md += row([variant.label, variant.seeds.first.map { String($0.iterations) } ?? "–",
                       losses.values.isEmpty ? "–" : String(format: "%.3f ± %.3f", losses.mean, losses.standardDeviation),
                       wall.values.isEmpty ? "–" : String(format: "%.0f", wall.mean)])
        }
        return md + "\n"
    }

    private func configSummary() -> String {
        var md = "## Config\n\nBase `\(table.base.rawValue)`"
        if let overrides = table.overrides { md += ", table overrides `\(json(overrides))`" }
        if let preset = table.presets[results.preset] {
            md += "; preset `\(results.preset)`: \(preset.dataset.rawValue) \(preset.imageSize.rawValue), \(preset.trainImages) train / \(preset.valImages) val images, \(preset.iterations) iterations"
            if let overrides = preset.overrides { md += ", overrides `\(json(overrides))`" }
        }
        md += ".\n\n" + row(["Variant", "overrides", "config hash"]) + separator(3)
        for variant in results.variants {
            md += row([variant.label, variant.overrides.map { "`\(json($0))`" } ?? "–", "`\(variant.configHash)`"])
        }
        if let baseline = results.variant(named: table.baseline), let data = try? baseline.config.encodedJSON() {
            md += "\n<details><summary>Resolved config of \(baseline.label) (seed 0)</summary>\n\n```json\n\(String(decoding: data, as: UTF8.self))\n```\n</details>\n"
        }
        return md
    }

    private func json(_ value: ConfigOverride) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "?"
    }

    private func columnName(_ metric: MetricKey) -> String {
        switch metric.kind {
        case .box: "box \(metric.statistic)"
        case .mask: "mask \(metric.statistic)"
        case .keypoints: "kp \(metric.statistic)"
        }
    }

    private func row(_ cells: [String]) -> String { "| " + cells.joined(separator: " | ") + " |\n" }
    private func separator(_ count: Int) -> String { "|" + String(repeating: "---|", count: count) + "\n" }
    private func points(_ value: Double) -> String { String(format: "%.1f", value * 100) }
    private func signedPoints(_ value: Double) -> String { String(format: "%+.1f", value * 100) }
    private func pValue(_ outcome: PairedBootstrap.Outcome) -> String {
        outcome.pValue < 0.001 ? "< 0.001" : String(format: "%.3f", outcome.pValue)
    }
}
