import Tensor

/// Pools RoI features for a head from the backbone levels: one level at scale 1/stride (C4, C5)
/// or, with FPN, the level chosen by each box's size among P2..P5 (P6 feeds the RPN only).
struct RoIFeaturePooler {
    private let roiOperator: RoIOperator
    private let pyramid: MultiLevelRoIPooler?
    private let spatialScale: Double
    /// Output bins per side.
    var outputSize: Int { roiOperator.outputHeight }

    init(_ config: RoIOperatorConfig, features: FeatureConfig) throws {
        let kind: RoIOperator.Kind = switch config.kind {
        case .roiPool: .roiPool
        case .roiWarp: .roiWarp
        case .roiAlign: .roiAlign
        }
        roiOperator = try RoIOperator(kind: kind, aggregation: config.aggregation == .max ? .max : .average,
                                      outputHeight: config.outputSize, outputWidth: config.outputSize,
                                      samplingRatio: config.samplingRatio, aligned: config.aligned)
        pyramid = features.kind == .fpn
            ? MultiLevelRoIPooler(roiOperator: roiOperator, canonicalLevel: features.canonicalLevel,
                                  canonicalBoxSize: Float(features.canonicalBoxSize))
            : nil
        spatialScale = 1 / Double(features.strides[0])
    }

    /// `[R, C, P, P]` features of `rois` (image indices into the batch).
    func callAsFunction(_ levels: [Tensor], rois: [RoI]) throws -> Tensor {
        if let pyramid { return try pyramid(Array(levels.prefix(4)), rois: rois) }
        return try roiOperator(levels[0], rois: rois, spatialScale: spatialScale)
    }
}

extension Array where Element == [Box] {
    /// The boxes of every image as RoIs of one batch, image by image.
    var rois: [RoI] {
        enumerated().flatMap { image, boxes in
            boxes.map { RoI(imageIndex: image, x1: $0.x1, y1: $0.y1, x2: $0.x2, y2: $0.y2) }
        }
    }
}
