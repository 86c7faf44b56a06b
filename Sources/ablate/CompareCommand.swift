import Ablation
import ArgumentParser
import COCO
import Foundation

/// `ablate compare A.json B.json`: paired bootstrap over images of A - B for variants present in
/// both files (or the one variant of each), at AP, AP50 and AP75 of every evaluated kind.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Paired bootstrap over images: difference, 95% interval and p-value of A - B.",
        discussion: "Seeds are paired by value. Output (stdout, tab-separated, points): variant-a variant-b metric difference lower upper p seeds images."
    )

    @Argument(help: "Results file A.")
    var first: String

    @Argument(help: "Results file B.")
    var second: String

    @Option(help: "Only this metric, e.g. mask.AP75 (AP, AP50 or AP75 of box, mask or keypoints).")
    var metric: String?

    @Option(help: "Bootstrap replicates.")
    var replicates: Int = 1000

    @Option(help: "Bootstrap seed.")
    var seed: UInt64 = 0

    func run() throws {
        try reportingErrors {
            guard (1...1_000_000).contains(replicates) else {
                throw InputError(field: "--replicates", message: "must be 1...1000000")
            }
            let metricFilter = try metric.map { text throws(InputError) in try MetricKey(parsing: text) }
            if let metricFilter, !metricFilter.isResampleable {
                throw InputError(field: "--metric", message: "the bootstrap recomputes AP, AP50 or AP75 only")
            }
            let a = try ResultsIO.readResults(from: URL(fileURLWithPath: first))
            let b = try ResultsIO.readResults(from: URL(fileURLWithPath: second))
            let pairs = Self.pairs(a, b)
            guard !pairs.isEmpty else {
                throw InputError(file: second, field: "variants", message: "no variant name in common with \(first), and not one variant each")
            }
            let bootstrap = PairedBootstrap(replicates: replicates, seed: seed)
            print("variant_a\tvariant_b\tmetric\tdifference\tlower\tupper\tp\tseeds\timages")
            for (left, right) in pairs {
                let kinds = EvaluationKind.allCases.filter { kind in
                    left.seeds.contains { $0.perImage[kind] != nil } && right.seeds.contains { $0.perImage[kind] != nil }
                }
                for kind in kinds {
                    for statistic in ["AP", "AP50", "AP75"] {
                        let key = try MetricKey(kind: kind, statistic: statistic)
                        if let metricFilter, metricFilter != key { continue }
                        let seeds = left.pairedMatches(with: right, kind: kind)
                        guard !seeds.a.isEmpty else { continue }
                        let outcome = bootstrap.compare(seeds.a, seeds.b, metric: key)
                        let cells = [left.name, right.name, key.description,
                                     String(format: "%+.2f", outcome.difference * 100), String(format: "%+.2f", outcome.lower * 100),
                                     String(format: "%+.2f", outcome.upper * 100), String(format: "%.4f", outcome.pValue),
                                     String(outcome.seedDifferences.count), String(outcome.imageCount)]
                        print(cells.joined(separator: "\t"))
                    }
                }
            }
        }
    }

    /// Variants with the same name in both files, or the single variant of each.
    static func pairs(_ a: AblationResults, _ b: AblationResults) -> [(VariantResults, VariantResults)] {
        let common = a.variants.compactMap { variant in b.variant(named: variant.name).map { (variant, $0) } }
        if !common.isEmpty { return common }
        if a.variants.count == 1 && b.variants.count == 1 { return [(a.variants[0], b.variants[0])] }
        return []
    }
}
