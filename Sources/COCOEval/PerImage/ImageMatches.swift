import COCO
import Foundation

/// One image's matching outcome, enough to recompute AP on any resample of images.
///
/// Why: a paired bootstrap over images (`ablate compare`) redraws images with replacement and
/// needs the AP of each redraw. Keeping pycocotools' `evaluateImg` output for the first area range
/// ("all") and the largest detection limit lets `averagePrecision(of:iouType:)` run the very
/// accumulation `COCOEvaluator` runs, so the identity resample gives back `stats[0...2]` exactly.
public struct ImageMatches: Codable, Equatable, Sendable {
    /// The COCO image id.
    public var imageID: Int
    /// One entry per category with a ground truth or a detection in this image, in id order.
    public var categories: [CategoryMatches]

    /// Creates an image's matches.
    public init(imageID: Int, categories: [CategoryMatches]) {
        self.imageID = imageID
        self.categories = categories
    }

    enum CodingKeys: String, CodingKey {
        case imageID = "image_id"
        case categories
    }
}

/// The matches of one (image, category) pair.
public struct CategoryMatches: Codable, Equatable, Sendable {
    /// The category id (-1 when categories are not used).
    public var categoryID: Int
    /// Ground truths that are not ignored (not crowd, inside the area range): pycocotools' npig share.
    public var groundTruthCount: Int
    /// Detection scores in descending order (stable), at most the largest detection limit.
    public var scores: [Double]
    /// Per detection, bit t set when it is a true positive candidate at IoU threshold t.
    public var matched: [UInt32]
    /// Per detection, bit t set when it is ignored at threshold t (matched to a crowd/ignored GT,
    /// or unmatched and outside the area range).
    public var ignored: [UInt32]

    /// Creates a pair's matches; the three arrays have one entry per detection.
    public init(categoryID: Int, groundTruthCount: Int, scores: [Double], matched: [UInt32], ignored: [UInt32]) {
        self.categoryID = categoryID
        self.groundTruthCount = groundTruthCount
        self.scores = scores
        self.matched = matched
        self.ignored = ignored
    }

    enum CodingKeys: String, CodingKey {
        case categoryID = "category_id"
        case groundTruthCount = "gt"
        case scores
        case matched
        case ignored
    }
}

/// AP, AP50 and AP75 of one evaluation, in pycocotools' units (0...1, -1 when undefined).
public struct AveragePrecisionSummary: Equatable, Sendable {
    /// AP over IoU 0.50:0.95.
    public var averagePrecision: Double
    /// AP at IoU 0.50.
    public var averagePrecision50: Double
    /// AP at IoU 0.75.
    public var averagePrecision75: Double
}

extension COCOEvaluator {
    /// pycocotools' per-image evaluation (`evalImgs`) for the first area range and the largest
    /// detection limit, one entry per image id (sorted) that has a ground truth or a detection.
    ///
    /// - Throws: `InputError` naming the file, record and field of the first bad input.
    public static func imageMatches(
        groundTruth: COCODataset, results: [COCOResult], parameters: EvaluationParameters,
        threads: Int = ProcessInfo.processInfo.activeProcessorCount,
        groundTruthFile: String = "ground truth", resultsFile: String = "results"
    ) throws(InputError) -> [ImageMatches] {
        let (preparation, _) = try prepare(
            groundTruth: groundTruth, results: results, parameters: parameters,
            groundTruthFile: groundTruthFile, resultsFile: resultsFile)
        let layout = preparation.layout
        let output = preparation.run(threads: threads)
        let imageIDs = preparation.parameters.imageIDs ?? []
        let groupIDs = layout.useCategories ? (preparation.parameters.categoryIDs ?? []) : [-1]
        return imageIDs.enumerated().compactMap { imageIndex, imageID in
            let categories = groupIDs.enumerated().compactMap { group, categoryID -> CategoryMatches? in
                let pair = group * layout.imageCount + imageIndex
                let slots = layout.slotStart[pair] ..< layout.slotStart[pair + 1]
                let regular = Int(output.regularCounts[pair])
                if slots.isEmpty && regular == 0 { return nil }
                return CategoryMatches(
                    categoryID: categoryID, groundTruthCount: regular, scores: Array(output.slotScores[slots]),
                    matched: Array(output.matched[slots]), ignored: Array(output.ignored[slots]))
            }
            return categories.isEmpty ? nil : ImageMatches(imageID: imageID, categories: categories)
        }
    }

    /// AP, AP50 and AP75 of `images` (repeats allowed: a bootstrap resample counts an image once
    /// per draw), accumulated exactly as `evaluate` does for the area range "all".
    public static func averagePrecision(of images: [ImageMatches], iouType: IoUType) -> AveragePrecisionSummary {
        var parameters = EvaluationParameters(iouType: iouType)
        let maxDetections = parameters.maxDetections.last!
        parameters.maxDetections = [maxDetections]
        parameters.areaRanges = [parameters.areaRanges[0]]
        let categoryIDs = Array(Set(images.flatMap { $0.categories.map(\.categoryID) })).sorted()
        let categoryIndex = Dictionary(uniqueKeysWithValues: categoryIDs.enumerated().map { ($1, $0) })
        // Pair p = k * imageCount + i, as in PairLayout.
        let imageCount = images.count
        var pairs = [CategoryMatches?](repeating: nil, count: categoryIDs.count * imageCount)
        for (i, image) in images.enumerated() {
            for category in image.categories { pairs[categoryIndex[category.categoryID]! * imageCount + i] = category }
        }
        var slotStart = [0], scores: [Double] = [], ranks: [Int32] = [], matched: [UInt32] = [], ignored: [UInt32] = []
        var regular: [Int32] = []
        for pair in pairs {
            let count = min(pair?.scores.count ?? 0, maxDetections)
            slotStart.append(slotStart[slotStart.count - 1] + count)
            regular.append(Int32(pair?.groundTruthCount ?? 0))
            guard let pair else { continue }
            scores += pair.scores[..<count]
            ranks += (0..<count).map { Int32($0) }
            matched += pair.matched[..<count]
            ignored += pair.ignored[..<count]
        }
        let tables = Accumulator(
            thresholdCount: parameters.iouThresholds.count, recallThresholds: parameters.recallThresholds,
            maxDetections: parameters.maxDetections, areaCount: 1, categoryCount: categoryIDs.count,
            imageCount: imageCount, slotStart: slotStart, slotScores: scores, slotRanks: ranks,
            matched: matched, ignored: ignored, regularCounts: regular
        ).run(threads: 1)
        let summary = Summary(parameters: parameters, precision: tables.precision, recall: tables.recall,
                              categoryCount: categoryIDs.count)
        let label = parameters.areaRanges[0].label
        func value(_ threshold: Double?) -> Double {
            summary.value(.init(averagePrecision: true, iouThreshold: threshold, area: label, maxDetections: maxDetections))
        }
        return AveragePrecisionSummary(averagePrecision: value(nil), averagePrecision50: value(0.5),
                                       averagePrecision75: value(0.75))
    }
}
