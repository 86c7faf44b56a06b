import Foundation
import Testing
import TestSupport
@testable import Tensor

/// The PyTorch fixture file, read once.
let torchParity: [String: Tensor] = {
    do { return try SafeTensors.read(from: Fixtures.url("tensor/torch_parity.safetensors")) } catch {
        fatalError("cannot read tensor/torch_parity.safetensors: \(error)")
    }
}()

/// The fixture tensor `name`; fails loudly when missing.
func fixture(_ name: String) -> Tensor {
    guard let tensor = torchParity[name] else { fatalError("fixture tensor \(name) missing") }
    return tensor
}

/// The largest |a - b| / (absoluteTolerance + relativeTolerance |b|); at most 1 means close.
func closeness(_ a: Tensor, _ b: Tensor, absolute: Float = 1e-5, relative: Float = 1e-4) -> Float {
    precondition(a.shape == b.shape, "closeness: shapes \(a.shape) and \(b.shape)")
    var worst: Float = 0
    for (x, y) in zip(a.scalars, b.scalars) {
        worst = max(worst, abs(x - y) / (absolute + relative * abs(y)))
    }
    return worst
}

/// Checks `op` against the PyTorch case `name`: output and the gradients of sum(y * gy) with
/// respect to each input named in `inputs` (fixture keys `name.k`, `name.gk`).
func expectTorchParity(_ name: String, inputs: [String], gradients: [String]? = nil,
                       absolute: Float = 1e-5, relative: Float = 1e-4,
                       sourceLocation: SourceLocation = #_sourceLocation,
                       _ op: ([Tensor]) -> Tensor) {
    let leaves = inputs.map { key in
        (gradients ?? inputs).contains(key) ? fixture("\(name).\(key)").requiringGradient() : fixture("\(name).\(key)")
    }
    let output = op(leaves)
    #expect(closeness(output, fixture("\(name).y"), absolute: absolute, relative: relative) <= 1,
            "\(name): output differs from PyTorch", sourceLocation: sourceLocation)
    let upstream = fixture("\(name).gy")
    let loss = output.rank == 0 ? output * upstream.scalar : (output * upstream).sum()
    loss.backward()
    for (key, leaf) in zip(inputs, leaves) where (gradients ?? inputs).contains(key) {
        guard let gradient = leaf.grad else {
            Issue.record("\(name): no gradient for \(key)", sourceLocation: sourceLocation)
            continue
        }
        #expect(closeness(gradient, fixture("\(name).g\(key)"), absolute: absolute, relative: relative) <= 1,
                "\(name): gradient of \(key) differs from PyTorch", sourceLocation: sourceLocation)
    }
}
