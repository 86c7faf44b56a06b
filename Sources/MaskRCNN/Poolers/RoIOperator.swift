import COCO

/// The RoI feature extractor of Table 2c: one value the model zoo switches per ablation row.
///
/// Kinds (exact definitions in `shared/reference/mask-rcnn-zoo.md` §1):
/// - ``Kind/roiPool``: Fast R-CNN / torchvision `roi_pool`. The RoI is rounded to whole cells
///   (`round(x·s)`, inclusive end), bins are cut with floor/ceil, each bin takes the max of its
///   cells (an empty bin gives 0). `samplingRatio`, `aligned` and `aggregation` do not apply
///   (aggregation must be `.max`).
/// - ``Kind/roiAlign``: torchvision `roi_align` (average) and mmcv's max mode. No quantisation:
///   bilinear samples on a `samplingRatio`² grid per bin (adaptive `ceil(roi/bin)` per RoI when
///   0). Out-of-range samples are 0 and still count in the average; in max mode they are 0-valued
///   candidates. `aligned` shifts by half a cell (detectron2's ROIAlignV2).
/// - ``Kind/roiWarp``: Mask R-CNN's RoIWarp (MNC's op as the paper uses it): the RoI is quantised
///   exactly as RoIPool quantises its corners (`round(x·s)`), then sampled exactly as legacy
///   RoIAlign samples (`aligned` false, size clamped to ≥ 1 cell, same sampling grid, max or
///   average). It differs from RoIAlign only in that rounding, which isolates "alignment".
///   (MNC's own layer took one sample per cell at the bin's top-left corner; the paper's row
///   compares aggregation over a bin, so the zoo note defines RoIWarp on RoIAlign's grid.)
///
/// Deviations from mmcv's max mode, both outside what real features reach: a bin with no
/// samples at all (only an empty aligned RoI with adaptive sampling) outputs 0, not −10000,
/// and the running maximum starts at −∞, not −10000.
public struct RoIOperator: Hashable, Sendable, Codable {
    /// Which RoI operator.
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        /// Quantised RoI and bins, max over cells (Fast R-CNN).
        case roiPool
        /// Quantised RoI, bilinear samples (MNC, as in the paper's Table 2c).
        case roiWarp
        /// No quantisation, bilinear samples (Mask R-CNN).
        case roiAlign
    }

    /// How the samples (or cells) of one bin are combined.
    public enum Aggregation: String, Hashable, Sendable, Codable, CaseIterable {
        /// Largest value; the gradient flows to the arg-max only.
        case max
        /// Mean over all samples, out-of-range ones counted as 0.
        case average
    }

    /// Which operator.
    public var kind: Kind
    /// Max or average over a bin.
    public var aggregation: Aggregation
    /// Output rows (PH), in bins.
    public var outputHeight: Int
    /// Output columns (PW), in bins.
    public var outputWidth: Int
    /// Samples per bin side for RoIAlign/RoIWarp; 0 means adaptive `ceil(roi size / bins)` per RoI.
    public var samplingRatio: Int
    /// Half-cell offset of RoIAlign (detectron2's ROIAlignV2); false is Detectron's legacy op.
    public var aligned: Bool

    /// Creates an operator, rejecting combinations that do not exist in the paper or the peers.
    ///
    /// - Throws: `InputError` naming the field for non-positive output sizes, a negative sampling
    ///   ratio, RoIPool with average, or `aligned` with a quantising kind (RoIPool, RoIWarp).
    /// - Parameter aggregation: defaults to `.max` for RoIPool and `.average` otherwise.
    public init(kind: Kind, aggregation: Aggregation? = nil, outputHeight: Int, outputWidth: Int,
                samplingRatio: Int = 2, aligned: Bool = false) throws(InputError) {
        self.kind = kind
        self.aggregation = aggregation ?? (kind == .roiPool ? .max : .average)
        self.outputHeight = outputHeight
        self.outputWidth = outputWidth
        self.samplingRatio = samplingRatio
        self.aligned = aligned
        try validate()
    }

    private enum CodingKeys: String, CodingKey {
        case kind, aggregation, outputHeight, outputWidth, samplingRatio, aligned
    }

    /// Decodes a config-file operator and validates it like ``init(kind:aggregation:outputHeight:outputWidth:samplingRatio:aligned:)``.
    ///
    /// `aggregation`, `samplingRatio` (2) and `aligned` (false) may be left out.
    /// - Throws: `DecodingError` for missing or mistyped fields, `InputError` for invalid values.
    public init(from decoder: any Decoder) throws {
        let fields = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(kind: fields.decode(Kind.self, forKey: .kind),
                      aggregation: fields.decodeIfPresent(Aggregation.self, forKey: .aggregation),
                      outputHeight: fields.decode(Int.self, forKey: .outputHeight),
                      outputWidth: fields.decode(Int.self, forKey: .outputWidth),
                      samplingRatio: fields.decodeIfPresent(Int.self, forKey: .samplingRatio) ?? 2,
                      aligned: fields.decodeIfPresent(Bool.self, forKey: .aligned) ?? false)
    }

    /// Checks the fields.
    public func validate() throws(InputError) {
        guard (1 ... 1024).contains(outputHeight), (1 ... 1024).contains(outputWidth) else {
            throw InputError(field: "output_size", message: "must be 1...1024, got \(outputHeight)x\(outputWidth)")
        }
        guard (0 ... 64).contains(samplingRatio) else {
            throw InputError(field: "sampling_ratio", message: "must be 0 (adaptive) ... 64, got \(samplingRatio)")
        }
        guard kind == .roiAlign || !aligned else {
            throw InputError(field: "aligned", message: "\(kind.rawValue) quantises the RoI; aligned applies to roiAlign only")
        }
        guard kind != .roiPool || aggregation == .max else {
            throw InputError(field: "aggregation", message: "RoIPool only takes the max")
        }
    }

    /// Pools `rois` from `features` (N, C, H, W) into (R, C, PH, PW), keeping what the backward
    /// pass needs (bilinear corners and weights, or arg-max cells) in the result.
    ///
    /// - Parameter spatialScale: feature cells per input pixel (1/stride, e.g. 1/16 for C4).
    /// - Throws: `InputError` naming the RoI (record) and field for a bad image index, a
    ///   non-finite or absurd coordinate, or an adaptive sampling grid too large to hold; and
    ///   for a feature map with no rows or columns.
    public func callAsFunction(_ features: FeatureMap, rois: [RoI], spatialScale: Double) throws(InputError) -> PooledRoIs {
        try validate()
        guard features.height > 0, features.width > 0 else {
            throw InputError(field: "features", message: "empty feature map (\(features.height)x\(features.width))")
        }
        try RoI.validate(rois, batch: features.batch, spatialScale: spatialScale)
        switch kind {
        case .roiPool:
            let argmax = RoIPoolKernel.forward(features, rois: rois, spatialScale: spatialScale,
                                               outputHeight: outputHeight, outputWidth: outputWidth)
            return PooledRoIs(output: argmax.output, inputShape: features, rois: rois,
                              state: .cells(argmax.indices))
        case .roiAlign, .roiWarp:
            let plan = try BilinearSamplingPlan(rois: rois, featureHeight: features.height,
                                                featureWidth: features.width, spatialScale: spatialScale,
                                                outputHeight: outputHeight, outputWidth: outputWidth,
                                                samplingRatio: samplingRatio, aligned: aligned,
                                                quantised: kind == .roiWarp)
            switch aggregation {
            case .average:
                let output = BilinearPoolKernel.averageForward(features, plan: plan, roiImages: rois.map(\.imageIndex))
                return PooledRoIs(output: output, inputShape: features, rois: rois, state: .averageSamples(plan))
            case .max:
                let (output, argmax) = BilinearPoolKernel.maxForward(features, plan: plan, roiImages: rois.map(\.imageIndex))
                return PooledRoIs(output: output, inputShape: features, rois: rois, state: .maxSamples(plan, argmax))
            }
        }
    }
}
