import COCO

/// pycocotools' `COCO` index plus `_prepare` for the ground truth: selection through
/// `getAnnIds`/`loadAnns` (duplicate ids resolve to the last annotation), the derived `ignore`
/// flag, and the fields each iou type reads, as flat rows in bucket order.
struct GroundTruthPreparation {
    let dataset: COCODataset
    let file: String
    let context: PreparationContext
    var warnings: [String] = []


    mutating func prepare() throws(InputError) -> (InstanceTable, Buckets) {
        let annotations = dataset.annotations
        var lastIndex: [Int: Int] = [:]
        lastIndex.reserveCapacity(annotations.count)
        for (index, annotation) in annotations.enumerated() { lastIndex[annotation.id] = index }
        let buckets = Buckets.byImageAndCategory(
            recordCount: annotations.count, imageIndex: context.imageIndex, categoryIndex: context.categoryIndex,
            useCategories: context.useCategories, imageID: { annotations[$0].imageID }, categoryID: { annotations[$0].categoryID },
            resolve: { lastIndex[annotations[$0].id]! })
        var table = InstanceTable()
        table.reserve(buckets.records.count)
        if context.iouType == .keypoints { table.keypoints.reserveCapacity(buckets.records.count * 3 * context.sigmaCount) }
        if context.iouType == .segm { table.masks = try masks(records: buckets.records) }
        var counts = (idZero: 0, ignoreOverwritten: 0, noCrowd: 0, noArea: 0, noKeypointCount: 0, noKeypoints: 0)
        for record in buckets.records {
            // Fields read in place: copying the annotation retained each of its arrays.
            let check = RecordValidator(file: file, record: record)
            let crowd = (annotations[record].isCrowd ?? 0) != 0
            if annotations[record].isCrowd == nil { counts.noCrowd += 1 }
            if annotations[record].id == 0 { counts.idZero += 1 }
            if (annotations[record].ignore ?? 0) != 0 && !crowd { counts.ignoreOverwritten += 1 }
            var ignored = crowd
            switch context.iouType {
            case .bbox:
                guard let box = annotations[record].bbox else { throw check.missing("bbox", "bbox evaluation") }
                try check.box(box)
                table.boxes.append(box)
            case .segm:
                break
            case .keypoints:
                guard let box = annotations[record].bbox else { throw check.missing("bbox", "keypoints evaluation") }
                try check.box(box)
                table.boxes.append(box)
                var points = annotations[record].keypoints ?? []
                if annotations[record].keypoints == nil {
                    counts.noKeypoints += 1
                    points = [Double](repeating: 0, count: 3 * context.sigmaCount)
                }
                try check.keypoints(points, count: context.sigmaCount)
                table.keypoints += points
                let labelled = stride(from: 2, to: points.count, by: 3).count { points[$0] > 0 }
                if annotations[record].numKeypoints == nil { counts.noKeypointCount += 1 }
                if (annotations[record].numKeypoints ?? labelled) == 0 { ignored = true }
            }
            let area: Double
            if let given = annotations[record].area {
                try check.finite(given, "area")
                area = given
            } else {
                counts.noArea += 1
                switch context.iouType {
                case .bbox, .keypoints: area = annotations[record].bbox!.area
                case .segm: area = Double(table.masks.measures[table.ids.count].area)
                }
            }
            table.ids.append(annotations[record].id)
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
            let source = context.iouType == .segm ? "the mask area" : "the box area w*h"
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

    /// `annToRLE` of every selected annotation with its area and box, rasterised in parallel
    /// (the costly part), gathered in bucket order.
    func masks(records: [Int]) throws(InputError) -> MaskColumn {
        let (annotations, context, file) = (dataset.annotations, context, file)
        let masks = try ParallelLoop.map(count: records.count, threads: context.threads) { position throws(InputError) in
            let record = records[position]
            let check = RecordValidator(file: file, record: record)
            let annotation = annotations[record]
            guard let segmentation = annotation.segmentation else {
                throw check.missing("segmentation", "segm evaluation")
            }
            guard let size = context.imageSizes.size(of: annotation.imageID) else {
                throw check.error("image_id", "image \(annotation.imageID) is not in the images list")
            }
            let mask = try MaskConversion.rle(segmentation, height: size.height, width: size.width, check: check)
            return (runs: mask.counts, measure: MaskColumn.Measure(mask), box: mask.boundingBox)
        }
        var column = MaskColumn()
        column.reserve(masks.count)
        for (runs, measure, box) in masks { column.append(.runs(runs), measure, box: box) }
        return column
    }
}
