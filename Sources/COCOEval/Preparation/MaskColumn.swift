import COCO

/// The masks of a segm evaluation's rows: runs made during preparation (ground truths,
/// polygons), or a results file's compressed counts text, decoded only while its pair is
/// evaluated (each detection is in one pair, so it is decoded once, and the runs of 500k
/// results never exist at the same time).
struct MaskColumn: Sendable {
    /// A mask's size and area (`maskUtils.area`).
    struct Measure: Sendable {
        var height: Int
        var width: Int
        var area: Int
    }

    /// Where a row's runs come from.
    enum Source: Sendable {
        case runs([UInt32])
        /// Checked compressed counts text: `countsArenas[arena][start ..< start + count]`.
        case text(arena: Int, start: Int, count: Int)
    }

    /// The results parser's counts text (see ``ResultColumns``), shared, not copied.
    let countsArenas: [[UInt8]]
    private(set) var sources: [Source] = []
    private(set) var measures: [Measure] = []
    /// `rleToBbox` of each row, when measured up front (ground truths: read once per detection
    /// of their pair); empty for detections, boxed when their pair is evaluated.
    private(set) var boxes: [BoundingBox] = []

    init(countsArenas: [[UInt8]] = [], sources: [Source] = [], measures: [Measure] = []) {
        precondition(sources.count == measures.count, "one measure per mask")
        self.countsArenas = countsArenas
        self.sources = sources
        self.measures = measures
    }

    var count: Int { measures.count }

    mutating func reserve(_ capacity: Int) {
        sources.reserveCapacity(capacity)
        measures.reserveCapacity(capacity)
        boxes.reserveCapacity(capacity)
    }

    /// Appends a mask with its box (a column is either all boxed or not at all).
    mutating func append(_ source: Source, _ measure: Measure, box: BoundingBox) {
        sources.append(source)
        measures.append(measure)
        boxes.append(box)
    }

    /// Appends row `row`'s runs to `runs`.
    func appendRuns(of row: Int, to runs: inout [UInt32]) {
        switch sources[row] {
        case .runs(let made): runs += made
        case .text(let arena, let start, let count):
            countsArenas[arena].withUnsafeBufferPointer { text in
                RLE.appendRuns(checkedCompressedCounts: UnsafeBufferPointer(rebasing: text[start ..< start + count]), to: &runs)
            }
        }
    }

    /// `body` on row `row`'s runs (in place when made, else decoded).
    func withRuns<Result>(of row: Int, _ body: (UnsafeBufferPointer<UInt32>) -> Result) -> Result {
        if case .runs(let made) = sources[row] { return made.withUnsafeBufferPointer(body) }
        var decoded: [UInt32] = []
        appendRuns(of: row, to: &decoded)
        return decoded.withUnsafeBufferPointer(body)
    }

    /// Row `row`'s mask as an ``RLE``, for tests and diagnostics.
    func mask(_ row: Int) -> RLE {
        var runs: [UInt32] = []
        appendRuns(of: row, to: &runs)
        return RLE(height: measures[row].height, width: measures[row].width, counts: runs)
    }

    /// A worker's buffers for one pair's detection masks.
    struct Scratch {
        var runs: [UInt32] = []
        /// Detection d's runs are `runs[bounds[d] ..< bounds[d + 1]]`.
        var bounds: [Int] = []
    }

    /// `maskUtils.iou` of detection rows `detections` (of `self`) against ground-truth rows
    /// `groundTruths` (of `truths`, which has boxes), `D x G` row-major into `result`
    /// (replacing its contents): box IoU first, runs walked only where the boxes overlap (and
    /// only for the intersection), -1 for masks of different sizes.
    func iou(detections: ArraySlice<Int>, truths: MaskColumn, groundTruths: Range<Int>, isCrowd: [Bool],
             into result: inout [Double], scratch: inout Scratch) {
        let columns = groundTruths.count
        result.removeAll(keepingCapacity: true)
        result.append(contentsOf: repeatElement(0, count: detections.count * columns))
        scratch.runs.removeAll(keepingCapacity: true)
        scratch.bounds.removeAll(keepingCapacity: true)
        scratch.bounds.append(0)
        for row in detections {
            appendRuns(of: row, to: &scratch.runs)
            scratch.bounds.append(scratch.runs.count)
        }
        scratch.runs.withUnsafeBufferPointer { runs in
            for (d, row) in detections.enumerated() {
                let detection = measures[row]
                let detectionRuns = UnsafeBufferPointer(rebasing: runs[scratch.bounds[d] ..< scratch.bounds[d + 1]])
                let detectionBox = RLE.boundingBox(runs: detectionRuns, height: detection.height, width: detection.width)
                for (g, truthRow) in groundTruths.enumerated() {
                    let crowd = isCrowd[truthRow]
                    let truth = truths.measures[truthRow]
                    guard BoundingBox.iou(detectionBox, truths.boxes[truthRow], isCrowd: crowd) > 0 else { continue }
                    guard detection.height == truth.height, detection.width == truth.width else {
                        result[d * columns + g] = -1
                        continue
                    }
                    let intersection = truths.withRuns(of: truthRow) { RLE.foregroundIntersection(detectionRuns, $0) }
                    result[d * columns + g] = RLE.overlapRatio(
                        intersection: intersection, detectionArea: detection.area, truthArea: truth.area, isCrowd: crowd)
                }
            }
        }
    }
}

extension MaskColumn.Measure {
    /// The measures of `mask`.
    init(_ mask: RLE) {
        self.init(height: mask.height, width: mask.width, area: mask.area)
    }
}
