import COCO
import Foundation
import MaskRCNN
import TestSupport
import Testing

/// Mask results are the compressed RLE strings pycocotools' `mask.encode` writes.
struct ImageMaskRLETests {
    struct Case: Decodable {
        let height: Int
        let width: Int
        let values: [UInt8]
        let counts: String
    }
    struct File: Decodable { let cases: [Case] }

    @Test func compressedCountsEqualPycocotools() throws {
        let file = try JSONDecoder().decode(File.self, from: Fixtures.data("model/rle.json"))
        #expect(file.cases.count == 5)
        for fixture in file.cases {
            let mask = try ImageMask(height: fixture.height, width: fixture.width, values: fixture.values)
            let rle = mask.runLengthEncoded
            #expect(rle.counts.reduce(0) { $0 + Int($1) } == fixture.height * fixture.width)
            #expect(rle.compressedCounts == fixture.counts)
        }
    }
}
