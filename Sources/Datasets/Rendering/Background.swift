import Foundation

/// A textured background: a two-colour gradient modulated by two octaves of value noise, in
/// linear float RGB (`height * width * 3`, interleaved, 0...255).
///
/// Texture makes objectness non-trivial (a flat background lets a detector threshold colour).
enum Background {
    static func textured(width: Int, height: Int, random: inout SplitMixGenerator) -> [Float] {
        let first = randomColor(&random, range: 40...215)
        let second = randomColor(&random, range: 40...215)
        let angle = random.uniform(0...(2 * Double.pi))
        let coarse = ValueNoise(cell: Double(max(width, height)) / 4, width: width, height: height, random: &random)
        let fine = ValueNoise(cell: Double(max(width, height)) / 24, width: width, height: height, random: &random)
        let (dx, dy) = (cos(angle), sin(angle))
        let extent = abs(dx) * Double(width) + abs(dy) * Double(height)
        var pixels = [Float](repeating: 0, count: width * height * 3)
        for y in 0..<height {
            for x in 0..<width {
                let along = ((Double(x) - Double(width) / 2) * dx + (Double(y) - Double(height) / 2) * dy) / extent + 0.5
                let t = min(1, max(0, along))
                let shade = 0.75 + 0.35 * coarse.value(x: x, y: y) + 0.2 * fine.value(x: x, y: y)
                let base = (y * width + x) * 3
                for channel in 0..<3 {
                    let mixed = first[channel] * (1 - t) + second[channel] * t
                    pixels[base + channel] = Float(min(255, max(0, mixed * shade)))
                }
            }
        }
        return pixels
    }

    static func randomColor(_ random: inout SplitMixGenerator, range: ClosedRange<Double>) -> [Double] {
        (0..<3).map { _ in random.uniform(range) }
    }
}

/// Smooth noise in roughly `[-0.5, 0.5]`: random values on a grid of `cell`-pixel squares,
/// bilinearly interpolated.
struct ValueNoise {
    private let cell: Double
    private let columns: Int
    private let grid: [Double]

    init(cell: Double, width: Int, height: Int, random: inout SplitMixGenerator) {
        self.cell = max(cell, 1)
        columns = Int(Double(width) / self.cell) + 2
        let rows = Int(Double(height) / self.cell) + 2
        grid = (0..<(columns * rows)).map { _ in random.unit() - 0.5 }
    }

    func value(x: Int, y: Int) -> Double {
        let u = Double(x) / cell
        let v = Double(y) / cell
        let column = Int(u)
        let row = Int(v)
        let fu = u - Double(column)
        let fv = v - Double(row)
        let top = grid[row * columns + column] * (1 - fu) + grid[row * columns + column + 1] * fu
        let bottom = grid[(row + 1) * columns + column] * (1 - fu) + grid[(row + 1) * columns + column + 1] * fu
        return top * (1 - fv) + bottom * fv
    }
}
