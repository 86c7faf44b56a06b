/// A results file as columns, one row per detection in file order: what the evaluator reads,
/// without a ``COCOResult`` (and its optional arrays) per record or a `String` per compressed
/// mask. `cocoeval`'s fast path: ``load(contentsOf:)`` parses a file straight into columns,
/// checks each compressed mask and keeps its counts text in a shared arena (decoded again by
/// ``runs(of:)`` for the masks an evaluation walks).
///
/// Package-internal: the public API stays `[COCOResult]`; this is an evaluation detail.
package struct ResultColumns: Sendable {
    /// A compressed-RLE segmentation checked at parse time (valid characters and runs summing
    /// to h * w).
    package struct CompressedMask: Sendable, Equatable {
        /// The mask's own size (pycocotools keeps a compressed RLE's size, cocoapi#488).
        package var height: Int
        package var width: Int
        /// Which of `countsArenas` holds the counts text (unescaped), and where.
        package var arena: Int
        package var textStart: Int
        package var textCount: Int
        /// Foreground pixels (the sum of the odd runs), `maskUtils.area`.
        package var area: Int
    }

    /// Where a row's segmentation is.
    package enum SegmentationRow: Sendable, Equatable {
        case none
        /// An index into `compressedMasks`.
        case compressed(Int)
        /// An index into `otherSegmentations` (polygons or uncompressed RLE: rare in results).
        case other(Int)
    }

    package var imageIDs: [Int] = []
    package var categoryIDs: [Int] = []
    package var scores: [Double] = []
    package var boxes: [BoundingBox?] = []
    /// Row r's keypoints are `keypointValues[keypointStart[r] ..< keypointStart[r + 1]]` when
    /// `hasKeypoints[r]`.
    package var keypointValues: [Double] = []
    package var keypointStart: [Int] = [0]
    package var hasKeypoints: [Bool] = []
    package var segmentations: [SegmentationRow] = []
    package var compressedMasks: [CompressedMask] = []
    package var otherSegmentations: [Segmentation] = []
    /// Compressed counts text; one arena per parsing thread, so halves join without copying.
    package var countsArenas: [[UInt8]] = []

    package init() {}

    /// The columns of parsed records (the fallback when the fast parse declines a file; every
    /// segmentation is kept as given).
    package init(_ results: [COCOResult]) {
        reserve(results.count)
        for result in results {
            appendRow(imageID: result.imageID, categoryID: result.categoryID, score: result.score,
                      box: result.bbox, keypoints: result.keypoints?[...],
                      segmentation: result.segmentation.map { .other($0) } ?? .none)
        }
    }

    /// A new row's segmentation, for ``appendRow(imageID:categoryID:score:box:keypoints:segmentation:)``.
    package enum NewSegmentation {
        case none
        case compressed(CompressedMask)
        case other(Segmentation)
    }

    package var count: Int { imageIDs.count }

    package mutating func reserve(_ capacity: Int) {
        imageIDs.reserveCapacity(capacity)
        categoryIDs.reserveCapacity(capacity)
        scores.reserveCapacity(capacity)
        boxes.reserveCapacity(capacity)
        hasKeypoints.reserveCapacity(capacity)
        keypointStart.reserveCapacity(capacity + 1)
        segmentations.reserveCapacity(capacity)
    }

    package mutating func appendRow(imageID: Int, categoryID: Int, score: Double, box: BoundingBox?,
                                    keypoints: ArraySlice<Double>?, segmentation: NewSegmentation) {
        if let keypoints { keypointValues.append(contentsOf: keypoints) }
        appendRow(imageID: imageID, categoryID: categoryID, score: score, box: box, hasKeypoints: keypoints != nil,
                  segmentation: segmentation)
    }

    /// Appends a row whose keypoints (when `hasKeypoints`) were already appended to
    /// `keypointValues`: the reader parses them straight into the column.
    package mutating func appendRow(imageID: Int, categoryID: Int, score: Double, box: BoundingBox?,
                                    hasKeypoints rowHasKeypoints: Bool, segmentation: NewSegmentation) {
        imageIDs.append(imageID)
        categoryIDs.append(categoryID)
        scores.append(score)
        boxes.append(box)
        hasKeypoints.append(rowHasKeypoints)
        keypointStart.append(keypointValues.count)
        switch segmentation {
        case .none: segmentations.append(.none)
        case .compressed(let mask):
            segmentations.append(.compressed(compressedMasks.count))
            compressedMasks.append(mask)
        case .other(let given):
            segmentations.append(.other(otherSegmentations.count))
            otherSegmentations.append(given)
        }
    }

    /// Appends `other`'s rows (its masks keep pointing at its own arenas, appended after ours).
    package mutating func append(_ other: ResultColumns) {
        let (masks, others, arenas, values) =
            (compressedMasks.count, otherSegmentations.count, countsArenas.count, keypointValues.count)
        imageIDs += other.imageIDs
        categoryIDs += other.categoryIDs
        scores += other.scores
        boxes += other.boxes
        hasKeypoints += other.hasKeypoints
        keypointValues += other.keypointValues
        keypointStart += other.keypointStart.dropFirst().lazy.map { $0 + values }
        segmentations += other.segmentations.lazy.map { row -> SegmentationRow in
            switch row {
            case .none: return .none
            case .compressed(let index): return .compressed(index + masks)
            case .other(let index): return .other(index + others)
            }
        }
        compressedMasks += other.compressedMasks.lazy.map { mask in
            var moved = mask
            moved.arena += arenas
            return moved
        }
        otherSegmentations += other.otherSegmentations
        countsArenas += other.countsArenas
    }

    /// Row r's keypoints, or nil.
    package func keypointSlice(_ row: Int) -> ArraySlice<Double>? {
        hasKeypoints[row] ? keypointValues[keypointStart[row] ..< keypointStart[row + 1]] : nil
    }

    /// Row r's segmentation as ``Segmentation`` (a compressed mask re-encoded from its runs),
    /// for tests and callers that want records.
    package func segmentation(_ row: Int) -> Segmentation? {
        switch segmentations[row] {
        case .none: return nil
        case .other(let index): return otherSegmentations[index]
        case .compressed(let index):
            let mask = compressedMasks[index]
            return .compressedRLE(height: mask.height, width: mask.width,
                                  counts: RLE(height: mask.height, width: mask.width, counts: runs(of: mask)).compressedCounts)
        }
    }

    /// The runs of a compressed mask, decoded from its counts text (checked at parse time).
    package func runs(of mask: CompressedMask) -> [UInt32] {
        countsArenas[mask.arena].withUnsafeBufferPointer { arena in
            RLE.runs(checkedCompressedCounts: UnsafeBufferPointer(rebasing: arena[mask.textStart ..< mask.textStart + mask.textCount]))
        }
    }
}
