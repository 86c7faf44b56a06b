/// One vertex of the define-by-run autograd graph.
///
/// A leaf (a parameter) accumulates `grad` across `backward()` calls until it is cleared; an
/// interior node holds the op's backward closure and its inputs' nodes, and is released (closure
/// dropped) once `backward()` has passed through it, as PyTorch does without `retain_graph`.
final class GradientNode {
    /// The shape of the value this node stands for; incoming gradients must match it.
    let shape: [Int]
    /// The nodes of the op's inputs; `nil` for inputs that need no gradient.
    let inputs: [GradientNode?]
    /// Maps the output gradient to one gradient per input (`nil` where not needed).
    var backward: ((Tensor) -> [Tensor?])?
    /// Leaves: the accumulated gradient. Interior nodes: the gradient gathered during one pass.
    var grad: Tensor?
    /// Whether this node is a leaf (a tensor created with `requiringGradient()`).
    let isLeaf: Bool

    init(leafOfShape shape: [Int]) {
        self.shape = shape
        self.inputs = []
        self.backward = nil
        self.isLeaf = true
    }

    init(shape: [Int], inputs: [GradientNode?], backward: @escaping (Tensor) -> [Tensor?]) {
        self.shape = shape
        self.inputs = inputs
        self.backward = backward
        self.isLeaf = false
    }

    /// Adds `gradient` to `grad` (the sum rule for a value used more than once).
    func accumulate(_ gradient: Tensor) {
        precondition(gradient.shape == shape,
                     "autograd: gradient of shape \(gradient.shape) for a value of shape \(shape)")
        if let existing = grad {
            grad = existing.adding(gradient)
        } else {
            grad = Tensor(shape: gradient.shape, scalars: gradient.storage)
        }
    }
}
