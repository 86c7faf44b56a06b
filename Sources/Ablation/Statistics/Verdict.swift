import COCOEval

/// Whether a claim of the paper holds in a run.
///
/// The rule (docs/ablate.md, "Verdicts"), on the seed-averaged paired difference
/// `better - worse` and its 95% bootstrap interval over images:
/// - reproduced: the interval lies above 0 and every seed's difference is above 0;
/// - not reproduced: the interval lies below 0 (the opposite of the paper, beyond noise);
/// - inconclusive: anything else (the interval contains 0, or seeds disagree in sign);
/// - uninformative: neither variant reaches `learningFloor` at this preset (e.g. a head that did
///   not learn), so their difference, whatever its sign, says nothing about the claim.
public enum Verdict: String, Codable, Sendable, Equatable {
    /// The paper's direction, beyond image and seed noise.
    case reproduced
    /// The opposite direction, beyond image noise.
    case notReproduced = "not reproduced"
    /// Not distinguishable from noise.
    case inconclusive
    /// Neither variant learned enough for the comparison to mean anything.
    case uninformative

    /// The seed-mean metric (a fraction: 0.01 = 1 AP point) that at least one of the two
    /// variants must reach for a verdict other than uninformative.
    public static let learningFloor = 0.01

    /// The verdict for a comparison of the claim's `better` (A) against its `worse` (B), whose
    /// seed-mean metrics are `means` (fractions, as pycocotools reports them).
    public init(_ outcome: PairedBootstrap.Outcome, means: (better: Double, worse: Double)) {
        if max(means.better, means.worse) < Verdict.learningFloor {
            self = .uninformative
        } else if outcome.lower > 0 && outcome.seedDifferences.allSatisfy({ $0 > 0 }) {
            self = .reproduced
        } else if outcome.upper < 0 {
            self = .notReproduced
        } else {
            self = .inconclusive
        }
    }
}

extension Verdict {
    /// Which half of the rule an inconclusive `outcome` failed, for reports: a reader seeing a
    /// positive interval next to "inconclusive" needs to know a seed disagreed.
    public static func whyInconclusive(_ outcome: PairedBootstrap.Outcome) -> String {
        outcome.lower > 0 ? "a seed's difference is not above 0" : "the interval contains 0"
    }
}

/// A claim with its measured outcome and verdict.
public struct ClaimAssessment: Sendable, Equatable {
    /// The claim.
    public var claim: Claim
    /// The paired bootstrap of `better - worse`.
    public var outcome: PairedBootstrap.Outcome
    /// The verdict.
    public var verdict: Verdict

    /// Assesses `claim` on `results`; nil when a variant or its per-image matches are missing.
    public init?(_ claim: Claim, in results: AblationResults, bootstrap: PairedBootstrap) {
        guard let better = results.variant(named: claim.better), let worse = results.variant(named: claim.worse) else { return nil }
        let pairs = better.pairedMatches(with: worse, kind: claim.metric.kind)
        guard !pairs.a.isEmpty else { return nil }
        self.claim = claim
        outcome = bootstrap.compare(pairs.a, pairs.b, metric: claim.metric)
        let means = (better: SeedStatistics(better.values(of: claim.metric)).mean,
                     worse: SeedStatistics(worse.values(of: claim.metric)).mean)
        verdict = Verdict(outcome, means: means)
    }
}

