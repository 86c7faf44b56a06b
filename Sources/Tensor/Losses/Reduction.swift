/// How a loss combines its per-element terms.
public enum LossReduction: Sendable {
    /// The mean over the counted elements (PyTorch's default).
    case mean
    /// The plain sum, for callers that normalise by their own count (detectron2's box loss).
    case sum
}
