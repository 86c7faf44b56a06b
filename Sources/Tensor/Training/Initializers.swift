/// Weight initialisers (detectron2's choices), drawing from a `SeededGenerator`.
extension Tensor {
    /// Normal samples with mean 0 and standard deviation `standardDeviation`, e.g. 0.01 for the
    /// RPN and box-classifier heads, 0.001 for box regression.
    public static func randomNormal(shape: [Int], standardDeviation: Float, generator: inout SeededGenerator) -> Tensor {
        Tensor.filled(shape: shape) { values in
            for i in 0..<values.count { values[i] = generator.nextNormal() * standardDeviation }
        }
    }

    /// MSRA/He normal with fan-out (`kaiming_normal_(mode="fan_out", nonlinearity="relu")`):
    /// std = sqrt(2 / fanOut), fanOut = shape[0] * product of the kernel extents
    /// (OIHW conv weights or `[out, in]` linear weights).
    public static func heNormal(shape: [Int], generator: inout SeededGenerator) -> Tensor {
        precondition(shape.count >= 2, "heNormal: needs at least [out, in], got \(shape)")
        let fanOut = shape[0] * shape.dropFirst(2).reduce(1, *)
        return randomNormal(shape: shape, standardDeviation: (2 / Float(fanOut)).squareRoot(), generator: &generator)
    }
}
