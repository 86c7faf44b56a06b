/// One row of the per-category AP table.
public struct CategoryAveragePrecision: Sendable, Equatable, Codable {
    /// The category id (-1 when categories are not used).
    public var categoryID: Int
    /// Mean of `precision[:, :, k, 0, -1]` over entries above -1 (area "all" — the first range —
    /// and the largest max detections); `nil` when there are none (no GT of the category).
    public var averagePrecision: Double?

    /// Creates a row.
    public init(categoryID: Int, averagePrecision: Double?) {
        self.categoryID = categoryID
        self.averagePrecision = averagePrecision
    }
}
