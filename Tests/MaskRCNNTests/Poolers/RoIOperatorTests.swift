import Foundation
import Testing
import COCO
@testable import MaskRCNN

// Hand-computed cases, gradient checks for the operators torchvision lacks (max-mode RoIAlign,
// RoIWarp), the shift property behind Table 2c, and input validation.

/// A box whose corners round differently from where they lie: (1.3, 2.6, 5.2, 6.4) at scale 1
/// quantises to (1, 3, 5, 6).
private let oddBox = RoI(imageIndex: 0, x1: 1.3, y1: 2.6, x2: 5.2, y2: 6.4)

@Test func roiWarpAverageSamplesTheQuantisedBox() throws {
    // Quantised box x 1...5, y 3...6; 2x2 bins of 2 x 1.5 cells; samples x {1.5, 2.5 | 3.5, 4.5},
    // y {3.375, 4.125 | 4.875, 5.625}. The ramp is linear, so each average is the ramp at the
    // mean sample: (3.75, 2) -> 39.5, (3.75, 4) -> 41.5, (5.25, 2) -> 54.5, (5.25, 4) -> 56.5.
    let op = try RoIOperator(kind: .roiWarp, aggregation: .average, outputHeight: 2, outputWidth: 2, samplingRatio: 2)
    let pooled = try op(rampFeatures(height: 8, width: 8), rois: [oddBox], spatialScale: 1)
    #expect(pooled.output.values == [39.5, 41.5, 54.5, 56.5])
}

@Test func roiWarpMaxTakesTheLargestSampleAndRoutesItsGradient() throws {
    // Largest sample of each bin is its bottom-right one: (4.125, 2.5) -> 43.75, (4.125, 4.5) ->
    // 45.75, (5.625, 2.5) -> 58.75, (5.625, 4.5) -> 60.75.
    let op = try RoIOperator(kind: .roiWarp, aggregation: .max, outputHeight: 2, outputWidth: 2, samplingRatio: 2)
    let pooled = try op(rampFeatures(height: 8, width: 8), rois: [oddBox], spatialScale: 1)
    #expect(pooled.output.values == [43.75, 45.75, 58.75, 60.75])
    // A unit gradient on bin (0, 0) reaches the four corners of (y 4.125, x 2.5) only:
    // (4,2) and (4,3) get 0.875 * 0.5, (5,2) and (5,3) get 0.125 * 0.5.
    let gradient = try pooled.inputGradient(outputGradient: [1, 0, 0, 0])
    var expected = [Float](repeating: 0, count: 64)
    expected[4 * 8 + 2] = 0.4375
    expected[4 * 8 + 3] = 0.4375
    expected[5 * 8 + 2] = 0.0625
    expected[5 * 8 + 3] = 0.0625
    #expect(gradient.values == expected)
}

@Test func roiAlignUsesTheUnquantisedBox() throws {
    // Legacy RoIAlign on the same box: x 1.3...5.2 (bins 1.95 wide), y 2.6...6.4 (1.9 high).
    // Bin (0,0) mean sample: x 1.3 + 0.975 = 2.275, y 2.6 + 0.95 = 3.55 -> 37.775.
    let op = try RoIOperator(kind: .roiAlign, aggregation: .average, outputHeight: 2, outputWidth: 2, samplingRatio: 2)
    let pooled = try op(rampFeatures(height: 8, width: 8), rois: [oddBox], spatialScale: 1)
    #expect(abs(pooled.output.values[0] - 37.775) < 1e-4)
    // Max mode: the bin's largest sample is its bottom-right one, y 2.6 + 1.5 · 0.95 = 4.025,
    // x 1.3 + 1.5 · 0.975 = 2.7625 -> 43.0125.
    let maxOp = try RoIOperator(kind: .roiAlign, aggregation: .max, outputHeight: 2, outputWidth: 2, samplingRatio: 2)
    let maxPooled = try maxOp(rampFeatures(height: 8, width: 8), rois: [oddBox], spatialScale: 1)
    #expect(abs(maxPooled.output.values[0] - 43.0125) < 1e-4)
}

@Test func roiPoolTakesCellMaximaAndZeroesEmptyBins() throws {
    // Box (1.3, 2.6, 5.2, 6.4) -> cells x 1...5, y 3...6 inclusive: 5 x 4 cells, 2x2 bins cut at
    // floor/ceil of 2.5 and 2: x [1,4) [3,6), y [3,5) [5,7). Maxima on the ramp: bottom-right cells.
    let op = try RoIOperator(kind: .roiPool, outputHeight: 2, outputWidth: 2)
    let outside = RoI(imageIndex: 0, x1: 20, y1: 20, x2: 30, y2: 30)
    let pooled = try op(rampFeatures(height: 8, width: 8), rois: [oddBox, outside], spatialScale: 1)
    #expect(pooled.output.values == [43, 45, 63, 65, 0, 0, 0, 0])
    let gradient = try pooled.inputGradient(outputGradient: [1, 2, 3, 4, 5, 5, 5, 5])
    #expect(gradient.values[4 * 8 + 3] == 1 && gradient.values[4 * 8 + 5] == 2)
    #expect(gradient.values[6 * 8 + 3] == 3 && gradient.values[6 * 8 + 5] == 4)
    #expect(gradient.values.reduce(0, +) == 10)  // empty bins pass nothing back
}

@Test(arguments: [
    (RoIOperator.Kind.roiAlign, RoIOperator.Aggregation.max, false, 2),
    (.roiAlign, .max, true, 0),
    (.roiWarp, .max, false, 2),
    (.roiWarp, .average, false, 2),
    (.roiWarp, .average, false, 0),
    (.roiPool, .max, false, 0),
])
func gradientMatchesCentralDifferences(kind: RoIOperator.Kind, aggregation: RoIOperator.Aggregation,
                                       aligned: Bool, samplingRatio: Int) throws {
    let op = try RoIOperator(kind: kind, aggregation: aggregation, outputHeight: 3, outputWidth: 3,
                             samplingRatio: samplingRatio, aligned: aligned)
    let features = try randomFeatures(batch: 2, channels: 2, height: 6, width: 7)
    let rois = [RoI(imageIndex: 0, x1: 1.7, y1: 0.4, x2: 9.9, y2: 8.6),    // inside
                RoI(imageIndex: 1, x1: -3.2, y1: 5.1, x2: 6.3, y2: 14.8),  // partly outside
                RoI(imageIndex: 1, x1: 4.4, y1: 2.2, x2: 5.1, y2: 2.9),    // smaller than a bin
                RoI(imageIndex: 0, x1: 6.0, y1: 1.0, x2: 6.0, y2: 7.0)]    // zero width
    let check = try GradientCheck(op, features: features, rois: rois, spatialScale: 0.5)
    #expect(check.compared >= features.values.count * 3 / 4)
    #expect(check.worst < 2e-3)
}

@Test func shiftingByAFractionOfTheStrideMovesOnlyRoIAlign() throws {
    // Stride 16: corners at cells (2.0625, 3.0625, 8.0625, 7.0625) and, shifted by 4 px (a quarter
    // stride), (2.3125, 3.3125, 8.3125, 7.3125): both round to (2, 3, 8, 7).
    let features = try randomFeatures(batch: 1, channels: 4, height: 16, width: 16)
    let box = RoI(imageIndex: 0, x1: 33, y1: 49, x2: 129, y2: 113)
    let shifted = RoI(imageIndex: 0, x1: 37, y1: 53, x2: 133, y2: 117)
    func outputs(_ kind: RoIOperator.Kind, _ aggregation: RoIOperator.Aggregation) throws -> ([Float], [Float]) {
        let op = try RoIOperator(kind: kind, aggregation: aggregation, outputHeight: 7, outputWidth: 7, samplingRatio: 2)
        return (try op(features, rois: [box], spatialScale: 1.0 / 16).output.values,
                try op(features, rois: [shifted], spatialScale: 1.0 / 16).output.values)
    }
    let align = try outputs(.roiAlign, .average), alignMax = try outputs(.roiAlign, .max)
    #expect(align.0 != align.1)
    #expect(alignMax.0 != alignMax.1)
    for (kind, aggregation) in [(RoIOperator.Kind.roiPool, RoIOperator.Aggregation.max), (.roiWarp, .max), (.roiWarp, .average)] {
        let (before, after) = try outputs(kind, aggregation)
        #expect(before == after, "\(kind) \(aggregation)")
    }
}

@Test func badRoIsAndConfigsThrowNamedErrors() throws {
    let features = try randomFeatures(batch: 1, channels: 1, height: 4, width: 4)
    let op = try RoIOperator(kind: .roiAlign, outputHeight: 2, outputWidth: 2)
    #expect(throws: InputError(record: 1, field: "batch_index", message: "image 3 outside a batch of 1")) {
        _ = try op(features, rois: [oddBox, RoI(imageIndex: 3, x1: 0, y1: 0, x2: 1, y2: 1)], spatialScale: 1)
    }
    let nan = RoI(imageIndex: 0, x1: 0, y1: .nan, x2: 1, y2: 1)
    let error = #expect(throws: InputError.self) { _ = try op(features, rois: [nan], spatialScale: 1) }
    #expect(error?.record == 0 && error?.field == "y1")
    #expect(throws: InputError.self) { _ = try op(features, rois: [oddBox], spatialScale: .infinity) }
    #expect(throws: InputError.self) { _ = try RoIOperator(kind: .roiPool, aggregation: .average, outputHeight: 7, outputWidth: 7) }
    #expect(throws: InputError.self) { _ = try RoIOperator(kind: .roiWarp, outputHeight: 7, outputWidth: 7, aligned: true) }
    #expect(throws: InputError.self) { _ = try RoIOperator(kind: .roiAlign, outputHeight: 0, outputWidth: 7) }
    #expect(throws: InputError.self) { _ = try RoIOperator(kind: .roiAlign, outputHeight: 7, outputWidth: 7, samplingRatio: -1) }
    #expect(throws: InputError.self) { _ = try FeatureMap(batch: 1, channels: 1, height: 2, width: 2, values: [1, 2, 3]) }
    #expect(throws: InputError.self) { _ = try RoI.fromRows([0.5, 0, 0, 1, 1]) }
    let empty = try FeatureMap(batch: 1, channels: 2, height: 0, width: 5, values: [])
    #expect(throws: InputError.self) { _ = try op(empty, rois: [oddBox], spatialScale: 1) }
    let pooled = try op(features, rois: [oddBox], spatialScale: 1)
    #expect(throws: InputError.self) { _ = try pooled.inputGradient(outputGradient: [1]) }
}

@Test(arguments: [(RoIOperator.Kind.roiPool, RoIOperator.Aggregation.max), (.roiAlign, .max), (.roiAlign, .average), (.roiWarp, .max)])
func manyChannelsPoolLikeOneChannelAtATime(kind: RoIOperator.Kind, aggregation: RoIOperator.Aggregation) throws {
    // 37 channels: two 16-channel register blocks plus a 5-channel scalar tail, against 37 runs
    // of the 1-channel (scalar) path; forward and backward must agree exactly.
    let (channels, height, width) = (37, 9, 11)
    let features = try randomFeatures(batch: 2, channels: channels, height: height, width: width, seed: 11)
    let rois = [RoI(imageIndex: 1, x1: 1.2, y1: -2.5, x2: 17.9, y2: 12.4), RoI(imageIndex: 0, x1: 6.6, y1: 4.1, x2: 8.3, y2: 5.0)]
    let op = try RoIOperator(kind: kind, aggregation: aggregation, outputHeight: 3, outputWidth: 4, samplingRatio: 0)
    let pooled = try op(features, rois: rois, spatialScale: 0.5)
    let outputGradient = (0 ..< pooled.output.values.count).map { Float($0 % 13) - 6 }
    let gradient = try pooled.inputGradient(outputGradient: outputGradient)
    let plane = height * width, bins = 12
    for c in 0 ..< channels {
        var values: [Float] = [], slice: [Float] = []
        for n in 0 ..< 2 { values += features.values[(n * channels + c) * plane ..< (n * channels + c + 1) * plane] }
        for r in 0 ..< rois.count { slice += outputGradient[(r * channels + c) * bins ..< (r * channels + c + 1) * bins] }
        let single = try op(FeatureMap(batch: 2, channels: 1, height: height, width: width, values: values), rois: rois, spatialScale: 0.5)
        for r in 0 ..< rois.count {
            #expect(Array(pooled.output.values[(r * channels + c) * bins ..< (r * channels + c + 1) * bins])
                    == Array(single.output.values[r * bins ..< (r + 1) * bins]), "channel \(c) roi \(r)")
        }
        let singleGradient = try single.inputGradient(outputGradient: slice)
        for n in 0 ..< 2 {
            #expect(Array(gradient.values[(n * channels + c) * plane ..< (n * channels + c + 1) * plane])
                    == Array(singleGradient.values[n * plane ..< (n + 1) * plane]), "channel \(c) image \(n)")
        }
    }
}

@Test func configDecodesWithDefaultsAndValidates() throws {
    let decoder = JSONDecoder()
    let pool = try decoder.decode(RoIOperator.self, from: Data(#"{"kind": "roiPool", "outputHeight": 7, "outputWidth": 7}"#.utf8))
    #expect(pool == (try RoIOperator(kind: .roiPool, aggregation: .max, outputHeight: 7, outputWidth: 7)))
    let align = try decoder.decode(RoIOperator.self, from: Data(#"{"kind": "roiAlign", "aggregation": "max", "outputHeight": 14, "outputWidth": 14, "samplingRatio": 0, "aligned": true}"#.utf8))
    #expect(align.aggregation == .max && align.samplingRatio == 0 && align.aligned)
    #expect(try decoder.decode(RoIOperator.self, from: JSONEncoder().encode(align)) == align)
    #expect(throws: InputError.self) {
        _ = try decoder.decode(RoIOperator.self, from: Data(#"{"kind": "roiWarp", "outputHeight": 7, "outputWidth": 7, "aligned": true}"#.utf8))
    }
}

@Test(arguments: [RoIOperator.Aggregation.max, .average])
func alignedEmptyRoIWithAdaptiveSamplingPoolsZero(aggregation: RoIOperator.Aggregation) throws {
    // Aligned, sampling 0: a zero-width RoI gets a 0-sample grid, so every bin is 0 (mmcv's max
    // would give −10000 here; torchvision's average gives 0) and no gradient flows.
    let op = try RoIOperator(kind: .roiAlign, aggregation: aggregation, outputHeight: 2, outputWidth: 2, samplingRatio: 0, aligned: true)
    let features = try randomFeatures(batch: 1, channels: 20, height: 5, width: 5)
    let pooled = try op(features, rois: [RoI(imageIndex: 0, x1: 2, y1: 1, x2: 2, y2: 4)], spatialScale: 1)
    #expect(pooled.output.values == [Float](repeating: 0, count: 80))
    #expect(try pooled.inputGradient(outputGradient: [Float](repeating: 1, count: 80)).values.allSatisfy { $0 == 0 })
}
