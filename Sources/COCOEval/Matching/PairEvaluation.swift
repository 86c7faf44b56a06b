import COCO

/// pycocotools' `evaluate`: `computeIoU`/`computeOks` and `evaluateImg` over every
/// (image, category) pair, in parallel chunks of pairs.
struct PairEvaluation {
    let parameters: EvaluationParameters
    let layout: PairLayout
    let groundTruths: InstanceTable
    let detections: InstanceTable

    /// Per-slot and per-pair outputs the accumulator reads.
    struct Output {
        var slotScores: [Double]
        var slotRanks: [Int32]
        /// `[a * slotCount + slot]`
        var matched: [UInt32]
        var ignored: [UInt32]
        /// `[a * pairCount + pair]`
        var regularCounts: [Int32]
    }

    func run(threads: Int) -> Output {
        let slotCount = layout.slotStart[layout.pairCount]
        let areaCount = parameters.areaRanges.count
        let scores = SharedBuffer(repeating: 0.0, count: slotCount)
        let ranks = SharedBuffer(repeating: Int32(0), count: slotCount)
        let matched = SharedBuffer(repeating: UInt32(0), count: areaCount * slotCount)
        let ignored = SharedBuffer(repeating: UInt32(0), count: areaCount * slotCount)
        let regular = SharedBuffer(repeating: Int32(0), count: areaCount * layout.pairCount)
        // pycocotools' evaluateImg returns None for pairs without GT and detections: skip them.
        let pairs = (0..<layout.pairCount).filter {
            !layout.groundTruthRows($0).isEmpty || !layout.detectionRows($0).isEmpty
        }
        let chunks = ParallelLoop.ranges(count: pairs.count, parts: max(1, threads) * 16)
        ParallelLoop.run(chunkCount: chunks.count, threads: threads) { chunk in
            var worker = Worker(evaluation: self)
            for pair in pairs[chunks[chunk]] {
                worker.evaluate(pair: pair, slotCount: slotCount, scores: scores, ranks: ranks,
                                matched: matched, ignored: ignored, regular: regular)
            }
        }
        return Output(slotScores: scores.finish(), slotRanks: ranks.finish(), matched: matched.finish(),
                      ignored: ignored.finish(), regularCounts: regular.finish())
    }

    /// Scratch buffers of one chunk.
    struct Worker {
        let evaluation: PairEvaluation
        // The evaluation's parts, held once per chunk: copying them out per pair retained
        // every table column (8% of a bbox run).
        let layout: PairLayout
        let parameters: EvaluationParameters
        let detections: InstanceTable
        let groundTruths: InstanceTable
        var matcher: ImageMatcher
        var order: [Int] = []
        var ious: [Double] = []
        var bestIoUs: [Double] = []
        var scratch: [Double] = []
        var areas: [Double] = []
        var maskScratch = MaskColumn.Scratch()
        let keypointSimilarity: KeypointSimilarity

        init(evaluation: PairEvaluation) {
            self.evaluation = evaluation
            layout = evaluation.layout
            parameters = evaluation.parameters
            detections = evaluation.detections
            groundTruths = evaluation.groundTruths
            matcher = ImageMatcher(thresholds: evaluation.parameters.iouThresholds)
            keypointSimilarity = KeypointSimilarity(sigmas: evaluation.parameters.keypointSigmas)
        }

        mutating func evaluate(
            pair: Int, slotCount: Int, scores: SharedBuffer<Double>, ranks: SharedBuffer<Int32>,
            matched: SharedBuffer<UInt32>, ignored: SharedBuffer<UInt32>, regular: SharedBuffer<Int32>
        ) {
            let groundTruthRange = layout.groundTruthRows(pair)
            let kept = evaluation.keptDetections(pair: pair, order: &order)
            let firstSlot = layout.slotStart[pair]
            areas.removeAll(keepingCapacity: true)
            for (rank, row) in kept.enumerated() {
                scores[firstSlot + rank] = detections.scores[row]
                ranks[firstSlot + rank] = Int32(rank)
                areas.append(detections.areas[row])
            }
            fillSimilarities(kept: kept, groundTruthRange: groundTruthRange)
            bestIoUs.removeAll(keepingCapacity: true)
            if !ious.isEmpty {
                let columns = groundTruthRange.count
                for d in 0..<kept.count {
                    var best = -Double.infinity
                    for g in 0..<columns where ious[d * columns + g] > best { best = ious[d * columns + g] }
                    bestIoUs.append(best)
                }
            }
            for (a, range) in parameters.areaRanges.enumerated() {
                let count = matcher.match(
                    ious: ious, bestIoUs: bestIoUs, groundTruths: groundTruths, groundTruthRange: groundTruthRange,
                    detectionAreas: areas[...], range: range,
                    matched: matched, ignored: ignored, offset: a * slotCount + firstSlot)
                regular[a * layout.pairCount + pair] = Int32(count)
            }
        }

        /// `computeIoU` (`maskUtils.iou` on boxes or masks) / `computeOks`: D x G into `ious`, or
        /// empty when pycocotools has no matrix.
        mutating func fillSimilarities(kept: ArraySlice<Int>, groundTruthRange: Range<Int>) {
            ious.removeAll(keepingCapacity: true)
            let hasMatrix = !kept.isEmpty && !groundTruthRange.isEmpty
                && !(parameters.iouType == .keypoints && !parameters.useCategories)
            guard hasMatrix else { return }
            switch parameters.iouType {
            case .bbox:
                // In place from the tables: no per-pair arrays (100k+ pairs per evaluation).
                let columns = groundTruthRange.count
                ious.append(contentsOf: repeatElement(0, count: kept.count * columns))
                for (d, row) in kept.enumerated() {
                    let detection = detections.boxes[row]
                    for (g, truth) in groundTruthRange.enumerated() {
                        ious[d * columns + g] = BoundingBox.iou(detection, groundTruths.boxes[truth],
                                                                isCrowd: groundTruths.isCrowd[truth])
                    }
                }
            case .segm:
                detections.masks.iou(detections: kept, truths: groundTruths.masks, groundTruths: groundTruthRange,
                                     isCrowd: groundTruths.isCrowd, into: &ious, scratch: &maskScratch)
            case .keypoints:
                ious.append(contentsOf: repeatElement(0, count: kept.count * groundTruthRange.count))
                keypointSimilarity.fill(&ious, scratch: &scratch, detections: detections, kept: kept,
                                        groundTruths: groundTruths,
                                        groundTruthRange: groundTruthRange)
            }
        }
    }

    /// A pair's detection rows stably sorted by descending score, cut to `maxDets[-1]`.
    func keptDetections(pair: Int, order: inout [Int]) -> ArraySlice<Int> {
        order.removeAll(keepingCapacity: true)
        order.append(contentsOf: layout.detectionRows(pair))
        let scores = detections.scores
        order.sort { scores[$0] > scores[$1] || (scores[$0] == scores[$1] && $0 < $1) }
        return order[..<(layout.slotStart[pair + 1] - layout.slotStart[pair])]
    }

    /// The similarity matrix of one pair (pycocotools' `self.ious[imgId, catId]`), for tests.
    func similarities(imageIndex: Int, groupIndex: Int) -> [Double] {
        var worker = Worker(evaluation: self)
        let pair = groupIndex * layout.imageCount + imageIndex
        var order: [Int] = []
        let kept = keptDetections(pair: pair, order: &order)
        worker.fillSimilarities(kept: kept, groundTruthRange: layout.groundTruthRows(pair))
        return worker.ious
    }
}
