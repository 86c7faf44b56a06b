import COCO

/// The fields `loadRes` reads of each result, from parsed records (the public API) or from a
/// results file parsed straight into columns (`cocoeval`): one preparation serves both.
protocol DetectionRecords: Sendable {
    var count: Int { get }
    func imageID(_ record: Int) -> Int
    func categoryID(_ record: Int) -> Int
    func score(_ record: Int) -> Double
    func bbox(_ record: Int) -> BoundingBox?
    func keypoints(_ record: Int) -> ArraySlice<Double>?
    func hasSegmentation(_ record: Int) -> Bool
    /// The segmentation as given, unless `decodedMask` has it.
    func segmentation(_ record: Int) -> Segmentation?
    /// A compressed mask checked at parse time, with its runs (decoded now) when `withRuns`,
    /// and its area.
    func decodedMask(_ record: Int, withRuns: Bool) -> (mask: RLE, area: Int)?
    /// A compressed mask checked at parse time, whose counts text is in `countsArenas`.
    func compressedMask(_ record: Int) -> ResultColumns.CompressedMask?
    var countsArenas: [[UInt8]] { get }
    /// Every record's keypoints in one array, record r's starting at `start[r]`.
    func keypointColumn() -> (values: [Double], start: [Int])
}

extension Array: DetectionRecords where Element == COCOResult {
    func imageID(_ record: Int) -> Int { self[record].imageID }
    func categoryID(_ record: Int) -> Int { self[record].categoryID }
    func score(_ record: Int) -> Double { self[record].score }
    func bbox(_ record: Int) -> BoundingBox? { self[record].bbox }
    func keypoints(_ record: Int) -> ArraySlice<Double>? { self[record].keypoints?[...] }
    func hasSegmentation(_ record: Int) -> Bool { self[record].segmentation != nil }
    func segmentation(_ record: Int) -> Segmentation? { self[record].segmentation }
    func decodedMask(_ record: Int, withRuns: Bool) -> (mask: RLE, area: Int)? { nil }
    func compressedMask(_ record: Int) -> ResultColumns.CompressedMask? { nil }
    var countsArenas: [[UInt8]] { [] }

    func keypointColumn() -> (values: [Double], start: [Int]) {
        var values: [Double] = [], start = [0]
        start.reserveCapacity(count + 1)
        for result in self {
            values += result.keypoints ?? []
            start.append(values.count)
        }
        return (values, start)
    }
}

extension ResultColumns: DetectionRecords {
    func imageID(_ record: Int) -> Int { imageIDs[record] }
    func categoryID(_ record: Int) -> Int { categoryIDs[record] }
    func score(_ record: Int) -> Double { scores[record] }
    func bbox(_ record: Int) -> BoundingBox? { boxes[record] }
    func keypoints(_ record: Int) -> ArraySlice<Double>? { keypointSlice(record) }
    func keypointColumn() -> (values: [Double], start: [Int]) { (keypointValues, keypointStart) }

    func hasSegmentation(_ record: Int) -> Bool {
        if case .none = segmentations[record] { return false }
        return true
    }

    func segmentation(_ record: Int) -> Segmentation? {
        guard case .other(let index) = segmentations[record] else { return nil }
        return otherSegmentations[index]
    }

    func decodedMask(_ record: Int, withRuns: Bool) -> (mask: RLE, area: Int)? {
        guard let mask = compressedMask(record) else { return nil }
        return (RLE(height: mask.height, width: mask.width, counts: withRuns ? runs(of: mask) : []), mask.area)
    }

    func compressedMask(_ record: Int) -> ResultColumns.CompressedMask? {
        guard case .compressed(let index) = segmentations[record] else { return nil }
        return compressedMasks[index]
    }
}
