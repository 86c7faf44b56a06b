import COCO
import Foundation

/// pycocotools' `COCOeval` (`evaluate`, `accumulate`, `summarize`) with the same numbers.
///
/// Ground truths and detections are grouped once per (image, category) into flat tables; the
/// pairs are evaluated in parallel chunks and categories accumulated in parallel, each writing
/// its own output range, so the result is the same for every thread count.
public enum COCOEvaluator {
    /// Evaluates `results` against `groundTruth`.
    ///
    /// - Parameters:
    ///   - threads: worker threads (default: every core).
    ///   - groundTruthFile, resultsFile: names used in errors and warnings.
    ///   - timer: when given, receives a lap per phase (index, match, accumulate, summarize).
    /// - Throws: `InputError` naming the file, record and field of the first bad input.
    public static func evaluate(
        groundTruth: COCODataset, results: [COCOResult], parameters: EvaluationParameters,
        threads: Int = ProcessInfo.processInfo.activeProcessorCount,
        groundTruthFile: String = "ground truth", resultsFile: String = "results", timer: PhaseTimer? = nil
    ) throws(InputError) -> EvaluationResult {
        try evaluate(groundTruth: groundTruth, records: results, parameters: parameters, threads: threads,
                     groundTruthFile: groundTruthFile, resultsFile: resultsFile, timer: timer)
    }

    /// Evaluates a results file parsed into columns (`cocoeval`'s path: no record per result,
    /// each compressed mask decoded once); the same numbers, warnings and errors as
    /// ``evaluate(groundTruth:results:parameters:threads:groundTruthFile:resultsFile:timer:)``.
    package static func evaluate(
        groundTruth: COCODataset, resultColumns: ResultColumns, parameters: EvaluationParameters,
        threads: Int = ProcessInfo.processInfo.activeProcessorCount,
        groundTruthFile: String = "ground truth", resultsFile: String = "results", timer: PhaseTimer? = nil
    ) throws(InputError) -> EvaluationResult {
        try evaluate(groundTruth: groundTruth, records: resultColumns, parameters: parameters, threads: threads,
                     groundTruthFile: groundTruthFile, resultsFile: resultsFile, timer: timer)
    }

    private static func evaluate<Records: DetectionRecords>(
        groundTruth: COCODataset, records results: Records, parameters: EvaluationParameters, threads: Int,
        groundTruthFile: String, resultsFile: String, timer: PhaseTimer?
    ) throws(InputError) -> EvaluationResult {
        let (preparation, warnings) = try prepare(
            groundTruth: groundTruth, results: results, parameters: parameters, threads: threads,
            groundTruthFile: groundTruthFile, resultsFile: resultsFile)
        let parameters = preparation.parameters
        let pairs = preparation.layout
        timer?.lap("index")
        let evaluation = preparation.run(threads: threads)
        timer?.lap("iou+match")
        let tables = Accumulator(
            thresholdCount: parameters.iouThresholds.count, recallThresholds: parameters.recallThresholds,
            maxDetections: parameters.maxDetections, areaCount: parameters.areaRanges.count,
            categoryCount: pairs.groupCount, imageCount: pairs.imageCount, slotStart: pairs.slotStart,
            slotScores: evaluation.slotScores, slotRanks: evaluation.slotRanks,
            matched: evaluation.matched, ignored: evaluation.ignored, regularCounts: evaluation.regularCounts
        ).run(threads: threads)
        timer?.lap("accumulate")

        let categoryIDs = parameters.categoryIDs ?? []
        let groupIDs = parameters.useCategories ? categoryIDs : [-1]
        let summary = Summary(parameters: parameters, precision: tables.precision, recall: tables.recall,
                              categoryCount: groupIDs.count)
        let requests = summary.requests
        let stats = requests.map(summary.value)
        let lines = zip(requests, stats).map { summary.line($0, value: $1) }
        let result = EvaluationResult(
            parameters: parameters, categoryIDs: groupIDs, stats: stats,
            precision: tables.precision, recall: tables.recall, scores: tables.scores,
            summaryLines: lines, categoryAveragePrecisions: [], warnings: warnings)
        defer { timer?.lap("summarize") }
        return result.withCategoryAveragePrecisions()
    }

    /// `evaluate`'s first half: resolved parameters, validated and grouped GT and detections.
    static func prepare<Records: DetectionRecords>(
        groundTruth: COCODataset, results: Records, parameters: EvaluationParameters,
        threads: Int = 1, groundTruthFile: String, resultsFile: String
    ) throws(InputError) -> (PairEvaluation, warnings: [String]) {
        try parameters.validate()
        var parameters = parameters
        parameters.maxDetections.sort()
        let imageIDs = Array(Set(parameters.imageIDs ?? groundTruth.images.map(\.id))).sorted()
        let categoryIDs = Array(Set(parameters.categoryIDs ?? groundTruth.categories.map(\.id))).sorted()
        parameters.imageIDs = imageIDs
        parameters.categoryIDs = categoryIDs
        let imageIndex = DenseIndex(sortedUniqueIDs: imageIDs)
        let categoryIndex = DenseIndex(sortedUniqueIDs: categoryIDs)

        let context = PreparationContext(
            iouType: parameters.iouType, sigmaCount: parameters.keypointSigmas.count, imageIndex: imageIndex,
            categoryIndex: categoryIndex, useCategories: parameters.useCategories,
            imageSizes: ImageSizes(groundTruth.images), threads: threads)
        var detectionPreparation = DetectionPreparation(results: results, file: resultsFile, context: context)
        let groundTruthPrepared: PreparedGroundTruth
        let detectionPrepared: Result<(InstanceTable, Buckets), InputError>
        if parameters.iouType == .segm || threads < 2 {
            // Segm detections read the GT buckets (to skip masks that meet no GT).
            groundTruthPrepared = PreparedGroundTruth(dataset: groundTruth, file: groundTruthFile, context: context)
            detectionPreparation.groundTruthStart = try groundTruthPrepared.tables.get().1.start
            detectionPrepared = Result { () throws(InputError) in try detectionPreparation.prepare() }
        } else {
            // Independent otherwise: the GT on a thread of its own while the detections use the
            // caller's (both are mostly sequential passes).
            (groundTruthPrepared, detectionPrepared) = PreparedGroundTruth.concurrently(
                dataset: groundTruth, file: groundTruthFile, context: context
            ) { () throws(InputError) in try detectionPreparation.prepare() }
        }
        // The GT's error first, as when preparing one after the other.
        let (groundTruths, groundTruthBuckets) = try groundTruthPrepared.tables.get()
        let (detections, detectionBuckets) = try detectionPrepared.get()
        var warnings = groundTruthPrepared.warnings + detectionPreparation.warnings
        if parameters.iouType == .keypoints && !parameters.useCategories {
            warnings.append("warning: keypoints without categories: pycocotools' computeOks ignores useCats, so nothing matches and every AP is 0")
        }
        let layout = PairLayout(
            imageCount: imageIDs.count, categoryCount: categoryIDs.count,
            useCategories: parameters.useCategories,
            groundTruthStart: groundTruthBuckets.start, detectionStart: detectionBuckets.start,
            maxDetections: parameters.maxDetections.last!)
        let evaluation = PairEvaluation(
            parameters: parameters, layout: layout, groundTruths: groundTruths, detections: detections)
        return (evaluation, warnings)
    }
}

extension EvaluationResult {
    /// Fills detectron2's per-category AP: mean of `precision[:, :, k, 0, -1]` above -1.
    func withCategoryAveragePrecisions() -> EvaluationResult {
        let s = precisionShape
        let rows = categoryIDs.enumerated().map { k, id in
            var values: [Double] = []
            for t in 0..<s[0] {
                for r in 0..<s[1] {
                    let value = precision(threshold: t, recall: r, category: k, area: 0, maxDetections: s[4] - 1)
                    if value > -1 { values.append(value) }
                }
            }
            return CategoryAveragePrecision(categoryID: id,
                                            averagePrecision: values.isEmpty ? nil : PairwiseSum.mean(values))
        }
        return EvaluationResult(
            parameters: parameters, categoryIDs: categoryIDs, stats: stats, precision: precision, recall: recall,
            scores: scores, summaryLines: summaryLines, categoryAveragePrecisions: rows, warnings: warnings)
    }
}
