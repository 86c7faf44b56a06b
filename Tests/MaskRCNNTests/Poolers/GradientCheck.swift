import COCO
@testable import MaskRCNN

/// Central-difference check of ``PooledRoIs/inputGradient(outputGradient:)``.
///
/// The loss is `Σ g · output` (evaluated in Double). Max-type operators are piecewise linear: an
/// input element whose ±ε perturbation changes any arg-max is skipped, so a kink never
/// masquerades as a wrong gradient; the caller checks that enough elements were compared.
struct GradientCheck {
    /// Input elements compared, and the worst |analytic − numeric| among them.
    var compared = 0, worst: Double = 0

    init(_ op: RoIOperator, features: FeatureMap, rois: [RoI], spatialScale: Double, epsilon: Float = 1e-3) throws {
        let pooled = try op(features, rois: rois, spatialScale: spatialScale)
        let outputGradient = (0 ..< pooled.output.values.count).map { Float(($0 * 37) % 17) / 17 - 0.4 }
        let analytic = try pooled.inputGradient(outputGradient: outputGradient).values
        func evaluate(_ values: [Float]) throws -> (loss: Double, choice: [Int32]) {
            let map = try FeatureMap(batch: features.batch, channels: features.channels,
                                     height: features.height, width: features.width, values: values)
            let result = try op(map, rois: rois, spatialScale: spatialScale)
            let loss = zip(result.output.values, outputGradient).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
            return (loss, result.choices)
        }
        let baseline = try evaluate(features.values).choice
        for i in features.values.indices {
            var plus = features.values, minus = features.values
            plus[i] += epsilon
            minus[i] -= epsilon
            let (up, upChoice) = try evaluate(plus), (down, downChoice) = try evaluate(minus)
            guard upChoice == baseline, downChoice == baseline else { continue }
            let numeric = (up - down) / Double(plus[i] - minus[i])
            worst = max(worst, abs(numeric - Double(analytic[i])))
            compared += 1
        }
    }
}

extension PooledRoIs {
    /// The arg-max choices (empty for average pooling): what makes a max operator piecewise.
    var choices: [Int32] {
        switch state {
        case .cells(let argmax), .maxSamples(_, let argmax): argmax
        case .averageSamples: []
        }
    }
}

/// Values a ramp `10·y + x` on one image and channel: bilinear sampling reproduces it exactly,
/// so expected outputs can be worked out by hand.
func rampFeatures(height: Int, width: Int) throws -> FeatureMap {
    try FeatureMap(batch: 1, channels: 1, height: height, width: width,
                   values: (0 ..< height * width).map { Float(10 * ($0 / width) + $0 % width) })
}

/// Distinct pseudo-random values in [−1, 1) (a fixed LCG, so tests are deterministic).
func randomFeatures(batch: Int, channels: Int, height: Int, width: Int, seed: UInt64 = 7) throws -> FeatureMap {
    var state = seed
    let values = (0 ..< batch * channels * height * width).map { _ -> Float in
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Float(state >> 40) / Float(1 << 23) - 1
    }
    return try FeatureMap(batch: batch, channels: channels, height: height, width: width, values: values)
}
