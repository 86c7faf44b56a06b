/// Rows grouped by (image index, category index) with a prefix-sum table: bucket
/// `category * imageCount + image` (under `useCats`) holds rows `start[bucket] ..< start[bucket + 1]`,
/// so buckets are in the evaluator's pair order and its pair loop reads the tables sequentially.
///
/// Under `useCats = 0` the bucket is `image * categoryCount + category`: an image's categories
/// are adjacent buckets, so pycocotools' concatenation "across `catIds`, in that order" is one
/// contiguous row range.
struct Buckets: Sendable {
    /// Prefix sums, `imageCount * categoryCount + 1` entries.
    var start: [Int]
    /// Source record index of each row, in bucket order.
    var records: [Int]

    /// Stable bucketing of pycocotools' `getAnnIds` walk.
    ///
    /// - Parameters:
    ///   - walkImage: the evaluated-image index a record is walked under (`imgToAnns`), or nil.
    ///   - walkKeeps: the category filter applied during the walk (on the record walked).
    ///   - resolve: the record `loadAnns` returns for it (the last one with its id).
    ///   - bucket: the bucket of a resolved record, or nil when no evaluated pair reads it.
    static func make(
        recordCount: Int, imageCount: Int, bucketCount: Int,
        walkImage: (Int) -> Int?, walkKeeps: (Int) -> Bool,
        resolve: (Int) -> Int, bucket: (Int) -> Int?
    ) -> Buckets {
        // Walk order: by evaluated image, file order within an image.
        var imageStart = [Int](repeating: 0, count: imageCount + 1)
        var walkImages = [Int](repeating: -1, count: recordCount)
        for record in 0..<recordCount {
            guard let image = walkImage(record), walkKeeps(record) else { continue }
            walkImages[record] = image
            imageStart[image + 1] += 1
        }
        for image in 0..<imageCount { imageStart[image + 1] += imageStart[image] }
        var walk = [Int](repeating: 0, count: imageStart[imageCount])
        var fill = imageStart
        for record in 0..<recordCount where walkImages[record] >= 0 {
            walk[fill[walkImages[record]]] = record
            fill[walkImages[record]] += 1
        }
        // Resolve, then bucket stably by the resolved record's (image, category).
        var keys = [Int](repeating: -1, count: walk.count)
        var start = [Int](repeating: 0, count: bucketCount + 1)
        for (position, record) in walk.enumerated() {
            let resolved = resolve(record)
            walk[position] = resolved
            if let key = bucket(resolved) {
                keys[position] = key
                start[key + 1] += 1
            }
        }
        for key in 0..<bucketCount { start[key + 1] += start[key] }
        var records = [Int](repeating: 0, count: start[bucketCount])
        fill = start
        for (position, key) in keys.enumerated() where key >= 0 {
            records[fill[key]] = walk[position]
            fill[key] += 1
        }
        return Buckets(start: start, records: records)
    }

    /// `getAnnIds(imgIds=p.imgIds, catIds=p.catIds)` then `loadAnns`, grouped into
    /// `_gts`/`_dts[imageId, categoryId]`: walk evaluated images in order, filter by category
    /// under `useCats`, resolve ids, and bucket by the resolved record's image and category.
    static func byImageAndCategory(
        recordCount: Int, imageIndex: DenseIndex, categoryIndex: DenseIndex, useCategories: Bool,
        imageID: (Int) -> Int, categoryID: (Int) -> Int, resolve: (Int) -> Int
    ) -> Buckets {
        let (categoryCount, imageCount) = (categoryIndex.count, imageIndex.count)
        return make(
            recordCount: recordCount, imageCount: imageIndex.count, bucketCount: imageIndex.count * categoryCount,
            walkImage: { imageIndex[imageID($0)] },
            walkKeeps: { !useCategories || categoryIndex[categoryID($0)] != nil },
            resolve: resolve,
            bucket: { record in
                guard let image = imageIndex[imageID(record)], let category = categoryIndex[categoryID(record)] else {
                    return nil
                }
                return useCategories ? category * imageCount + image : image * categoryCount + category
            })
    }
}
