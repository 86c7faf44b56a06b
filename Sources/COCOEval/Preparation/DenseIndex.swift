/// Position of an id in a sorted id list, looked up in a flat table when the ids span a small
/// range (COCO's image and category ids do) and in an open-addressing hash table otherwise.
///
/// Preparation looks up an image and a category for every GT and detection; hashing half a
/// million ids through `Dictionary` (SipHash) was 5% of a bbox evaluation.
struct DenseIndex: Sendable {
    private let minimum: Int
    private let table: [Int32]
    /// Open addressing with linear probing: (id, position) slots, a power of two at most half full.
    private let slotIDs: [Int]
    private let slotPositions: [Int32]
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
            slotIDs = []
            slotPositions = []
        } else {
            self.minimum = 0
            table = []
            var capacity = 16
            while capacity < 2 * ids.count { capacity *= 2 }
            var slotIDs = [Int](repeating: 0, count: capacity)
            var slotPositions = [Int32](repeating: -1, count: capacity)
            for (position, id) in ids.enumerated() {
                var slot = Self.slot(of: id, capacity: capacity)
                while slotPositions[slot] >= 0 { slot = (slot + 1) & (capacity - 1) }
                slotIDs[slot] = id
                slotPositions[slot] = Int32(position)
            }
            self.slotIDs = slotIDs
            self.slotPositions = slotPositions
        }
    }

    /// Fibonacci hashing: the top bits of id * 2^64/phi.
    @inline(__always)
    private static func slot(of id: Int, capacity: Int) -> Int {
        Int(truncatingIfNeeded: (UInt64(bitPattern: Int64(id)) &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - capacity.trailingZeroBitCount))
    }

    subscript(id: Int) -> Int? {
        if table.isEmpty {
            let capacity = slotIDs.count
            guard capacity > 0 else { return nil }
            var slot = Self.slot(of: id, capacity: capacity)
            while true {
                let position = slotPositions[slot]
                if position < 0 { return nil }
                if slotIDs[slot] == id { return Int(position) }
                slot = (slot + 1) & (capacity - 1)
            }
        }
        let offset = id.subtractingReportingOverflow(minimum)
        guard !offset.overflow, offset.partialValue >= 0, offset.partialValue < table.count else { return nil }
        let index = table[offset.partialValue]
        return index < 0 ? nil : Int(index)
    }
}
