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

    /// Writes a dataset and segm results for `scripts/check_written_json.py` (pycocotools reads
    /// them) when MASKBENCH_WRITER_OUTPUT names a directory; otherwise checks they re-read.
    @Test func writesFilesForThePycocotoolsCheck() throws {
        let images = (1...3).map { COCOImage(id: $0, width: 20 + $0, height: 10 + $0, fileName: "é\\\($0).jpg") }
        var annotations: [COCOAnnotation] = []
        var results: [COCOResult] = []
        for (index, image) in images.enumerated() {
            let polygon: [Double] = [1.25, 2, 15.5, 3, 9, 9.75]
            let mask = RLE(polygon: polygon, height: image.height, width: image.width)
            annotations.append(COCOAnnotation(id: index + 1, imageID: image.id, categoryID: 1,
                                              segmentation: .polygons([polygon]), area: Double(mask.area),
                                              bbox: mask.boundingBox, isCrowd: 0))
            let detection = RLE(box: BoundingBox(x: 2, y: 2, width: 10.5, height: 6), height: image.height, width: image.width)
            results.append(COCOResult(imageID: image.id, categoryID: 1, score: 0.1 * Double(index + 1),
                                      segmentation: .compressedRLE(height: image.height, width: image.width,
                                                                   counts: detection.compressedCounts)))
        }
        let dataset = COCODataset(images: images, annotations: annotations,
                                  categories: [COCOCategory(id: 1, name: "thing")])
        let directory = ProcessInfo.processInfo.environment["MASKBENCH_WRITER_OUTPUT"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("maskbench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try dataset.write(to: directory.appendingPathComponent("written_gt.json"))
        try COCOResult.write(results, to: directory.appendingPathComponent("written_segm_results.json"))
        #expect(try COCODataset.load(contentsOf: directory.appendingPathComponent("written_gt.json")) == dataset)
        #expect(try COCOResult.loadArray(contentsOf: directory.appendingPathComponent("written_segm_results.json")) == results)
    }
}
