/// Whether ops record the autograd graph in the current task (see `noGrad`).
enum GradientRecording {
    @TaskLocal static var isEnabled = true
}

/// Runs `body` without recording the autograd graph: for inference and for updates to
/// parameters, so that no backward closures (and the activations they keep) are retained.
public func noGrad<R>(_ body: () throws -> R) rethrows -> R {
    try GradientRecording.$isEnabled.withValue(false, operation: body)
}

extension Tensor {
    /// Whether gradients flow to (or through) this tensor.
    ///
    /// Setting it to `true` makes the tensor a leaf that accumulates `.grad`; setting it to
    /// `false` detaches it from the graph.
    public var requiresGrad: Bool {
        get { node != nil }
        set {
            if newValue {
                if node == nil { node = GradientNode(leafOfShape: shape) }
            } else {
                node = nil
            }
        }
    }

    /// This tensor as a new autograd leaf (a trainable value), e.g. a freshly initialised weight.
    public func requiringGradient() -> Tensor {
        var leaf = Tensor(shape: shape, scalars: storage)
        leaf.requiresGrad = true
        return leaf
    }

    /// The same values cut from the graph: no gradient flows back through the result.
    public func detached() -> Tensor {
        Tensor(shape: shape, scalars: storage)
    }

    /// The gradient accumulated on this leaf by `backward()` calls (`nil` before the first or
    /// after `clearGradient()`). Interior values do not keep gradients.
    public var grad: Tensor? {
        guard let node, node.isLeaf else { return nil }
        return node.grad
    }

    /// Forgets the accumulated gradient of this leaf (PyTorch's `zero_grad(set_to_none=True)`).
    public func clearGradient() {
        node?.grad = nil
    }

    /// Records a differentiable op on the autograd graph: the extension point for new ops.
    ///
    /// Compute the forward result without autograd, then hand it here with the op's inputs and
    /// a closure that maps the gradient of the output to one gradient per input (same shapes as
    /// the inputs; `nil` for an input that needs none). Nothing is recorded inside `noGrad` or
    /// when no input requires a gradient. For example, a RoI operator in another module:
    ///
    /// ```swift
    /// public func roiAlign(_ features: Tensor, boxes: [Box]) -> Tensor {
    ///     let pooled = roiAlignForward(features, boxes)            // plain Float kernels
    ///     return Tensor.record(output: pooled, inputs: [features]) { gradient in
    ///         [roiAlignBackward(gradient, boxes, featureShape: features.shape)]
    ///     }
    /// }
    /// ```
    ///
    /// The closure runs at most once, during `backward()`; capture what it needs (inputs,
    /// indices), not more, because captured tensors stay alive until then.
    public static func record(
        output: Tensor, inputs: [Tensor], backward: @escaping (Tensor) -> [Tensor?]
    ) -> Tensor {
        guard GradientRecording.isEnabled, inputs.contains(where: { $0.node != nil }) else {
            return output.detached()
        }
        var result = output.detached()
        result.node = GradientNode(shape: output.shape, inputs: inputs.map(\.node), backward: backward)
        return result
    }

    /// Back-propagates from this scalar loss, adding d(loss)/d(leaf) to `.grad` of every leaf
    /// it depends on. The graph behind the loss is released afterwards.
    public func backward() {
        precondition(count == 1, "backward(): the loss must have one element, not shape \(shape)")
        backward(gradient: Tensor(repeating: 1, shape: shape))
    }

    /// Back-propagates `gradient` (d(loss)/d(self), same shape as `self`) from a non-scalar
    /// output, as PyTorch's `y.backward(gradient)`; e.g. to time a layer's backward pass alone.
    public func backward(gradient: Tensor) {
        precondition(gradient.shape == shape, "backward(gradient:): gradient \(gradient.shape) for shape \(shape)")
        guard let root = node else { return }
        // Reverse topological order by an iterative depth-first search (graphs can be deep).
        var order: [GradientNode] = []
        var visited = Set<ObjectIdentifier>()
        var stack: [(GradientNode, Bool)] = [(root, false)]
        while let (vertex, expanded) = stack.popLast() {
            if expanded { order.append(vertex); continue }
            guard visited.insert(ObjectIdentifier(vertex)).inserted else { continue }
            stack.append((vertex, true))
            for case let input? in vertex.inputs where !visited.contains(ObjectIdentifier(input)) {
                stack.append((input, false))
            }
        }
        root.accumulate(gradient)
        noGrad {
            for vertex in order.reversed() where !vertex.isLeaf {
                guard let gradient = vertex.grad, let backward = vertex.backward else { continue }
                vertex.grad = nil
                vertex.backward = nil
                let inputGradients = backward(gradient)
                precondition(inputGradients.count == vertex.inputs.count,
                             "autograd: backward returned \(inputGradients.count) gradients for \(vertex.inputs.count) inputs")
                for (input, inputGradient) in zip(vertex.inputs, inputGradients) {
                    if let input, let inputGradient { input.accumulate(inputGradient) }
                }
            }
        }
    }
}
