/// Stochastic gradient descent with momentum and weight decay, as `torch.optim.SGD`
/// (dampening 0, not Nesterov): `v = mu v + (g + wd p)`, `p -= lr v`, with `v = g + wd p` on
/// a parameter's first step.
public final class SGD {
    /// The parameters updated by `step`, in a fixed order.
    public let parameters: [Parameter]
    /// The momentum coefficient `mu` (0 disables momentum).
    public var momentum: Float
    /// The L2 weight-decay coefficient added to each gradient.
    public var weightDecay: Float
    private var velocities: [Tensor?]

    /// Creates an optimiser for `parameters`.
    public init(parameters: [Parameter], momentum: Float = 0.9, weightDecay: Float = 0) {
        self.parameters = parameters
        self.momentum = momentum
        self.weightDecay = weightDecay
        self.velocities = Array(repeating: nil, count: parameters.count)
    }

    /// Applies one update with learning rate `learningRate` to every parameter that has a
    /// gradient; parameters without one (unused this step) are left alone, as PyTorch does.
    public func step(learningRate: Float) {
        for (index, parameter) in parameters.enumerated() {
            guard let gradient = parameter.grad else { continue }
            var direction = parameter.value.withUnsafeBufferPointer { p in
                gradient.withUnsafeBufferPointer { g in
                    Tensor.filled(shape: gradient.shape) { d in
                        for i in 0..<d.count { d[i] = g[i] + weightDecay * p[i] }
                    }
                }
            }
            if momentum != 0 {
                if var velocity = velocities[index] {
                    velocities[index] = nil   // leaves `velocity` uniquely owned: updated in place
                    direction.withUnsafeBufferPointer { d in
                        velocity.withUnsafeMutableBufferPointer { v in
                            for i in 0..<v.count { v[i] = momentum * v[i] + d[i] }
                        }
                    }
                    direction = velocity
                }
                velocities[index] = direction
            }
            direction.withUnsafeBufferPointer { d in
                parameter.value.withUnsafeMutableBufferPointer { p in
                    for i in 0..<p.count { p[i] -= learningRate * d[i] }
                }
            }
        }
    }

    /// The momentum buffer of each parameter, in `parameters` order (`nil` before its first
    /// step): saved in checkpoints and set on resume, so a resumed run continues bit-identically.
    public var momentumBuffers: [Tensor?] {
        get { velocities }
        set {
            precondition(newValue.count == parameters.count, "SGD: \(newValue.count) momentum buffers for \(parameters.count) parameters")
            for (buffer, parameter) in zip(newValue, parameters) {
                precondition(buffer == nil || buffer!.shape == parameter.value.shape, "SGD: momentum buffer shape for \(parameter.name)")
            }
            velocities = newValue.map { $0?.detached() }
        }
    }

    /// Clears every parameter's gradient, before the next forward/backward pass.
    public func clearGradients() {
        for parameter in parameters { parameter.clearGradient() }
    }
}
