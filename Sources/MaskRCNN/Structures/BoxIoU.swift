/// A dense row-major matrix of pairwise IoUs: `rows` boxes (e.g. GT) against `columns` boxes
/// (e.g. anchors or proposals).
public struct IoUMatrix: Equatable, Sendable {
    /// Number of boxes of the first set.
    public let rows: Int
    /// Number of boxes of the second set.
    public let columns: Int
    /// `rows x columns` IoUs, row-major.
    public let values: [Float]

    /// The IoU of every box of `first` with every box of `second`.
    ///
    /// Float32 arithmetic in torchvision's `box_iou` order, so non-degenerate boxes give its
    /// bits exactly. Pairs with no intersection give 0 (detectron2's `pairwise_iou`), also
    /// when both boxes are empty, where torchvision would divide 0 by 0.
    public init(_ first: [Box], _ second: [Box]) {
        rows = first.count
        columns = second.count
        let n = second.count
        // The second set as columns x1 | y1 | x2 | y2 | area, so the inner loop is branch-free
        // over contiguous Floats and vectorises (RPN: a few GT against ~16k anchors).
        var table = [Float](repeating: 0, count: 5 * n)
        for (j, b) in second.enumerated() {
            table[j] = b.x1
            table[n + j] = b.y1
            table[2 * n + j] = b.x2
            table[3 * n + j] = b.y2
            table[4 * n + j] = b.area
        }
        var values = [Float](repeating: 0, count: first.count * n)
        table.withUnsafeBufferPointer { table in
            values.withUnsafeMutableBufferPointer { values in
                guard let base = table.baseAddress, let out = values.baseAddress else { return }
                let x1 = base, y1 = base + n, x2 = base + 2 * n, y2 = base + 3 * n, area = base + 4 * n
                for (i, a) in first.enumerated() {
                    let areaA = a.area
                    let row = out + i * n
                    for j in 0..<n {
                        let width = max(min(a.x2, x2[j]) - max(a.x1, x1[j]), 0)
                        let height = max(min(a.y2, y2[j]) - max(a.y1, y1[j]), 0)
                        let intersection = width * height
                        let iou = intersection / (areaA + area[j] - intersection)
                        row[j] = intersection > 0 ? iou : 0
                    }
                }
            }
        }
        self.values = values
    }

    /// The IoU of box `row` of the first set with box `column` of the second.
    @inlinable public subscript(row: Int, column: Int) -> Float {
        values[row * columns + column]
    }
}
