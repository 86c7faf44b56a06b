import COCO

/// pycocotools' `loadRes` plus `_prepare` for the detections: the result type is decided by the
/// first record alone (non-empty bbox, then segmentation, then keypoints), each branch derives
/// area/box/segmentation exactly as `loadRes` does, ids are index + 1, and every image id must
/// be a GT image.
struct DetectionPreparation {
    let results: [COCOResult]
    let file: String
    let iouType: IoUType
    let sigmaCount: Int
    let imageSizes: ImageSizes
    let imageIndex: DenseIndex
    let categoryIndex: DenseIndex
    let useCategories: Bool
    var warnings: [String] = []

    /// The `loadRes` branch, from the first record.
    enum Branch { case bbox, segmentation, keypoints }

    mutating func prepare() throws(InputError) -> (InstanceTable, Buckets) {
        for (record, result) in results.enumerated() where imageSizes.size(of: result.imageID) == nil {
            throw RecordValidator(file: file, record: record).error(
                "image_id", "image \(result.imageID) is not in the ground truth")
        }
        let branch = try decideBranch()
        let buckets = Buckets.byImageAndCategory(
            recordCount: results.count, imageIndex: imageIndex, categoryIndex: categoryIndex,
            useCategories: useCategories, imageID: { results[$0].imageID }, categoryID: { results[$0].categoryID },
            resolve: { $0 })
        var table = InstanceTable()
        table.reserve(buckets.records.count)
        table.scores.reserveCapacity(buckets.records.count)
        if iouType != .segm { table.boxes.reserveCapacity(4 * buckets.records.count) }
        var boxAreaDiffers = 0
        for record in buckets.records {
            let result = results[record]
            let check = RecordValidator(file: file, record: record)
            try check.finite(result.score, "score")
            var area: Double
            var box: BoundingBox
            var mask: RLE?
            switch branch {
            case .bbox:
                guard let given = result.bbox else { throw check.missing("bbox", "record 0 has a bbox") }
                try check.box(given)
                box = given
                area = given.width * given.height
                if iouType == .segm {
                    if let segmentation = result.segmentation {
                        mask = try rle(segmentation, record: record)
                        if Double(mask!.area) != area { boxAreaDiffers += 1 }
                    } else {
                        mask = try rle(.polygons([Self.polygon(of: given)]), record: record)
                    }
                }
            case .segmentation:
                guard let segmentation = result.segmentation else {
                    throw check.missing("segmentation", "record 0 has a segmentation and no bbox")
                }
                let converted = try rle(segmentation, record: record)
                mask = converted
                area = Double(converted.area)
                if let given = result.bbox {
                    try check.box(given)
                    box = given
                } else {
                    box = converted.boundingBox
                }
            case .keypoints:
                guard let points = result.keypoints else {
                    throw check.missing("keypoints", "record 0 has keypoints and no bbox or segmentation")
                }
                try check.keypoints(points, count: max(1, points.count / 3))
                var (x0, x1, y0, y1) = (points[0], points[0], points[1], points[1])
                for index in stride(from: 0, to: points.count, by: 3) {
                    x0 = min(x0, points[index]); x1 = max(x1, points[index])
                    y0 = min(y0, points[index + 1]); y1 = max(y1, points[index + 1])
                }
                area = (x1 - x0) * (y1 - y0)
                box = BoundingBox(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
            }
            switch iouType {
            case .bbox: table.appendBox(box)
            case .segm: table.masks.append(mask!)
            case .keypoints:
                guard let points = result.keypoints else { throw check.missing("keypoints", "keypoints evaluation") }
                try check.keypoints(points, count: sigmaCount)
                table.keypoints += points
            }
            table.ids.append(record + 1)
            table.scores.append(result.score)
            table.areas.append(area)
        }
        if branch == .bbox && iouType != .bbox && results.first?.bbox != nil {
            let kind = iouType == .segm ? "segm" : "keypoint"
            let extra = iouType == .segm ? " (\(boxAreaDiffers) differ from the mask area)" : ""
            warnings.append("warning: \(file): \(kind) results carry a bbox; pycocotools takes the box area w*h as their area\(extra), as here (detectron2 drops the bbox)")
        }
        if results.isEmpty {
            warnings.append("warning: \(file): no results; every AP is 0 (pycocotools raises IndexError)")
        }
        return (table, buckets)
    }

    func decideBranch() throws(InputError) -> Branch {
        guard let first = results.first else { return .bbox }
        if first.bbox != nil { return .bbox }
        if first.segmentation != nil { return .segmentation }
        if first.keypoints != nil { return .keypoints }
        throw InputError(file: file, record: 0, field: "bbox",
                         message: "missing (a result needs a bbox, segmentation or keypoints)")
    }

    func rle(_ segmentation: Segmentation, record: Int) throws(InputError) -> RLE {
        let result = results[record]
        let size = imageSizes.size(of: result.imageID)!
        return try MaskConversion.rle(segmentation, height: size.height, width: size.width,
                                      check: RecordValidator(file: file, record: record))
    }

    /// `loadRes`' box polygon `[x1, y1, x1, y2, x2, y2, x2, y1]`.
    static func polygon(of box: BoundingBox) -> [Double] {
        let (x1, x2, y1, y2) = (box.x, box.x + box.width, box.y, box.y + box.height)
        return [x1, y1, x1, y2, x2, y2, x2, y1]
    }
}
