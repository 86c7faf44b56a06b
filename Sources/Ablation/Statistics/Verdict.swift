import COCOEval

/// Whether a claim of the paper holds in a run.
///
/// The rule (README-ablate.md, "Verdicts"), on the seed-averaged paired difference
/// `better - worse` and its 95% bootstrap interval over images:
/// - reproduced: the interval lies above 0 and every seed's difference is above 0;
/// - not reproduced: the interval lies below 0 (the opposite of the paper, beyond noise);
/// - inconclusive: anything else (the interval contains 0, or seeds disagree in sign).
public enum Verdict: String, Codable, Sendable, Equatable {
    /// The paper's direction, beyond image and seed noise.
    case reproduced
    /// The opposite direction, beyond image noise.
    case notReproduced = "not reproduced"
    /// Not distinguishable from noise.
    case inconclusive

    /// The verdict for a comparison of the claim's `better` (A) against its `worse` (B).
    public init(_ outcome: PairedBootstrap.Outcome) {
        if outcome.lower > 0 && outcome.seedDifferences.allSatisfy({ $0 > 0 }) {
            self = .reproduced
        } else if outcome.upper < 0 {
            self = .notReproduced
        } else {
            self = .inconclusive
        }
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
        verdict = Verdict(outcome)
    }
}

