import COCO
import Foundation
import Tensor

/// The whole configurable detector: backbone (C4, C5 or FPN), RPN, box branch and the optional
/// mask and keypoint branches, for training (`losses`) and inference (`predict`).
///
/// Every architectural choice comes from the `ModelConfig`, validated at construction, and the
/// initial weights from its seed.
public final class MaskRCNNModel: ParameterContainer {
    /// The validated config.
    public let config: ModelConfig
    let backbone: Backbone
    let rpn: RegionProposalNetwork
    let boxHead: BoxHead
    let maskHead: MaskHead?
    let keypointHead: KeypointHead?
    private let boxPooler: RoIFeaturePooler
    private let maskPooler: RoIFeaturePooler?
    private let keypointPooler: RoIFeaturePooler?

    /// Builds the model of `config` with weights drawn from its seed.
    /// - Throws: `InputError` naming the first impossible config field.
    public init(config: ModelConfig) throws {
        try config.validate()
        self.config = config
        var factory = ParameterFactory(seed: config.seed)
        backbone = Backbone(config: config, factory: &factory)
        let channels = Backbone.outputChannels(config)
        rpn = RegionProposalNetwork(config: config, channels: channels, factory: &factory)
        boxHead = BoxHead(config: config, inputChannels: channels, factory: &factory)
        boxPooler = try RoIFeaturePooler(config.roiHeads.boxPooler, features: config.features)
        switch config.maskHead.kind {
        case .none:
            maskHead = nil
            maskPooler = nil
        case .c4Deconv:
            maskHead = MaskHead(config: config, inputChannels: config.backbone.stageWidths[3], factory: &factory)
            maskPooler = nil
        case .fcn, .mlp:
            maskHead = MaskHead(config: config, inputChannels: channels, factory: &factory)
            maskPooler = try RoIFeaturePooler(config.maskHead.pooler, features: config.features)
        }
        if config.keypointHead.kind == .fcn {
            keypointHead = KeypointHead(config: config.keypointHead, inputChannels: channels, factory: &factory)
            keypointPooler = try RoIFeaturePooler(config.keypointHead.pooler, features: config.features)
        } else {
            keypointHead = nil
            keypointPooler = nil
        }
    }

    /// Every parameter (frozen BatchNorm statistics included), in a fixed order: what a
    /// checkpoint holds.
    public var parameters: [Parameter] {
        backbone.parameters + rpn.parameters + boxHead.parameters + (maskHead?.parameters ?? [])
            + (keypointHead?.parameters ?? [])
    }

    /// The parameters the optimiser updates (frozen BatchNorm terms excluded).
    public var trainableParameters: [Parameter] {
        guard config.backbone.normalization == .frozenBatchNorm else { return parameters }
        let frozen = Set([".running_mean", ".running_var"])
        return parameters.filter { parameter in
            // Every normalisation parameter of a frozen-BN backbone is a constant.
            let isNorm = parameter.name.contains(".norm.")
            return !isNorm && !frozen.contains(where: parameter.name.hasSuffix)
        }
    }

    // MARK: - Training

    /// The losses of one training batch; `generator` draws the RPN and RoI samples.
    /// - Throws: `TrainingDivergedError` when the RPN produced non-finite values.
    public func losses<G: RandomNumberGenerator>(_ examples: [TrainingExample], using generator: inout G) throws -> LossTerms {
        try ComputeThreads.withCount(config.threads) { try scopedLosses(examples, using: &generator) }
    }

    /// `losses` on the config's compute threads (the caller sets the scope).
    private func scopedLosses<G: RandomNumberGenerator>(_ examples: [TrainingExample], using generator: inout G) throws -> LossTerms {
        let sizes = examples.map(\.size)
        let images = PaddedBatch.make(examples.map(\.image), divisibility: config.features.sizeDivisibility)
        let levels = backbone(images)
        let groundTruth = examples.map { $0.instances.map(\.box) }
        let (proposals, rpnLosses) = try rpn(levels, imageSizes: sizes, groundTruth: groundTruth, using: &generator)
        let sampler = RoISampler(config: config.roiHeads)
        let samples = examples.indices.map { image in
            sampler.sample(proposals: proposals[image], groundTruth: groundTruth[image],
                           groundTruthLabels: examples[image].instances.map(\.label), using: &generator)
        }
        let pooled = try boxPooler(levels, rois: samples.map(\.boxes).rois)
        let box = boxHead(pooled)
        let boxLosses = BoxLoss.losses(logits: box.logits, deltas: box.deltas, labels: samples.flatMap(\.labels),
                                       targets: samples.flatMap(\.regressionTargets),
                                       numClasses: config.roiHeads.numClasses, beta: Float(config.roiHeads.smoothL1Beta))
        var terms: [(name: String, value: Tensor)] = [
            ("loss_rpn_cls", rpnLosses!.objectness), ("loss_rpn_loc", rpnLosses!.boxRegression),
            ("loss_cls", boxLosses.classification), ("loss_box_reg", boxLosses.boxRegression),
        ]
        let positives = PositiveRoIs(samples: samples)
        if let maskHead {
            terms.append(("loss_mask", try maskLoss(maskHead, positives: positives, examples: examples, levels: levels,
                                                    res5Features: box.res5Features)))
        }
        if let keypointHead, let keypointPooler {
            terms.append(("loss_keypoint", try keypointLoss(keypointHead, pooler: keypointPooler, samples: samples,
                                                            examples: examples, levels: levels)))
        }
        return LossTerms(terms: terms)
    }

    private func maskLoss(_ head: MaskHead, positives: PositiveRoIs, examples: [TrainingExample], levels: [Tensor],
                          res5Features: Tensor?) throws -> Tensor {
        guard positives.count > 0 else { return Tensor(scalar: 0) }
        let features = try res5Features.map { $0.gatheringRows(positives.rows) }
            ?? maskPooler!(levels, rois: positives.boxes.rois)
        let builder = MaskTarget(size: head.resolution)
        var targets: [ImageMask] = []
        for (image, boxes) in positives.boxes.enumerated() {
            for (k, box) in boxes.enumerated() {
                let mask = examples[image].instances[positives.groundTruth[image][k]].mask!
                targets.append(try builder.target(bitmask: mask, box: (box.x1, box.y1, box.x2, box.y2)))
            }
        }
        return MaskLoss.loss(logits: head(features), targets: targets, labels: positives.labels,
                             kind: config.maskHead.loss, classSpecific: config.maskHead.classSpecific)
    }

    /// The keypoint loss over the foreground RoIs that contain a labelled keypoint of their GT
    /// (`KeypointTargets`, detectron2's `select_proposals_with_visible_keypoints`).
    private func keypointLoss(_ head: KeypointHead, pooler: RoIFeaturePooler, samples: [SampledRoIs],
                              examples: [TrainingExample], levels: [Tensor]) throws -> Tensor {
        let count = config.keypointHead.keypointCount
        var boxes: [[Box]] = []
        var cells: [[Int?]] = []
        for (image, sample) in samples.enumerated() {
            let targets = KeypointTargets(rois: sample, keypoints: examples[image].instances.map { $0.keypoints! },
                                          heatmapSize: config.keypointHead.heatmapSize)
            boxes.append(targets.roiIndices.map { sample.boxes[$0] })
            for k in targets.roiIndices.indices { cells.append(Array(targets.cells[(k * count)..<((k + 1) * count)])) }
        }
        guard !cells.isEmpty else { return Tensor(scalar: 0) }
        let logits = head(try pooler(levels, rois: boxes.rois))
        let expected = Float(count * config.roiHeads.roisPerImage * examples.count) * Float(config.roiHeads.positiveFraction)
        return KeypointLoss.loss(logits: logits, targets: cells, normalization: config.keypointHead.lossNormalization,
                                 expectedCount: expected)
    }

    // MARK: - Inference

    /// Detections (with masks and keypoints when those branches are on) for each image.
    ///
    /// - Parameters:
    ///   - images: `[3, H, W]` pixels each, at the model's input size.
    ///   - originalSizes: the size of each image before resizing, for mapping results back
    ///     (default: the input sizes).
    /// - Throws: `InputError` naming the image (record) for a malformed image or original size.
    public func predict(_ images: [Tensor], originalSizes: [ImageSize]? = nil) throws -> [ImagePrediction] {
        try ComputeThreads.withCount(config.threads) { try scopedPredict(images, originalSizes: originalSizes) }
    }

    /// `predict` on the config's compute threads (the caller sets the scope).
    private func scopedPredict(_ images: [Tensor], originalSizes: [ImageSize]?) throws -> [ImagePrediction] {
        for (index, image) in images.enumerated() { try TrainingExample.validateImage(image, record: index) }
        let sizes = images.map { ImageSize(height: $0.shape[1], width: $0.shape[2]) }
        let originals = originalSizes ?? sizes
        guard originals.count == images.count else {
            throw InputError(field: "original_sizes", message: "\(originals.count) sizes for \(images.count) images")
        }
        for (index, size) in originals.enumerated() where !(1...65_536).contains(size.height) || !(1...65_536).contains(size.width) {
            throw InputError(record: index, field: "original_sizes", message: "invalid size \(size.height)x\(size.width)")
        }
        return try noGrad {
            let batch = PaddedBatch.make(images, divisibility: config.features.sizeDivisibility)
            let levels = backbone(batch)
            var generator = SeededGenerator(seed: 0)   // unused without ground truth
            let proposals = try rpn(levels, imageSizes: sizes, groundTruth: nil, using: &generator).proposals
            let detections = try detect(levels, proposals: proposals, sizes: sizes)
            let masks = try maskHead.map { try predictMasks($0, levels: levels, detections: detections, sizes: sizes, originals: originals) }
            let keypoints = try keypointHead.map { try predictKeypoints($0, levels: levels, detections: detections, sizes: sizes, originals: originals) }
            return images.indices.map { image in
                ImagePrediction(imageSize: originals[image],
                                detections: detections[image].map { $0.rescaled(from: sizes[image], to: originals[image]) },
                                masks: masks?[image], keypoints: keypoints?[image])
            }
        }
    }

    /// Per image: detections in input coordinates.
    private func detect(_ levels: [Tensor], proposals: [[Box]], sizes: [ImageSize]) throws -> [[Detection]] {
        let total = proposals.reduce(0) { $0 + $1.count }
        guard total > 0 else { return proposals.map { _ in [] } }
        let box = boxHead(try boxPooler(levels, rois: proposals.rois))
        let classes = config.roiHeads.numClasses
        let probabilities = Self.softmaxRows(box.logits.scalars, columns: classes + 1)
        let deltaValues = box.deltas.scalars
        let selector = DetectionSelector(inference: config.inference, roiHeads: config.roiHeads)
        var start = 0
        return proposals.indices.map { image in
            let count = proposals[image].count
            defer { start += count }
            let deltas = (0..<(count * classes)).map { k in
                let base = 4 * (start * classes + k)
                return BoxDelta(dx: deltaValues[base], dy: deltaValues[base + 1], dw: deltaValues[base + 2], dh: deltaValues[base + 3])
            }
            return selector.select(proposals: proposals[image],
                                   probabilities: Array(probabilities[(start * (classes + 1))..<((start + count) * (classes + 1))]),
                                   deltas: deltas, imageSize: sizes[image])
        }
    }

    private func predictMasks(_ head: MaskHead, levels: [Tensor], detections: [[Detection]], sizes: [ImageSize],
                              originals: [ImageSize]) throws -> [[RLE]] {
        let boxes = detections.map { $0.map(\.box) }
        guard boxes.contains(where: { !$0.isEmpty }) else { return boxes.map { _ in [] } }
        let features: Tensor
        if let maskPooler {
            features = try maskPooler(levels, rois: boxes.rois)
        } else {
            features = boxHead(try boxPooler(levels, rois: boxes.rois)).res5Features!
        }
        let logits = head(features).scalars
        let m = head.resolution, plane = m * m, channels = head.channels
        let softmax = config.maskHead.loss == .softmax
        var row = 0
        var result: [[RLE]] = []
        for (image, imageDetections) in detections.enumerated() {
            let paster = MaskPasting(imageHeight: originals[image].height, imageWidth: originals[image].width,
                                     threshold: Float(config.inference.maskThreshold))
            var masks: [RLE] = []
            for detection in imageDetections {
                // Sigmoid: label c in channel c - 1; softmax: background 0, label c in channel c.
                let channel = switch (softmax, config.maskHead.classSpecific) {
                case (false, true): detection.label - 1
                case (false, false): 0
                case (true, true): detection.label
                case (true, false): 1
                }
                let base = row * channels * plane
                let probabilities = (0..<plane).map { pixel in
                    Self.maskScore(logits, first: base + pixel, channel: channel, channels: channels, stride: plane,
                                   softmax: softmax)
                }
                let box = detection.rescaled(from: sizes[image], to: originals[image]).box
                masks.append(try paster.paste(probabilities, maskHeight: m, maskWidth: m,
                                              box: (box.x1, box.y1, box.x2, box.y2)).runLengthEncoded)
                row += 1
            }
            result.append(masks)
        }
        return result
    }

    private func predictKeypoints(_ head: KeypointHead, levels: [Tensor], detections: [[Detection]], sizes: [ImageSize],
                                  originals: [ImageSize]) throws -> [[[DecodedKeypoint]]] {
        let boxes = detections.map { $0.map(\.box) }
        guard boxes.contains(where: { !$0.isEmpty }) else { return boxes.map { _ in [] } }
        let heatmaps = head(try keypointPooler!(levels, rois: boxes.rois)).scalars
        let count = config.keypointHead.keypointCount, m = config.keypointHead.heatmapSize
        let perRoI = count * m * m
        var row = 0
        return detections.enumerated().map { image, imageDetections in
            let scaleX = Float(originals[image].width) / Float(sizes[image].width)
            let scaleY = Float(originals[image].height) / Float(sizes[image].height)
            return imageDetections.map { detection in
                defer { row += 1 }
                let decoded = KeypointHeatmap.decode(Array(heatmaps[(row * perRoI)..<((row + 1) * perRoI)]),
                                                     keypointCount: count, heatmapSize: m, box: detection.box)
                return decoded.map { keypoint in
                    var copy = keypoint
                    copy.x *= scaleX
                    copy.y *= scaleY
                    return copy
                }
            }
        }
    }

    /// The soft mask value of one pixel for `channel`, thresholded at 0.5 after pasting.
    ///
    /// Sigmoid heads: the channel's sigmoid. Softmax heads: a pixel belongs to the mask when the
    /// channel wins the per-pixel softmax (argmax, as FCN segments); the value is the sigmoid of the
    /// channel's logit margin over the best other channel, which crosses 0.5 exactly there and
    /// stays smooth for bilinear pasting. Thresholding the softmax probability itself at 0.5
    /// would instead demand a majority over K + 1 channels, so two look-alike classes sharing a
    /// pixel would empty both masks.
    ///
    /// - Parameters:
    ///   - logits: the head's output; this pixel's channels are at `first + c * stride`.
    static func maskScore(_ logits: [Float], first: Int, channel: Int, channels: Int, stride: Int,
                          softmax: Bool) -> Float {
        let logit = logits[first + channel * stride]
        guard softmax else { return 1 / (1 + Foundation.exp(-logit)) }
        var bestOther = -Float.infinity
        for c in 0..<channels where c != channel { bestOther = Swift.max(bestOther, logits[first + c * stride]) }
        return 1 / (1 + Foundation.exp(bestOther - logit))
    }

    /// Row-wise softmax of a row-major `[rows, columns]` matrix (max-subtracted).
    static func softmaxRows(_ values: [Float], columns: Int) -> [Float] {
        var result = values
        for start in stride(from: 0, to: values.count, by: columns) {
            let row = start..<(start + columns)
            let largest = values[row].max() ?? 0
            var sum: Float = 0
            for i in row { result[i] = Foundation.exp(values[i] - largest); sum += result[i] }
            for i in row { result[i] /= sum }
        }
        return result
    }
}

/// The foreground RoIs of a sampled batch (the first `foregroundCount` of each image), for the
/// mask and keypoint branches.
struct PositiveRoIs {
    /// Rows in the batch's concatenated RoI list.
    var rows: [Int] = []
    /// Boxes per image.
    var boxes: [[Box]] = []
    /// Matched GT index per positive, per image.
    var groundTruth: [[Int]] = []
    /// GT label per positive, all images.
    var labels: [Int] = []

    init(samples: [SampledRoIs]) {
        var offset = 0
        for sample in samples {
            let count = sample.foregroundCount
            rows += (offset..<(offset + count))
            boxes.append(Array(sample.boxes.prefix(count)))
            groundTruth.append(Array(sample.matchedGroundTruth.prefix(count)))
            labels += sample.labels.prefix(count)
            offset += sample.boxes.count
        }
    }

    var count: Int { rows.count }
}
