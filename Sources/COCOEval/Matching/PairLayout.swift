/// The (category group, image) pairs of an evaluation and where their rows and detection slots
/// live. Pair `p = k * imageCount + i`, so one category's pairs are contiguous in image order.
struct PairLayout: Sendable {
    let imageCount: Int
    let categoryCount: Int
    let useCategories: Bool
    let groundTruthStart: [Int]
    let detectionStart: [Int]
    /// K: the category count, or 1 when categories are not used.
    let groupCount: Int
    /// Evaluated detections (at most `maxDetections` per pair) of pair p start at `slotStart[p]`.
    let slotStart: [Int]

    init(imageCount: Int, categoryCount: Int, useCategories: Bool,
         groundTruthStart: [Int], detectionStart: [Int], maxDetections: Int) {
        self.imageCount = imageCount
        self.categoryCount = categoryCount
        self.useCategories = useCategories
        self.groundTruthStart = groundTruthStart
        self.detectionStart = detectionStart
        groupCount = useCategories ? categoryCount : 1
        var slots = [0]
        slots.reserveCapacity(groupCount * imageCount + 1)
        for pair in 0..<(groupCount * imageCount) {
            let count = Self.rows(pair, imageCount: imageCount, categoryCount: categoryCount,
                                  useCategories: useCategories, start: detectionStart).count
            slots.append(slots[slots.count - 1] + min(count, maxDetections))
        }
        slotStart = slots
    }

    var pairCount: Int { groupCount * imageCount }

    /// Under `useCats` the pair's own bucket (same numbering); otherwise the image's buckets
    /// across categories, in order.
    @inline(__always)
    private static func rows(_ pair: Int, imageCount: Int, categoryCount: Int, useCategories: Bool,
                             start: [Int]) -> Range<Int> {
        if useCategories { return start[pair] ..< start[pair + 1] }
        let image = pair % imageCount
        return start[image * categoryCount] ..< start[(image + 1) * categoryCount]
    }

    func groundTruthRows(_ pair: Int) -> Range<Int> {
        Self.rows(pair, imageCount: imageCount, categoryCount: categoryCount, useCategories: useCategories,
                  start: groundTruthStart)
    }

    func detectionRows(_ pair: Int) -> Range<Int> {
        Self.rows(pair, imageCount: imageCount, categoryCount: categoryCount, useCategories: useCategories,
                  start: detectionStart)
    }
}
