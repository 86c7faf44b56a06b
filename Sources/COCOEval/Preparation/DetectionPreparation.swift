import COCO

/// pycocotools' `loadRes` plus `_prepare` for the detections: the result type is decided by the
/// first record alone (non-empty bbox, then segmentation, then keypoints), each branch derives
/// area/box/segmentation exactly as `loadRes` does, ids are index + 1, and every image id must
/// be a GT image.
struct DetectionPreparation<Records: DetectionRecords> {
    let results: Records
    let file: String
    let context: PreparationContext
    /// The GT buckets' prefix sums: results in a pair without GT are never matched, so their
    /// compressed masks are only measured (area), not decoded. Nil decodes every mask.
    var groundTruthStart: [Int]?
    var warnings: [String] = []

    /// What `loadRes` derives for one result, plus its score.
    struct Derived: Sendable {
        var area: Double
        var box: BoundingBox
        var score: Double
    }

    /// The `loadRes` branch, from the first record.
    enum Branch { case bbox, segmentation, keypoints }

    mutating func prepare() throws(InputError) -> (InstanceTable, Buckets) {
        // Indexing (not enumerating) reads fields in place instead of copying 500k records.
        for record in 0..<results.count where context.imageSizes.size(of: results.imageID(record)) == nil {
            throw RecordValidator(file: file, record: record).error(
                "image_id", "image \(results.imageID(record)) is not in the ground truth")
        }
        let branch = try decideBranch()
        let buckets = Buckets.byImageAndCategory(
            recordCount: results.count, imageIndex: context.imageIndex, categoryIndex: context.categoryIndex,
            useCategories: context.useCategories, imageID: { results.imageID($0) },
            categoryID: { results.categoryID($0) }, resolve: { $0 })
        var table = InstanceTable()
        let needsMasks = context.iouType == .segm || branch == .segmentation
        // Bucket order is a permutation of the file: validate, decode and derive in file order
        // (sequential reads of the records), then gather the results in bucket order.
        var positions = [Int](repeating: -1, count: results.count)
        for (position, record) in buckets.records.enumerated() { positions[record] = position }
        let measured = needsMasks ? try masks(buckets: buckets, positions: positions, branch: branch) : []
        // Locals, so the concurrent closure captures values rather than `self`.
        let (allResults, records, type, keypointCount, fileName, selected) =
            (results, buckets.records, context.iouType, context.sigmaCount, file, positions)
        let derived = try ParallelLoop.map(count: results.count, threads: context.threads) { record throws(InputError) in
            let position = selected[record]
            guard position >= 0 else { return Derived(area: 0, box: BoundingBox(x: 0, y: 0, width: 0, height: 0), score: 0) }
            let check = RecordValidator(file: fileName, record: record)
            let score = allResults.score(record)
            try check.finite(score, "score")
            if type == .keypoints {
                guard let points = allResults.keypoints(record) else { throw check.missing("keypoints", "keypoints evaluation") }
                try check.keypoints(points, count: keypointCount)
            }
            // Fields, not the record: copying a COCOResult retains every field.
            // A keypoints evaluation checked them above, with the same count derive would use.
            let (area, box) = try Self.derive(
                bbox: allResults.bbox(record), keypoints: branch == .keypoints ? allResults.keypoints(record) : nil,
                branch: branch, mask: needsMasks ? measured[record] : nil,
                needsBox: type != .segm, keypointsChecked: type == .keypoints, check: check)
            return Derived(area: area, box: box, score: score)
        }
        // The gather into bucket order reads `derived` and `measured` at random: in parallel
        // maps (independent rows, so the cache misses overlap), each row read once per source.
        let threads = context.threads
        table.ids = records.map { $0 + 1 }
        (table.scores, table.areas) = ParallelLoop.map(count: records.count, threads: threads) {
            let row = derived[records[$0]]
            return (row.score, row.area)
        }
        var boxAreaDiffers = 0
        switch context.iouType {
        case .bbox:
            table.boxes = try ParallelLoop.map(count: records.count, threads: threads) { derived[records[$0]].box }
        case .segm:
            let (sources, measures) = ParallelLoop.map(count: records.count, threads: threads) {
                let mask = measured[records[$0]]
                return (mask.source, mask.measure)
            }
            table.masks = MaskColumn(countsArenas: results.countsArenas, sources: sources, measures: measures)
            if branch == .bbox {
                boxAreaDiffers = records.count { results.hasSegmentation($0) && Double(measured[$0].area) != derived[$0].area }
            }
        case .keypoints:
            // Checked in the map above; read in place.
            let start: [Int]
            (table.keypoints, start) = results.keypointColumn()
            table.keypointStart = try ParallelLoop.map(count: records.count, threads: threads) { start[records[$0]] }
        }
        if branch == .bbox && context.iouType != .bbox && results.count > 0 && results.bbox(0) != nil {
            let kind = context.iouType == .segm ? "segm" : "keypoint"
            let extra = context.iouType == .segm ? " (\(boxAreaDiffers) differ from the mask area)" : ""
            warnings.append("warning: \(file): \(kind) results carry a bbox; pycocotools takes the box area w*h as their area\(extra), as here (detectron2 drops the bbox)")
        }
        if results.count == 0 {
            warnings.append("warning: \(file): no results; every AP is 0 (pycocotools raises IndexError)")
        }
        return (table, buckets)
    }

    /// `loadRes`' area and box of one result in `branch`; `mask` is its mask when one was made.
    /// Without `needsBox` (segm evaluations use the masks' own boxes) a mask's box is left zero.
    static func derive(bbox: BoundingBox?, keypoints: ArraySlice<Double>?, branch: Branch, mask: MeasuredMask?,
                       needsBox: Bool = true, keypointsChecked: Bool = false, check: RecordValidator) throws(InputError) -> (area: Double, box: BoundingBox) {
        switch branch {
        case .bbox:
            guard let given = bbox else { throw check.missing("bbox", "record 0 has a bbox") }
            try check.box(given)
            return (given.width * given.height, given)
        case .segmentation:
            guard let mask else { throw check.missing("segmentation", "record 0 has a segmentation and no bbox") }
            if let given = bbox {
                try check.box(given)
                return (Double(mask.area), given)
            }
            guard needsBox, case .runs(let runs) = mask.source else { return (Double(mask.area), BoundingBox(x: 0, y: 0, width: 0, height: 0)) }
            let box = runs.withUnsafeBufferPointer { RLE.boundingBox(runs: $0, height: mask.measure.height, width: mask.measure.width) }
            return (Double(mask.area), box)
        case .keypoints:
            guard let points = keypoints else {
                throw check.missing("keypoints", "record 0 has keypoints and no bbox or segmentation")
            }
            if !keypointsChecked { try check.keypoints(points, count: max(1, points.count / 3)) }
            let first = points.startIndex
            var (x0, x1, y0, y1) = (points[first], points[first], points[first + 1], points[first + 1])
            for index in stride(from: first, to: points.endIndex, by: 3) {
                x0 = min(x0, points[index]); x1 = max(x1, points[index])
                y0 = min(y0, points[index + 1]); y1 = max(y1, points[index + 1])
            }
            return ((x1 - x0) * (y1 - y0), BoundingBox(x: x0, y: y0, width: x1 - x0, height: y1 - y0))
        }
    }

    func decideBranch() throws(InputError) -> Branch {
        guard results.count > 0 else { return .bbox }
        if results.bbox(0) != nil { return .bbox }
        if results.hasSegmentation(0) { return .segmentation }
        if results.keypoints(0) != nil { return .keypoints }
        throw InputError(file: file, record: 0, field: "bbox",
                         message: "missing (a result needs a bbox, segmentation or keypoints)")
    }

    /// A result's mask: its runs (none when it can never be matched) or counts text, and its measures.
    struct MeasuredMask: Sendable {
        var source: MaskColumn.Source
        var measure: MaskColumn.Measure
        var area: Int { measure.area }

        init(runs: [UInt32], measure: MaskColumn.Measure) {
            source = .runs(runs)
            self.measure = measure
        }

        init(source: MaskColumn.Source, measure: MaskColumn.Measure) {
            self.source = source
            self.measure = measure
        }

        static var unused: MeasuredMask {
            MeasuredMask(runs: [], measure: MaskColumn.Measure(height: 0, width: 0, area: 0))
        }
    }

    /// The mask of every selected result, in parallel: its segmentation (decoded or rasterised
    /// on the GT image size), or in the bbox branch without one, `loadRes`' box polygon.
    /// A compressed mask in a pair without GT is only measured (see `groundTruthStart`).
    /// Indexed by record; `positions` gives each record's bucket-order row (-1: not evaluated).
    func masks(buckets: Buckets, positions: [Int], branch: Branch) throws(InputError) -> [MeasuredMask] {
        let (results, context, file) = (results, context, file)
        let needsRuns = runsNeeded(buckets: buckets, branch: branch)
        return try ParallelLoop.map(count: results.count, threads: context.threads) { record throws(InputError) in
            let position = positions[record]
            guard position >= 0 else { return MeasuredMask.unused }
            let check = RecordValidator(file: file, record: record)
            // Checked when the file was parsed into columns. A segm evaluation decodes the text
            // while evaluating the pair; a bbox one needs the box now.
            if context.iouType == .segm, let compressed = results.compressedMask(record) {
                let source = needsRuns[position]
                    ? MaskColumn.Source.text(arena: compressed.arena, start: compressed.textStart, count: compressed.textCount)
                    : .runs([])
                return MeasuredMask(source: source, measure: MaskColumn.Measure(
                    height: compressed.height, width: compressed.width, area: compressed.area))
            }
            if let (mask, area) = results.decodedMask(record, withRuns: needsRuns[position]) {
                return MeasuredMask(runs: mask.counts, measure: MaskColumn.Measure(
                    height: mask.height, width: mask.width, area: area))
            }
            let segmentation: Segmentation
            if let given = results.segmentation(record) {
                segmentation = given
            } else if branch == .bbox, let box = results.bbox(record) {
                try check.box(box)
                segmentation = .polygons([Self.polygon(of: box)])
            } else {
                throw check.missing("segmentation", "record 0 has a segmentation and no bbox")
            }
            if !needsRuns[position], case .compressedRLE(let height, let width, let counts) = segmentation {
                do throws(InputError) {
                    let area = try RLE.foregroundArea(compressedCounts: counts, height: height, width: width)
                    return MeasuredMask(runs: [], measure: MaskColumn.Measure(height: height, width: width, area: area))
                } catch {
                    throw check.attribute(error, field: "segmentation")
                }
            }
            let size = context.imageSizes.size(of: results.imageID(record))!
            let mask = try MaskConversion.rle(segmentation, height: size.height, width: size.width, check: check)
            return MeasuredMask(runs: mask.counts, measure: MaskColumn.Measure(mask))
        }
    }

    /// Per bucket-ordered row: whether its mask's runs can be read (an IoU with a GT of its
    /// pair, or the segm-vs-box area warning of the bbox branch).
    func runsNeeded(buckets: Buckets, branch: Branch) -> [Bool] {
        guard let groundTruthStart, context.iouType == .segm, branch == .segmentation else {
            return [Bool](repeating: true, count: buckets.records.count)
        }
        var needed = [Bool](repeating: false, count: buckets.records.count)
        let categoryCount = context.categoryIndex.count
        for bucket in 0..<(buckets.start.count - 1) {
            // Under useCats the pair is the bucket; otherwise it is the bucket's whole image.
            let pairBuckets = context.useCategories
                ? bucket ..< bucket + 1
                : (bucket / categoryCount * categoryCount) ..< (bucket / categoryCount + 1) * categoryCount
            guard groundTruthStart[pairBuckets.upperBound] > groundTruthStart[pairBuckets.lowerBound] else { continue }
            for row in buckets.start[bucket] ..< buckets.start[bucket + 1] { needed[row] = true }
        }
        return needed
    }

    /// `loadRes`' box polygon `[x1, y1, x1, y2, x2, y2, x2, y1]`.
    static func polygon(of box: BoundingBox) -> [Double] {
        let (x1, x2, y1, y2) = (box.x, box.x + box.width, box.y, box.y + box.height)
        return [x1, y1, x1, y2, x2, y2, x2, y1]
    }
}
