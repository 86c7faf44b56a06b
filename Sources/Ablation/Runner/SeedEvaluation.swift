import COCO
import COCOEval
import MaskRCNN

/// COCO evaluation of one job's predictions: the statistics, per-image matches and PR curves
/// that go into `SeedResult`, from the pycocotools-identical `COCOEvaluator`.
public enum SeedEvaluation {
    /// The kinds a config is scored on: box always, mask and keypoints when it has those heads.
    public static func kinds(of config: ModelConfig) -> [EvaluationKind] {
        var kinds: [EvaluationKind] = [.box]
        if config.maskHead.kind != .none { kinds.append(.mask) }
        if config.keypointHead.kind != .none { kinds.append(.keypoints) }
        return kinds
    }

    /// Evaluates `predictions` for each of `kinds`; `wallSeconds` is left 0 for the caller.
    public static func evaluate(predictions: TrainedPredictions, kinds: [EvaluationKind], seed: Int,
                                threads: Int) throws(InputError) -> SeedResult {
        var metrics = KindMap<COCOMetrics>()
        var perImage = KindMap<[ImageMatches]>()
        var curves = KindMap<PRCurves>()
        for kind in kinds {
            let parameters = EvaluationParameters(iouType: kind.iouType)
            let results = predictions.results.filter { result in
                switch kind {
                case .box: result.bbox != nil
                case .mask: result.segmentation != nil
                case .keypoints: result.keypoints != nil
                }
            }
            let evaluation = try COCOEvaluator.evaluate(
                groundTruth: predictions.groundTruth, results: results, parameters: parameters, threads: threads,
                groundTruthFile: "validation ground truth", resultsFile: "predictions")
            metrics[kind] = try COCOMetrics(stats: evaluation.stats, kind: kind)
            perImage[kind] = try COCOEvaluator.imageMatches(
                groundTruth: predictions.groundTruth, results: results, parameters: parameters, threads: threads,
                groundTruthFile: "validation ground truth", resultsFile: "predictions")
            curves[kind] = PRCurves(evaluation)
        }
        return SeedResult(seed: seed, metrics: metrics, perImage: perImage, prCurves: curves,
                          lossCurve: predictions.lossCurve, wallSeconds: 0, iterations: predictions.iterations)
    }
}
