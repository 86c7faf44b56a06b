import COCO

/// The masks of a segm evaluation's rows, with what `computeIoU` reads of each (size, area and
/// `rleToBbox` box) computed once, in parallel, when the masks are made.
struct MaskColumn: Sendable {
    /// A mask's size, area (`maskUtils.area`) and `rleToBbox` box; zero box and no runs for a
    /// mask that can never be matched.
    struct Measure: Sendable {
        var height: Int
        var width: Int
        var area: Int
        var box: BoundingBox

        /// The box of a mask kept without runs (never read: its pair has no ground truth).
        static let noBox = BoundingBox(x: 0, y: 0, width: 0, height: 0)
    }

    /// Each row's runs (empty for a mask kept without them).
    private(set) var runs: [[UInt32]] = []
    private(set) var measures: [Measure] = []

    var count: Int { measures.count }

    mutating func reserve(_ capacity: Int) {
        runs.reserveCapacity(capacity)
        measures.reserveCapacity(capacity)
    }

    mutating func append(runs maskRuns: [UInt32], _ measure: Measure) {
        runs.append(maskRuns)
        measures.append(measure)
    }

    /// Row `row`'s mask as an ``RLE``.
    func mask(_ row: Int) -> RLE {
        RLE(height: measures[row].height, width: measures[row].width, counts: runs[row])
    }

    /// `maskUtils.iou` of detection rows `detections` (of `self`) against ground-truth rows
    /// `groundTruths` (of `truths`), `D x G` row-major into `result` (replacing its contents):
    /// box IoU first, runs walked only where the boxes overlap (and only for the intersection),
    /// -1 for masks of different sizes.
    func iou(detections: ArraySlice<Int>, truths: MaskColumn, groundTruths: Range<Int>, isCrowd: [Bool],
             into result: inout [Double]) {
        let columns = groundTruths.count
        result.removeAll(keepingCapacity: true)
        result.append(contentsOf: repeatElement(0, count: detections.count * columns))
        for (d, row) in detections.enumerated() {
            let detection = measures[row]
            for (g, truthRow) in groundTruths.enumerated() {
                let crowd = isCrowd[truthRow]
                let truth = truths.measures[truthRow]
                guard BoundingBox.iou(detection.box, truth.box, isCrowd: crowd) > 0 else { continue }
                guard detection.height == truth.height, detection.width == truth.width else {
                    result[d * columns + g] = -1
                    continue
                }
                let intersection = runs[row].withUnsafeBufferPointer { a in
                    truths.runs[truthRow].withUnsafeBufferPointer { b in RLE.foregroundIntersection(a, b) }
                }
                result[d * columns + g] = RLE.overlapRatio(
                    intersection: intersection, detectionArea: detection.area, truthArea: truth.area, isCrowd: crowd)
            }
        }
    }
}

extension MaskColumn.Measure {
    /// The measures of `mask`.
    init(_ mask: RLE) {
        self.init(height: mask.height, width: mask.width, area: mask.area, box: mask.boundingBox)
    }
}
