/// `torch.nn.utils.clip_grad_norm_`: when the global L2 norm of all gradients exceeds
/// `maximumNorm`, scale every gradient by `maximumNorm / (norm + 1e-6)`.
///
/// - Returns: the norm before clipping (for logging; non-finite means the step should be skipped).
@discardableResult
public func clipGradientNorm(_ parameters: [Parameter], maximumNorm: Float) -> Float {
    var squares = 0.0
    for parameter in parameters {
        parameter.grad?.withUnsafeBufferPointer { g in
            for v in g { squares += Double(v) * Double(v) }
        }
    }
    let norm = Float(squares.squareRoot())
    let coefficient = maximumNorm / (norm + 1e-6)
    guard coefficient < 1 else { return norm }
    for parameter in parameters {
        guard let gradient = parameter.grad else { continue }
        parameter.value.node?.grad = gradient.mapped { $0 * coefficient }
    }
    return norm
}
