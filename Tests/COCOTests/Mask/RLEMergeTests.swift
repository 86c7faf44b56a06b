import Testing
@testable import COCO

@Suite struct RLEMergeTests {
    @Test func mergesAsPycocotools() throws {
        let cases = RLEFixtures.shared.merge
        #expect(cases.count >= 50)
        for c in cases {
            let masks = try c.masks.map { try $0.rle() }
            let union = RLE.union(masks), intersection = RLE.intersection(masks)
            #expect([union.height, union.width] == c.union.size)
            #expect(union.compressedCounts == c.union.counts)
            #expect([intersection.height, intersection.width] == c.intersection.size)
            #expect(intersection.compressedCounts == c.intersection.counts)
        }
    }

    @Test func mergingNothingGivesAnEmptyMask() {
        #expect(RLE.union([]) == RLE(height: 0, width: 0, counts: []))
    }

    @Test func finishesWhereBothListsHitZeroLengthRunsTogether() {
        // pycocotools stops merging at the first step where both remaining runs are empty, and
        // a third mask then loops forever; MaskBench walks every run.
        let a = RLE(height: 1, width: 6, counts: [1, 2, 0, 0, 1, 2])
        let b = RLE(height: 1, width: 6, counts: [3, 0, 0, 3])
        let c = RLE(height: 1, width: 6, counts: [6])
        let union = RLE.union([a, b, c])
        #expect(union.decodedColumnMajor() == [0, 1, 1, 1, 1, 1])
        #expect(union.counts.reduce(0, +) == 6)
        #expect(RLE.intersection([a, b]).decodedColumnMajor() == [0, 0, 0, 0, 1, 1])
    }
}

@Test func emptyRunListsDoNotTrap() {
    let empty = RLE(height: 0, width: 0, counts: [])
    #expect(RLE.union([empty, empty]).counts.reduce(0, +) == 0)
}
