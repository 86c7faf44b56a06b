import Testing
import COCO
import COCOEval

@Test func placeholder() {
    let rle = RLE(height: 2, width: 2, counts: [1, 2, 1])
    #expect(rle.counts.reduce(0, +) == 4)
}
