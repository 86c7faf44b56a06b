import Tensor

/// The RPN's training losses for one batch, each a scalar tensor.
struct RPNLosses {
    /// Binary cross-entropy over the sampled anchors (mean).
    var objectness: Tensor
    /// Smooth-L1 over the positive anchors' deltas, summed and divided by the sampled count.
    var boxRegression: Tensor
}

/// Anchors, head, label assignment, losses and proposals of the region proposal network.
///
/// Losses follow torchvision's `RegionProposalNetwork` (the speed peer): objectness BCE is the
/// mean over every sampled anchor of the batch, the box loss is summed over positives and
/// divided by the number of sampled anchors.
final class RegionProposalNetwork: ParameterContainer {
    let head: RPNHead
    let anchorGenerator: AnchorGenerator
    let config: RPNConfig

    init(config: ModelConfig, channels: Int, factory: inout ParameterFactory) {
        anchorGenerator = AnchorGenerator(config: config.anchors, strides: config.features.strides)
        head = RPNHead(channels: channels, anchorsPerLocation: anchorGenerator.anchorsPerCell(level: 0), factory: &factory)
        self.config = config.rpn
    }

    var parameters: [Parameter] { head.parameters }

    /// Proposals per image (best first) and, when `groundTruth` is given, the losses.
    func callAsFunction<G: RandomNumberGenerator>(
        _ levels: [Tensor], imageSizes: [ImageSize], groundTruth: [[Box]]?, using generator: inout G
    ) throws -> (proposals: [[Box]], losses: RPNLosses?) {
        let batch = levels[0].shape[0]
        let outputs = levels.map { head($0) }
        let grids = levels.map { ImageSize(height: $0.shape[2], width: $0.shape[3]) }
        let anchors = anchorGenerator.anchors(gridSizes: grids)
        let perCell = (0..<levels.count).map { anchorGenerator.anchorsPerCell(level: $0) }

        let selector = ProposalSelector(config: config, training: groundTruth != nil)
        var proposals: [[Box]] = []
        let logitValues = outputs.map(\.objectness.scalars), deltaValues = outputs.map(\.deltas.scalars)
        for image in 0..<batch {
            var imageLevels: [RPNLevelOutput] = []
            for level in levels.indices {
                let layout = AnchorLayout(grid: grids[level], anchorsPerCell: perCell[level], image: image)
                imageLevels.append(RPNLevelOutput(
                    anchors: anchors[level],
                    objectnessLogits: layout.logits(logitValues[level]),
                    deltas: layout.deltas(deltaValues[level])))
            }
            proposals.append(try selector.select(imageLevels, imageSize: imageSizes[image]).boxes)
        }
        guard let groundTruth else { return (proposals, nil) }
        let losses = self.losses(outputs, anchors: anchors, grids: grids, perCell: perCell, batch: batch,
                                 imageSizes: imageSizes, groundTruth: groundTruth, using: &generator)
        return (proposals, losses)
    }

    private func losses<G: RandomNumberGenerator>(
        _ outputs: [(objectness: Tensor, deltas: Tensor)], anchors: [[Box]], grids: [ImageSize], perCell: [Int],
        batch: Int, imageSizes: [ImageSize], groundTruth: [[Box]], using generator: inout G
    ) -> RPNLosses {
        let assigner = RPNLabelAssigner(config: config)
        let allAnchors = anchors.flatMap { $0 }
        // The flattened, concatenated layout of every level's [N, A, H, W] (and [N, 4A, H, W]) tensor.
        let logitCounts = outputs.map(\.objectness.count)
        let logitTotal = logitCounts.reduce(0, +)
        var selected = [Bool](repeating: false, count: logitTotal)
        var labels = [Float](repeating: 0, count: logitTotal)
        var deltaMask = [Float](repeating: 0, count: 4 * logitTotal)
        var deltaTargets = [Float](repeating: 0, count: 4 * logitTotal)
        var sampledCount = 0
        for image in 0..<batch {
            let targets = assigner.assign(anchors: allAnchors, groundTruth: groundTruth[image], imageSize: imageSizes[image],
                                          using: &generator)
            var anchorBase = 0, logitBase = 0
            for level in anchors.indices {
                let layout = AnchorLayout(grid: grids[level], anchorsPerCell: perCell[level], image: image)
                for anchor in 0..<anchors[level].count {
                    let label = targets.labels[anchorBase + anchor]
                    guard label != .ignored else { continue }
                    let offset = logitBase + layout.logitOffset(anchor: anchor)
                    selected[offset] = true
                    sampledCount += 1
                    guard label == .positive else { continue }
                    labels[offset] = 1
                    let delta = targets.deltas[anchorBase + anchor]
                    for (c, value) in [delta.dx, delta.dy, delta.dw, delta.dh].enumerated() {
                        let deltaOffset = 4 * logitBase + layout.deltaOffset(anchor: anchor, coordinate: c)
                        deltaMask[deltaOffset] = 1
                        deltaTargets[deltaOffset] = value
                    }
                }
                anchorBase += anchors[level].count
                logitBase += logitCounts[level]
            }
        }
        let logits = Tensor.concatenate(outputs.map { $0.objectness.reshaped(to: [$0.objectness.count]) }, along: 0)
        let deltas = Tensor.concatenate(outputs.map { $0.deltas.reshaped(to: [$0.deltas.count]) }, along: 0)
        let objectness = logits.sigmoidBinaryCrossEntropy(targets: Tensor(shape: [logitTotal], scalars: labels),
                                                          selected: selected)
        let masked = deltas * Tensor(shape: [4 * logitTotal], scalars: deltaMask)
        let boxLoss = masked.smoothL1Loss(target: Tensor(shape: [4 * logitTotal], scalars: deltaTargets),
                                          beta: Float(config.smoothL1Beta), reduction: .sum)
        return RPNLosses(objectness: objectness, boxRegression: boxLoss * (1 / Float(max(sampledCount, 1))))
    }
}

/// Where anchor `k` of one image and level (detectron2 order: cell-major, then the A anchors
/// of the cell) sits in the head's `[N, A, H, W]` logits and `[N, 4A, H, W]` deltas.
struct AnchorLayout {
    let grid: ImageSize
    let anchorsPerCell: Int
    let image: Int

    private var plane: Int { grid.height * grid.width }

    func logitOffset(anchor: Int) -> Int {
        let cell = anchor / anchorsPerCell, a = anchor % anchorsPerCell
        return (image * anchorsPerCell + a) * plane + cell
    }

    func deltaOffset(anchor: Int, coordinate: Int) -> Int {
        let cell = anchor / anchorsPerCell, a = anchor % anchorsPerCell
        return ((image * anchorsPerCell + a) * 4 + coordinate) * plane + cell
    }

    /// The image's logits in anchor order.
    func logits(_ values: [Float]) -> [Float] {
        (0..<(plane * anchorsPerCell)).map { values[logitOffset(anchor: $0)] }
    }

    /// The image's deltas in anchor order.
    func deltas(_ values: [Float]) -> [BoxDelta] {
        (0..<(plane * anchorsPerCell)).map { k in
            BoxDelta(dx: values[deltaOffset(anchor: k, coordinate: 0)], dy: values[deltaOffset(anchor: k, coordinate: 1)],
                     dw: values[deltaOffset(anchor: k, coordinate: 2)], dh: values[deltaOffset(anchor: k, coordinate: 3)])
        }
    }
}
