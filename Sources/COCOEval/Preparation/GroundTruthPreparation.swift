import COCO

/// pycocotools' `COCO` index plus `_prepare` for the ground truth: selection through
/// `getAnnIds`/`loadAnns` (duplicate ids resolve to the last annotation), the derived `ignore`
/// flag, and the fields each iou type reads, as flat rows in bucket order.
struct GroundTruthPreparation {
    let dataset: COCODataset
    let file: String
    let iouType: IoUType
    let sigmaCount: Int
    let imageIndex: DenseIndex
    let categoryIndex: DenseIndex
    let useCategories: Bool
    let imageSizes: ImageSizes
    var warnings: [String] = []


    mutating func prepare() throws(InputError) -> (InstanceTable, Buckets) {
        let annotations = dataset.annotations
        var lastIndex: [Int: Int] = [:]
        lastIndex.reserveCapacity(annotations.count)
        for (index, annotation) in annotations.enumerated() { lastIndex[annotation.id] = index }
        let buckets = Buckets.byImageAndCategory(
            recordCount: annotations.count, imageIndex: imageIndex, categoryIndex: categoryIndex,
            useCategories: useCategories, imageID: { annotations[$0].imageID }, categoryID: { annotations[$0].categoryID },
            resolve: { lastIndex[annotations[$0].id]! })
        var table = InstanceTable()
        table.reserve(buckets.records.count)
        var counts = (idZero: 0, ignoreOverwritten: 0, noCrowd: 0, noArea: 0, noKeypointCount: 0, noKeypoints: 0)
        for record in buckets.records {
            let annotation = annotations[record]
            let check = RecordValidator(file: file, record: record, array: "annotations")
            let crowd = (annotation.isCrowd ?? 0) != 0
            if annotation.isCrowd == nil { counts.noCrowd += 1 }
            if annotation.id == 0 { counts.idZero += 1 }
            if (annotation.ignore ?? 0) != 0 && !crowd { counts.ignoreOverwritten += 1 }
            var ignored = crowd
            switch iouType {
            case .bbox:
                guard let box = annotation.bbox else { throw check.missing("bbox", "bbox evaluation") }
                try check.box(box)
                table.appendBox(box)
            case .segm:
                guard let segmentation = annotation.segmentation else {
                    throw check.missing("segmentation", "segm evaluation")
                }
                guard let size = imageSizes.size(of: annotation.imageID) else {
                    throw check.error("image_id", "image \(annotation.imageID) is not in the images list")
                }
                table.masks.append(try MaskConversion.rle(segmentation, height: size.height, width: size.width,
                                                          check: check))
            case .keypoints:
                guard let box = annotation.bbox else { throw check.missing("bbox", "keypoints evaluation") }
                try check.box(box)
                table.appendBox(box)
                var points = annotation.keypoints ?? []
                if annotation.keypoints == nil {
                    counts.noKeypoints += 1
                    points = [Double](repeating: 0, count: 3 * sigmaCount)
                }
                try check.keypoints(points, count: sigmaCount)
                table.keypoints += points
                let labelled = stride(from: 2, to: points.count, by: 3).count { points[$0] > 0 }
                if annotation.numKeypoints == nil { counts.noKeypointCount += 1 }
                if (annotation.numKeypoints ?? labelled) == 0 { ignored = true }
            }
            let area: Double
            if let given = annotation.area {
                try check.finite(given, "area")
                area = given
            } else {
                counts.noArea += 1
                switch iouType {
                case .bbox, .keypoints: area = annotation.bbox!.area
                case .segm: area = Double(table.masks[table.masks.count - 1].area)
                }
            }
            table.ids.append(annotation.id)
            table.areas.append(area)
            table.isCrowd.append(crowd)
            table.isIgnored.append(ignored)
        }
        if counts.idZero > 0 {
            warnings.append("warning: \(file): \(counts.idZero) annotations have id 0; pycocotools never counts them as matched")
        }
        let duplicates = annotations.count - lastIndex.count
        if duplicates > 0 {
            warnings.append("warning: \(file): \(duplicates) annotations repeat an earlier id; pycocotools counts the last one in place of each earlier one")
        }
        if counts.ignoreOverwritten > 0 {
            warnings.append("warning: \(file): \(counts.ignoreOverwritten) annotations have ignore=1 but iscrowd=0; pycocotools overwrites ignore with iscrowd and counts them")
        }
        if counts.noCrowd > 0 {
            warnings.append("note: \(file): \(counts.noCrowd) annotations have no iscrowd; taken as 0 (pycocotools would crash)")
        }
        if counts.noArea > 0 {
            let source = iouType == .segm ? "the mask area" : "the box area w*h"
            warnings.append("note: \(file): \(counts.noArea) annotations have no area; using \(source) (pycocotools would crash)")
        }
        if counts.noKeypointCount > 0 {
            warnings.append("note: \(file): \(counts.noKeypointCount) annotations have no num_keypoints; using the count of v>0 (pycocotools would crash)")
        }
        if counts.noKeypoints > 0 {
            warnings.append("note: \(file): \(counts.noKeypoints) annotations have no keypoints; taken as unlabelled, so ignored")
        }
        return (table, buckets)
    }
}
