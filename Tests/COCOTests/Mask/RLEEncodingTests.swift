import Testing
@testable import COCO

@Suite struct RLEEncodingTests {
    let fixtures = RLEFixtures.shared

    @Test func encodesMasksAsPycocotools() {
        #expect(fixtures.encode.count >= 50)
        for c in fixtures.encode {
            let fromColumns = RLE(columnMajorMask: maskBytes(c.columnMajor), height: c.height, width: c.width)
            let fromRows = RLE(rowMajorMask: maskBytes(c.rowMajor), height: c.height, width: c.width)
            #expect(fromColumns.compressedCounts == c.string)
            #expect(fromRows == fromColumns)
            #expect(fromColumns.area == c.area)
            #expect(fromColumns.boundingBox.values == c.bbox)
        }
    }

    @Test func decodesBothLayouts() throws {
        for c in fixtures.encode {
            let rle = try RLE(compressedCounts: c.string, height: c.height, width: c.width)
            #expect(rle.decodedColumnMajor() == maskBytes(c.columnMajor))
            #expect(rle.decodedRowMajor() == maskBytes(c.rowMajor))
        }
    }

    @Test func measuresRawRunsAsPycocotools() {
        // Zero-length runs, runs crossing columns and masks of several megapixels.
        #expect(fixtures.runs.count >= 100)
        for c in fixtures.runs {
            let rle = RLE(height: c.height, width: c.width, counts: c.counts)
            #expect(rle.area == c.area, "\(c.counts)")
            #expect(rle.boundingBox.values == c.bbox, "\(c.height)x\(c.width) \(c.counts)")
            if let bits = c.columnMajor { #expect(rle.decodedColumnMajor() == maskBytes(bits)) }
        }
    }

    @Test func nonzeroBytesAreForeground() {
        let rle = RLE(columnMajorMask: [0, 7, 255, 0], height: 2, width: 2)
        #expect(rle.counts == [1, 2, 1])
        #expect(rle.decodedColumnMajor() == [0, 1, 1, 0])
    }
}
