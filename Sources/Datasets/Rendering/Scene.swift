/// A stack of flat-coloured, anti-aliased layers over a background, composited with "over".
///
/// Each layer's *visible* alpha is `coverage * product of (1 - coverage)` of the layers above it,
/// so a mask thresholded from it is exactly the part of the object the rendered pixels show.
struct Scene {
    /// One shape (or union of shapes) in one colour.
    struct Layer {
        var coverage: Coverage
        var color: RGB
    }

    let width: Int
    let height: Int
    var background: [Float]
    var layers: [Layer] = []

    /// The visible alpha of every layer (over its coverage window), top layer first computed.
    func visibleAlphas() -> [[Float]] {
        var transmittance = [Float](repeating: 1, count: width * height)
        var alphas = [[Float]](repeating: [], count: layers.count)
        for index in layers.indices.reversed() {
            let coverage = layers[index].coverage
            var alpha = [Float](repeating: 0, count: coverage.values.count)
            for row in 0..<coverage.height {
                for column in 0..<coverage.width {
                    let local = row * coverage.width + column
                    let global = (coverage.originY + row) * width + coverage.originX + column
                    let value = coverage.values[local]
                    alpha[local] = value * transmittance[global]
                    transmittance[global] *= 1 - value
                }
            }
            alphas[index] = alpha
        }
        return alphas
    }

    /// The mask of pixels where layer `index` is at least half visible.
    func visibleMask(of index: Int, alphas: [[Float]]) -> BinaryMask {
        var mask = BinaryMask(width: width, height: height)
        let coverage = layers[index].coverage
        for row in 0..<coverage.height {
            for column in 0..<coverage.width where alphas[index][row * coverage.width + column] >= 0.5 {
                mask.pixels[(coverage.originY + row) * width + coverage.originX + column] = 1
            }
        }
        return mask
    }

    /// The mask of pixels the layer would cover at least half with nothing above it.
    func fullMask(of index: Int) -> BinaryMask {
        var mask = BinaryMask(width: width, height: height)
        let coverage = layers[index].coverage
        for row in 0..<coverage.height {
            for column in 0..<coverage.width where coverage.values[row * coverage.width + column] >= 0.5 {
                mask.pixels[(coverage.originY + row) * width + coverage.originX + column] = 1
            }
        }
        return mask
    }

    /// Composites the layers and adds uniform sensor noise of up to `noise` levels per channel.
    func render(alphas: [[Float]], noise: Double, random: inout SplitMixGenerator) -> Image {
        var accumulated = [Float](repeating: 0, count: width * height * 3)
        var transmittance = [Float](repeating: 1, count: width * height)
        for (index, layer) in layers.enumerated() {
            let coverage = layer.coverage
            let color = [Float(layer.color.red), Float(layer.color.green), Float(layer.color.blue)]
            for row in 0..<coverage.height {
                for column in 0..<coverage.width {
                    let alpha = alphas[index][row * coverage.width + column]
                    guard alpha > 0 else { continue }
                    let global = (coverage.originY + row) * width + coverage.originX + column
                    for channel in 0..<3 { accumulated[global * 3 + channel] += alpha * color[channel] }
                    transmittance[global] -= alpha
                }
            }
        }
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        for pixel in 0..<(width * height) {
            let remaining = max(0, transmittance[pixel])
            for channel in 0..<3 {
                let index = pixel * 3 + channel
                let jitter = noise > 0 ? Float(random.uniform(-noise...noise)) : 0
                let value = accumulated[index] + remaining * background[index] + jitter
                pixels[index] = UInt8(min(255, max(0, value.rounded())))
            }
        }
        return Image(uncheckedWidth: width, height: height, pixels: pixels)
    }
}
