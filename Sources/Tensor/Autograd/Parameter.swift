/// A trainable tensor with identity, as layers hold their weights (PyTorch's `nn.Parameter`).
///
/// Layers keep `Parameter` references and read `value` in their forward pass; the optimiser
/// updates `value` in place through the same references, so the model sees the new weights.
public final class Parameter: @unchecked Sendable {
    // Sendable: a parameter is read and updated by the one thread that trains the model.

    /// A short name used in checkpoints and error messages, e.g. `"backbone.conv1.weight"`.
    public let name: String
    /// The current value; an autograd leaf, so ops on it record the graph.
    public var value: Tensor {
        didSet { if !value.requiresGrad { value.requiresGrad = true } }
    }

    /// Creates a parameter named `name` holding `value` (made an autograd leaf).
    public init(_ name: String, _ value: Tensor) {
        self.name = name
        self.value = value.requiringGradient()
    }

    /// The gradient accumulated by `backward()`, or `nil`.
    public var grad: Tensor? { value.grad }

    /// Forgets the accumulated gradient.
    public func clearGradient() { value.clearGradient() }
}
