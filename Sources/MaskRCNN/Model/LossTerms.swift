import Tensor

/// The named scalar losses of one training step, in a fixed order (RPN objectness and boxes,
/// classification, box regression, then mask and keypoint when those branches are on).
public struct LossTerms: Sendable {
    /// `(name, scalar loss)` pairs; names follow detectron2 (`loss_rpn_cls`, `loss_mask`, ...).
    public var terms: [(name: String, value: Tensor)]

    /// The sum of every term: what `backward()` runs on.
    public var total: Tensor {
        terms.dropFirst().reduce(terms[0].value) { $0 + $1.value }
    }

    /// Each term's value, for logs.
    public var values: [(name: String, value: Float)] { terms.map { ($0.name, $0.value.scalar) } }
}
