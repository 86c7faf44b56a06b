import Foundation
import Testing
@testable import COCO

@Suite struct JSONWriterTests {
    private func temporaryURL(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("maskbench-\(UUID().uuidString)-\(name)")
    }

    @Test func resultsRoundTripBitForBit() throws {
        var generator = RandomJSON(seed: 5)
        let results = try COCOResult.decodeArray(jsonData: Data(generator.results(count: 300).utf8), file: nil)
        let url = temporaryURL("results.json")
        defer { try? FileManager.default.removeItem(at: url) }
        try COCOResult.write(results, to: url)
        let reread = try COCOResult.loadArray(contentsOf: url)
        #expect(reread == results)
        #expect(reread.map(\.score.bitPattern) == results.map(\.score.bitPattern))
        #expect(reread.compactMap(\.keypoints).flatMap { $0.map(\.bitPattern) }
                == results.compactMap(\.keypoints).flatMap { $0.map(\.bitPattern) })
    }

    @Test func escapesBackslashesInRLEStrings() throws {
        // Runs 0, 44 encode as "0\\": the '\' must be escaped in JSON.
        let rle = RLE(height: 4, width: 11, counts: [0, 44])
        #expect(rle.compressedCounts.contains("\\"))
        let result = COCOResult(imageID: 1, categoryID: 2, score: 0.1,
                                segmentation: .compressedRLE(height: 4, width: 11, counts: rle.compressedCounts))
        let url = temporaryURL("rle.json")
        defer { try? FileManager.default.removeItem(at: url) }
        try COCOResult.write([result], to: url)
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.contains(#"\\"#))
        #expect(try COCOResult.loadArray(contentsOf: url) == [result])
    }

    @Test func datasetsRoundTrip() throws {
        var generator = RandomJSON(seed: 6)
        for _ in 0..<20 {
            let dataset = try COCODataset(jsonData: Data(generator.dataset().utf8), file: nil)
            let url = temporaryURL("gt.json")
            defer { try? FileManager.default.removeItem(at: url) }
            try dataset.write(to: url)
            #expect(try COCODataset.load(contentsOf: url) == dataset)
        }
    }

    @Test func refusesNonFiniteNumbersAndKeepsTheOldFile() throws {
        let url = temporaryURL("results.json")
        defer { try? FileManager.default.removeItem(at: url) }
        let good = [COCOResult(imageID: 1, categoryID: 1, score: 0.5)]
        try COCOResult.write(good, to: url)
        #expect(throws: (any Error).self) {
            try COCOResult.write([COCOResult(imageID: 1, categoryID: 1, score: .nan)], to: url)
        }
        #expect(try COCOResult.loadArray(contentsOf: url) == good)
    }
}
