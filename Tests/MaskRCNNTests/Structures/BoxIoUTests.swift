import Testing
@testable import MaskRCNN

@Suite struct BoxIoUTests {
    struct Case: Decodable { let first: [Double]; let second: [Double]; let iou: [Double] }

    @Test func equalsTorchvisionBoxIoU() throws {
        for c in try DetectorFixture<Case>.load("box_iou.json") {
            let matrix = IoUMatrix(boxes(c.first), boxes(c.second))
            #expect(matrix.rows * matrix.columns == c.iou.count)
            #expect(matrix.values == c.iou.map { Float($0) }, "IoU must be bit-identical to torchvision")
        }
    }

    @Test func disjointAndEmptyBoxesHaveZeroIoU() {
        let a = Box(x1: 0, y1: 0, x2: 10, y2: 10)
        let matrix = IoUMatrix([a, Box(x1: 3, y1: 3, x2: 3, y2: 3)], [Box(x1: 20, y1: 0, x2: 30, y2: 10), a, Box(x1: 5, y1: 0, x2: 15, y2: 10)])
        #expect(matrix.values == [0, 1, 50.0 / 150.0, 0, 0, 0])
    }

    @Test func emptySetsGiveEmptyResults() {
        let box = Box(x1: 0, y1: 0, x2: 1, y2: 1)
        #expect(IoUMatrix([box], []).values.isEmpty && IoUMatrix([], [box]).values.isEmpty)
        #expect(NonMaximumSuppression.keep(boxes: [], scores: [], threshold: 0.5).isEmpty)
        #expect(NonMaximumSuppression.keepPerGroup(boxes: [], scores: [], groups: [], threshold: 0.5).isEmpty)
    }

    @Test func clipAndSizeHelpers() {
        let box = Box(x1: -5, y1: 2, x2: 120, y2: 70)
        #expect(box.clipped(toWidth: 100, height: 64) == Box(x1: 0, y1: 2, x2: 100, y2: 64))
        #expect(box.area == 125 * 68)
        #expect(Box(x1: 0, y1: 0, x2: 2, y2: 5).isLarger(than: 1.5))
        #expect(!Box(x1: 0, y1: 0, x2: 2, y2: 5).isLarger(than: 2))
        #expect(box.isInside(width: 100, height: 64, margin: 21) && !box.isInside(width: 100, height: 64, margin: 20))
    }
}
