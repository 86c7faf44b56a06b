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
        var values = [Float](repeating: 0, count: first.count * n)
        // Branch-free over the second set's columns (RPN: a few GT against ~16k anchors).
        BoxColumns(second).withPointers { b in
            values.withUnsafeMutableBufferPointer { buffer in
                guard let values = buffer.baseAddress else { return }
                for (i, a) in first.enumerated() {
                    let areaA = a.area
                    for j in 0..<n {
                        let width = max(min(a.x2, b.x2[j]) - max(a.x1, b.x1[j]), 0)
                        let height = max(min(a.y2, b.y2[j]) - max(a.y1, b.y1[j]), 0)
                        let intersection = width * height
                        let iou = intersection / (areaA + b.area[j] - intersection)
                        values[i * n + j] = intersection > 0 ? iou : 0
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
