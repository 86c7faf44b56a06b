import Testing
@testable import COCO

@Suite struct RLEStringTests {
    let fixtures = RLEFixtures.shared

    @Test func writesAndReadsPycocotoolsStrings() throws {
        for c in fixtures.runs {
            let rle = RLE(height: c.height, width: c.width, counts: c.counts)
            #expect(rle.compressedCounts == c.string)
            let decoded = try RLE(compressedCounts: c.string, height: c.height, width: c.width)
            #expect(decoded.counts == c.counts)
        }
    }

    /// The evaluator measures unmatched results straight from the string: pycocotools' `area`.
    @Test func measuresAreaWithoutDecoding() throws {
        for c in fixtures.encode {
            #expect(try RLE.foregroundArea(compressedCounts: c.string, height: c.height, width: c.width) == c.area)
        }
        for c in fixtures.runs {
            #expect(try RLE.foregroundArea(compressedCounts: c.string, height: c.height, width: c.width) == c.area)
        }
    }

    @Test func roundTripsRunsUpToTheUInt32Range() throws {
        let counts: [UInt32] = [0, UInt32.max - 3, 1, 2]
        let rle = RLE(height: 1, width: Int(UInt32.max), counts: counts)
        let decoded = try RLE(compressedCounts: rle.compressedCounts, height: 1, width: Int(UInt32.max))
        #expect(decoded.counts == counts)
    }

    @Test(arguments: [
        ("3", 2, 2, "runs sum to 3"),          // too short
        ("5", 2, 2, "runs sum to 5"),          // too long
        ("1 3", 2, 2, "invalid character"),    // outside '0'...'o'
        ("p", 2, 2, "invalid character"),
        ("1`", 2, 2, "end inside a value"),    // continuation flag on the last character
        ("32O", 2, 2, "decodes to -1"),         // negative run
    ])
    func rejectsBadStrings(string: String, height: Int, width: Int, message: String) {
        #expect {
            _ = try RLE(compressedCounts: string, height: height, width: width)
        } throws: { error in
            guard let error = error as? InputError else { return false }
            return error.field == "segmentation.counts" && error.message.contains(message)
        }
        #expect {
            _ = try RLE.foregroundArea(compressedCounts: string, height: height, width: width)
        } throws: { error in
            guard let error = error as? InputError else { return false }
            return error.field == "segmentation.counts" && error.message.contains(message)
        }
    }

    @Test func rejectsImpossibleSizes() {
        #expect(throws: InputError.self) { _ = try RLE(compressedCounts: "", height: -1, width: 0) }
        #expect(throws: InputError.self) { _ = try RLE(compressedCounts: "", height: 1 << 20, width: 1 << 20) }
        #expect(throws: InputError.self) { _ = try RLE(validatingCounts: [1, 2], height: 2, width: 2) }
        #expect(throws: Never.self) { _ = try RLE(validatingCounts: [0, 0, 4], height: 2, width: 2) }
    }
}
