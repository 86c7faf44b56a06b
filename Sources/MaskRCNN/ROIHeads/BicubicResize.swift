/// Bicubic resizing of one channel, PyTorch's `F.interpolate(mode="bicubic",
/// align_corners=False)`: cubic convolution with A = -0.75, source index
/// `(i + 0.5) in / out - 0.5`, border pixels replicated.
enum BicubicResize {
    /// `values` (`height x width`, row-major) resized to `outputHeight x outputWidth`.
    static func resize(_ values: [Float], height: Int, width: Int, toHeight outputHeight: Int, width outputWidth: Int) -> [Float] {
        let rows = taps(input: height, output: outputHeight)
        let columns = taps(input: width, output: outputWidth)
        var result = [Float](repeating: 0, count: outputHeight * outputWidth)
        for (oy, row) in rows.enumerated() {
            for (ox, column) in columns.enumerated() {
                var sum: Float = 0
                for k in 0..<4 {
                    let base = row.indices[k] * width
                    var line: Float = 0
                    for j in 0..<4 { line += values[base + column.indices[j]] * column.weights[j] }
                    sum += line * row.weights[k]
                }
                result[oy * outputWidth + ox] = sum
            }
        }
        return result
    }

    /// The four source indices (clamped to the border) and weights of each output index.
    private static func taps(input: Int, output: Int) -> [(indices: [Int], weights: [Float])] {
        let scale = Float(input) / Float(output)
        return (0..<output).map { i in
            let source = scale * (Float(i) + 0.5) - 0.5
            let index = min(Int(source.rounded(.down)), input - 1)
            let t = min(max(source - Float(index), 0), 1)
            let indices = (0..<4).map { min(max(index - 1 + $0, 0), input - 1) }
            return (indices, coefficients(t))
        }
    }

    /// Cubic-convolution weights of the four taps at fractional offset `t` (Keys, A = -0.75).
    private static func coefficients(_ t: Float) -> [Float] {
        let a: Float = -0.75
        func near(_ x: Float) -> Float { ((a + 2) * x - (a + 3)) * x * x + 1 }
        func far(_ x: Float) -> Float { ((a * x - 5 * a) * x + 8 * a) * x - 4 * a }
        let mirrored = 1 - t
        return [far(t + 1), near(t), near(mirrored), far(mirrored + 1)]
    }
}
