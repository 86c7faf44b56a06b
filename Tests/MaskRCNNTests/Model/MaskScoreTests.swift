import Foundation
@testable import MaskRCNN
import Tensor
import Testing

/// The per-pixel value pasted and thresholded at 0.5 for predicted masks.
struct MaskScoreTests {
    /// Sigmoid heads score a pixel by its own channel alone.
    @Test func sigmoidScoreIsTheChannelsSigmoid() {
        let logits: [Float] = [2.0, -1.5, 0.25]
        for channel in 0..<3 {
            let score = MaskRCNNModel.maskScore(logits, first: 0, channel: channel, channels: 3, stride: 1, softmax: false)
            #expect(abs(score - 1 / (1 + Foundation.exp(-logits[channel]))) < 1e-6)
        }
    }

    /// A class that wins the per-pixel softmax with only 30% of the probability (two look-alike
    /// classes close behind) is in its mask; thresholding the probability would drop it.
    @Test func softmaxPixelBelongsToTheArgmaxChannel() {
        let logits: [Float] = [0.0, 1.0, 0.9, 0.8]  // background, then three classes
        let probability = Foundation.exp(1.0) / logits.map { Foundation.exp($0) }.reduce(0, +)
        #expect(probability < 0.5)
        let winner = MaskRCNNModel.maskScore(logits, first: 0, channel: 1, channels: 4, stride: 1, softmax: true)
        let runnerUp = MaskRCNNModel.maskScore(logits, first: 0, channel: 2, channels: 4, stride: 1, softmax: true)
        #expect(winner > 0.5)
        #expect(runnerUp < 0.5)
    }

    /// Over random strided logits, the score exceeds 0.5 exactly for the argmax channel.
    @Test func softmaxScoreCrossesOneHalfOnlyAtTheArgmax() {
        var generator = SeededGenerator(state: 5)
        let channels = 7, plane = 9
        let logits = (0..<(channels * plane)).map { _ in Float.random(in: -4...4, using: &generator) }
        for pixel in 0..<plane {
            let column = (0..<channels).map { logits[pixel + $0 * plane] }
            let argmax = column.indices.max { column[$0] < column[$1] }!
            for channel in 0..<channels {
                let score = MaskRCNNModel.maskScore(logits, first: pixel, channel: channel, channels: channels,
                                                    stride: plane, softmax: true)
                #expect((score > 0.5) == (channel == argmax), "pixel \(pixel) channel \(channel)")
            }
        }
    }
}
