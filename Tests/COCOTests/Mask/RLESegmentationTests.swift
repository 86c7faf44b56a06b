import Testing
@testable import COCO

@Suite struct RLESegmentationTests {
    @Test func convertsAnnotationsAsAnnToRLE() throws {
        let cases = RLEFixtures.shared.annotations
        #expect(cases.contains { $0.note != nil }, "fixtures should cover the 4-number box quirk")
        for c in cases {
            let rle = try RLE(segmentation: c.segmentation, height: c.height, width: c.width)
            #expect([rle.height, rle.width] == c.expected.size)
            #expect(rle.compressedCounts == c.expected.counts)
        }
    }

    @Test func emptyPolygonListIsAnEmptyMask() throws {
        #expect(try RLE(segmentation: .polygons([]), height: 2, width: 3).counts == [6])
    }

    @Test func rejectsWhatPycocotoolsCannotRead() {
        #expect(throws: InputError.self) {
            _ = try RLE(segmentation: .polygons([[1, 2, 3, 4], [1, 2, 3, 4, 5, 6]]), height: 9, width: 9)
        }
        #expect(throws: InputError.self) { _ = try RLE(segmentation: .polygons([[1, 2]]), height: 9, width: 9) }
        #expect(throws: InputError.self) {
            _ = try RLE(segmentation: .uncompressedRLE(height: 2, width: 2, counts: [1, 1]), height: 2, width: 2)
        }
        #expect(throws: InputError.self) {
            _ = try RLE(segmentation: .compressedRLE(height: 2, width: 2, counts: "9"), height: 2, width: 2)
        }
    }
}
