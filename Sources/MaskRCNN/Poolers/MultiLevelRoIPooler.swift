import COCO
import Foundation

/// The FPN pooler: assigns each RoI to one pyramid level by its size, then pools it there.
///
/// Level `k = floor(k0 + log2(sqrt(w·h) / s0 + 1e-8))` clamped to the available levels, as in
/// detectron2's `assign_boxes_to_levels` (Float arithmetic, its 1e-8 guard against log2(0)).
/// The paper's `k0 = 4`, `s0 = 224` assume ~800-px images; scaled-down presets lower `s0` with
/// the image size. Level `k` has stride `2^k`, so its spatial scale is `2^-k`.
public struct MultiLevelRoIPooler: Hashable, Sendable {
    /// The operator run on every level.
    public var roiOperator: RoIOperator
    /// The pyramid level of the first feature map (2 for P2 at stride 4).
    public var minimumLevel: Int
    /// k0: the level a box of side `canonicalBoxSize` maps to.
    public var canonicalLevel: Int
    /// s0: the canonical box side, input pixels.
    public var canonicalBoxSize: Float

    /// Creates a pooler over levels `minimumLevel, minimumLevel + 1, ...` (one per feature map).
    public init(roiOperator: RoIOperator, minimumLevel: Int = 2, canonicalLevel: Int = 4, canonicalBoxSize: Float = 224) {
        self.roiOperator = roiOperator
        self.minimumLevel = minimumLevel
        self.canonicalLevel = canonicalLevel
        self.canonicalBoxSize = canonicalBoxSize
    }

    /// The index (0-based, into the feature maps) of the level `roi` is pooled from.
    public func levelIndex(of roi: RoI, levelCount: Int) -> Int {
        let side = ((roi.x2 - roi.x1) * (roi.y2 - roi.y1)).squareRoot()
        let level = (Float(canonicalLevel) + log2(side / canonicalBoxSize + 1e-8)).rounded(.down)
        // NaN (an inverted box has negative area) and ±inf clamp like out-of-range levels.
        let first = Float(minimumLevel), last = Float(minimumLevel + levelCount - 1)
        let clamped = level.isNaN ? first : min(max(level, first), last)
        return Int(clamped) - minimumLevel
    }

    /// Pools every RoI from its level of `levels` (finest first, all with the same batch and
    /// channel count) into one (R, C, PH, PW) map in RoI order.
    ///
    /// - Throws: `InputError` when the levels disagree in batch or channels, or for a bad RoI.
    public func callAsFunction(_ levels: [FeatureMap], rois: [RoI]) throws(InputError) -> MultiLevelPooledRoIs {
        guard let first = levels.first else { throw InputError(field: "features", message: "no feature levels") }
        for (i, level) in levels.enumerated() where level.batch != first.batch || level.channels != first.channels {
            throw InputError(record: i, field: "features", message: "level has shape (\(level.batch), \(level.channels), ...), expected (\(first.batch), \(first.channels), ...)")
        }
        guard (-30 ... 30).contains(minimumLevel), minimumLevel + levels.count <= 31 else {
            throw InputError(field: "minimum_level", message: "level \(minimumLevel) out of range")
        }
        try RoI.validate(rois, batch: first.batch, spatialScale: 1)
        let assignment = rois.map { levelIndex(of: $0, levelCount: levels.count) }
        var members = [[Int]](repeating: [], count: levels.count)
        for (r, level) in assignment.enumerated() { members[level].append(r) }
        let bins = roiOperator.outputHeight * roiOperator.outputWidth, rowSize = first.channels * bins
        var output = [Float](repeating: 0, count: rois.count * rowSize)
        var pooledLevels: [PooledRoIs?] = []
        for (i, level) in levels.enumerated() {
            guard !members[i].isEmpty else { pooledLevels.append(nil); continue }
            let scale = Double(sign: .plus, exponent: -(minimumLevel + i), significand: 1)
            let pooled = try roiOperator(level, rois: members[i].map { rois[$0] }, spatialScale: scale)
            for (k, r) in members[i].enumerated() {
                output.replaceSubrange(r * rowSize ..< (r + 1) * rowSize, with: pooled.output.values[k * rowSize ..< (k + 1) * rowSize])
            }
            pooledLevels.append(pooled)
        }
        let map = FeatureMap(trustedBatch: rois.count, channels: first.channels, height: roiOperator.outputHeight,
                             width: roiOperator.outputWidth, values: output)
        return MultiLevelPooledRoIs(output: map, levelIndices: assignment, members: members, levels: pooledLevels,
                                    levelShapes: levels.map { ($0.batch, $0.channels, $0.height, $0.width) })
    }
}

/// The output of a ``MultiLevelRoIPooler`` plus each level's backward state.
public struct MultiLevelPooledRoIs: Sendable {
    /// Pooled features in RoI order, (R, C, PH, PW).
    public let output: FeatureMap
    /// Per RoI: the index of the level it was pooled from.
    public let levelIndices: [Int]
    let members: [[Int]]
    let levels: [PooledRoIs?]
    let levelShapes: [(Int, Int, Int, Int)]

    /// Gradients with respect to every level's features (zero for levels no RoI used), given the
    /// gradient with respect to ``output``.
    /// - Throws: `InputError` when `outputGradient` has the wrong number of values.
    public func inputGradients(outputGradient: [Float]) throws(InputError) -> [FeatureMap] {
        guard outputGradient.count == output.values.count else {
            throw InputError(field: "grad_output", message: "expected \(output.values.count) values, got \(outputGradient.count)")
        }
        return inputGradients(checkedOutputGradient: outputGradient)
    }

    /// ``inputGradients(outputGradient:)`` for a gradient already known to have the output's size.
    func inputGradients(checkedOutputGradient outputGradient: [Float]) -> [FeatureMap] {
        let rowSize = output.channels * output.height * output.width
        var gradients: [FeatureMap] = []
        for (i, pooled) in levels.enumerated() {
            guard let pooled else {
                let (n, c, h, w) = levelShapes[i]
                gradients.append(FeatureMap(zerosBatch: n, channels: c, height: h, width: w))
                continue
            }
            var levelGradient: [Float] = []
            levelGradient.reserveCapacity(members[i].count * rowSize)
            for r in members[i] { levelGradient += outputGradient[r * rowSize ..< (r + 1) * rowSize] }
            gradients.append(pooled.inputGradient(checkedOutputGradient: levelGradient))
        }
        return gradients
    }
}
