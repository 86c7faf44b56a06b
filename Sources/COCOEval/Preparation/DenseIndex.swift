/// Position of an id in a sorted id list, looked up in a flat table when the ids span a small
/// range (COCO's image and category ids do) and in a dictionary otherwise.
///
/// Preparation looks up an image and a category for every GT and detection; hashing half a
/// million ids showed up in profiles.
struct DenseIndex: Sendable {
    private let minimum: Int
    private let table: [Int32]
    private let dictionary: [Int: Int]
    /// Number of ids.
    let count: Int

    init(sortedUniqueIDs ids: [Int]) {
        count = ids.count
        let minimum = ids.first ?? 0
        let span = (ids.last ?? 0).subtractingReportingOverflow(minimum)
        if !span.overflow && span.partialValue < max(1 << 16, 8 * ids.count) {
            var table = [Int32](repeating: -1, count: span.partialValue + 1)
            for (index, id) in ids.enumerated() { table[id - minimum] = Int32(index) }
            self.minimum = minimum
            self.table = table
            dictionary = [:]
        } else {
            self.minimum = 0
            table = []
            dictionary = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
        }
    }

    subscript(id: Int) -> Int? {
        if table.isEmpty { return dictionary[id] }
        let offset = id.subtractingReportingOverflow(minimum)
        guard !offset.overflow, offset.partialValue >= 0, offset.partialValue < table.count else { return nil }
        let index = table[offset.partialValue]
        return index < 0 ? nil : Int(index)
    }
}
