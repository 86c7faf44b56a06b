import COCOEval
import Datasets

/// A paired bootstrap over images of the difference `A - B` of AP, AP50 or AP75, averaged over
/// seeds.
///
/// Why over images: the evaluation set is a sample, and both variants are scored on the same
/// images, so redrawing images (the same draw for A and B, and for every seed) measures how much
/// of a difference the choice of images could make. Each replicate recomputes AP with
/// pycocotools' accumulation from the stored per-image matches (`ImageMatches`), so the observed
/// difference equals the difference of the reported statistics exactly.
public struct PairedBootstrap: Sendable {
    /// Replicates drawn.
    public var replicates: Int
    /// Seed of the draws: the same seed gives the same interval.
    public var seed: UInt64

    /// A bootstrap with `replicates` draws (1000 by default) from `seed`.
    public init(replicates: Int = 1000, seed: UInt64 = 0) {
        self.replicates = max(1, replicates)
        self.seed = seed
    }

    /// The outcome of a comparison, in pycocotools units (0.01 = one AP point).
    public struct Outcome: Sendable, Equatable {
        /// Mean over seeds of `A - B` on all images.
        public var difference: Double
        /// Per-seed differences on all images, in seed order.
        public var seedDifferences: [Double]
        /// 2.5th percentile of the replicates.
        public var lower: Double
        /// 97.5th percentile of the replicates.
        public var upper: Double
        /// Two-sided bootstrap p-value for "no difference": twice the smaller tail share, with
        /// the +1 correction so it is never 0.
        public var pValue: Double
        /// Replicates drawn.
        public var replicates: Int
        /// Distinct images resampled.
        public var imageCount: Int

        /// Creates an outcome.
        public init(difference: Double, seedDifferences: [Double], lower: Double, upper: Double, pValue: Double,
                    replicates: Int, imageCount: Int) {
            self.difference = difference
            self.seedDifferences = seedDifferences
            self.lower = lower
            self.upper = upper
            self.pValue = pValue
            self.replicates = replicates
            self.imageCount = imageCount
        }
    }

    /// Compares `a[s]` with `b[s]` for every seed s at `metric` (AP, AP50 or AP75 of its kind).
    ///
    /// - Parameters:
    ///   - a, b: per seed, the per-image matches of variant A and B (same seeds, same order).
    public func compare(_ a: [[ImageMatches]], _ b: [[ImageMatches]], metric: MetricKey) -> Outcome {
        let seedCount = min(a.count, b.count)
        let lookups = (0..<seedCount).map { s in
            (Dictionary(a[s].map { ($0.imageID, $0) }, uniquingKeysWith: { first, _ in first }),
             Dictionary(b[s].map { ($0.imageID, $0) }, uniquingKeysWith: { first, _ in first }))
        }
        let images = Array(Set(lookups.flatMap { Array($0.0.keys) + Array($0.1.keys) })).sorted()
        func difference(of draw: [Int]) -> [Double] {
            (0..<seedCount).map { s in
                let (left, right) = lookups[s]
                return value(draw.compactMap { left[$0] }, metric) - value(draw.compactMap { right[$0] }, metric)
            }
        }
        let observed = difference(of: images)
        var generator = SplitMixGenerator(seed: seed)
        var samples: [Double] = []
        samples.reserveCapacity(replicates)
        for _ in 0..<replicates {
            let draw = images.isEmpty ? [] : (0..<images.count).map { _ in images[Int(generator.next() % UInt64(images.count))] }
            samples.append(Self.mean(difference(of: draw)))
        }
        samples.sort()
        let atOrBelow = samples.filter { $0 <= 0 }.count
        let atOrAbove = samples.filter { $0 >= 0 }.count
        let pValue = min(1, 2 * Double(min(atOrBelow, atOrAbove) + 1) / Double(replicates + 1))
        return Outcome(difference: Self.mean(observed), seedDifferences: observed,
                       lower: Self.percentile(samples, 0.025), upper: Self.percentile(samples, 0.975),
                       pValue: pValue, replicates: replicates, imageCount: images.count)
    }

    /// AP, AP50 or AP75 of a set of images; an undefined AP (-1: no ground truth) counts as 0.
    private func value(_ images: [ImageMatches], _ metric: MetricKey) -> Double {
        let summary = COCOEvaluator.averagePrecision(of: images, iouType: metric.kind.iouType)
        let value = switch metric.statistic {
        case "AP50": summary.averagePrecision50
        case "AP75": summary.averagePrecision75
        default: summary.averagePrecision
        }
        return max(0, value)
    }

    private static func mean(_ values: [Double]) -> Double {
        values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
    }

    /// Linear interpolation between order statistics (numpy's default `percentile`).
    static func percentile(_ sorted: [Double], _ fraction: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let position = fraction * Double(sorted.count - 1)
        let low = Int(position.rounded(.down))
        let high = min(low + 1, sorted.count - 1)
        return sorted[low] + (sorted[high] - sorted[low]) * (position - Double(low))
    }
}
