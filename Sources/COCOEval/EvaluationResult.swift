/// Everything pycocotools' `COCOeval` computes, in its layouts, plus detectron2's per-category AP.
public struct EvaluationResult: Sendable {
    /// The parameters as evaluated (`maxDetections` sorted; image and category ids resolved,
    /// sorted and unique).
    public let parameters: EvaluationParameters
    /// The category ids along the K axis; `[-1]` when categories are not used.
    public let categoryIDs: [Int]
    /// `stats`: 12 values for bbox/segm, 10 for keypoints (-1 where nothing was selected).
    public let stats: [Double]
    /// Precision, shape `precisionShape` = (T, R, K, A, M), C order; -1 for absent entries.
    public let precision: [Double]
    /// Recall, shape (T, K, A, M), C order; -1 for absent entries.
    public let recall: [Double]
    /// The detection score at each precision entry, shape (T, R, K, A, M).
    public let scores: [Double]
    /// The lines `summarize` prints, one per statistic.
    public let summaryLines: [String]
    /// Per-category AP (detectron2's table); `nil` where the category has no entry above -1.
    public let categoryAveragePrecisions: [CategoryAveragePrecision]
    /// One-line warnings where a pycocotools quirk changes the numbers, or where we did what
    /// pycocotools would crash on.
    public let warnings: [String]

    /// (T, R, K, A, M): thresholds, recall thresholds, categories, area ranges, max detections.
    public var precisionShape: [Int] {
        [parameters.iouThresholds.count, parameters.recallThresholds.count, categoryIDs.count,
         parameters.areaRanges.count, parameters.maxDetections.count]
    }

    /// The precision at one index of each axis.
    public func precision(threshold t: Int, recall r: Int, category k: Int, area a: Int, maxDetections m: Int) -> Double {
        let s = precisionShape
        return precision[(((t * s[1] + r) * s[2] + k) * s[3] + a) * s[4] + m]
    }
}
