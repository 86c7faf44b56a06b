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
        var values = [Float](repeating: 0, count: first.count * second.count)
        let secondAreas = second.map(\.area)
        for (i, a) in first.enumerated() {
            let areaA = a.area
            for (j, b) in second.enumerated() {
                let intersection = Self.intersection(a, b)
                if intersection > 0 {
                    values[i * second.count + j] = intersection / (areaA + secondAreas[j] - intersection)
                }
            }
        }
        self.values = values
    }

    /// The IoU of box `row` of the first set with box `column` of the second.
    @inlinable public subscript(row: Int, column: Int) -> Float {
        values[row * columns + column]
    }

    /// The intersection area of two boxes (0 when they do not overlap).
    @inlinable static func intersection(_ a: Box, _ b: Box) -> Float {
        let w = max(min(a.x2, b.x2) - max(a.x1, b.x1), 0)
        let h = max(min(a.y2, b.y2) - max(a.y1, b.y1), 0)
        return w * h
    }
}
