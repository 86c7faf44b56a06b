import Foundation
import Testing
import TestSupport
@testable import COCO

/// Every double of a value, by bit pattern, so `-0.0` and `0.0` count as different.
private func bits(_ results: [COCOResult]) -> [UInt64] {
    results.flatMap { (r: COCOResult) -> [UInt64] in
        var values = [r.score.bitPattern] + (r.bbox.map(boxBits) ?? [])
        values += (r.keypoints ?? []).map(\.bitPattern)
        return values + segmentationBits(r.segmentation)
    }
}

private func boxBits(_ box: BoundingBox) -> [UInt64] { [box.x, box.y, box.width, box.height].map(\.bitPattern) }

private func segmentationBits(_ segmentation: Segmentation?) -> [UInt64] {
    if case .polygons(let polygons) = segmentation { return polygons.flatMap { $0.map(\.bitPattern) } }
    return []
}

private func bits(_ dataset: COCODataset) -> [UInt64] {
    dataset.annotations.flatMap { (a: COCOAnnotation) -> [UInt64] in
        var values: [UInt64] = a.area.map { [$0.bitPattern] } ?? []
        values += a.bbox.map(boxBits) ?? []
        values += (a.keypoints ?? []).map(\.bitPattern)
        return values + segmentationBits(a.segmentation)
    }
}

@Suite struct JSONReaderTests {
    @Test func datasetsEqualFoundationsParse() throws {
        for seed in 0..<200 as Range<UInt64> {
            var generator = RandomJSON(seed: seed)
            let data = Data(generator.dataset().utf8)
            let expected = try JSONDecoder().decode(COCODataset.self, from: data)
            let dataset = try COCODataset(jsonData: data, file: "random-\(seed).json")
            #expect(dataset == expected, "seed \(seed)")
            #expect(bits(dataset) == bits(expected), "seed \(seed)")
        }
    }

    @Test func resultsEqualFoundationsParse() throws {
        for seed in 0..<100 as Range<UInt64> {
            var generator = RandomJSON(seed: 1000 + seed)
            let data = Data(generator.results(count: Int(seed % 7)).utf8)
            let expected = try JSONDecoder().decode([COCOResult].self, from: data)
            let results = try COCOResult.decodeArray(jsonData: data, file: nil)
            #expect(results == expected, "seed \(seed)")
            #expect(bits(results) == bits(expected), "seed \(seed)")
        }
    }

    @Test func largeResultsSplitAcrossThreadsKeepOrderAndRecordNumbers() throws {
        var generator = RandomJSON(seed: 7)
        var text = generator.results(count: 6000)
        #expect(text.utf8.count > 1 << 20, "large enough for the two-thread path")
        let data = Data(text.utf8)
        let expected = try JSONDecoder().decode([COCOResult].self, from: data)
        let results = try COCOResult.decodeArray(jsonData: data, file: nil)
        #expect(results == expected)
        #expect(bits(results) == bits(expected))

        // An error in the second half names the record's index in the whole file.
        let last = text.range(of: "\"score\"", options: .backwards)!
        text.replaceSubrange(last, with: "\"scorn\"")
        #expect {
            _ = try COCOResult.decodeArray(jsonData: Data(text.utf8), file: "r.json")
        } throws: { error in
            (error as? InputError) == InputError(file: "r.json", record: 5999, field: "score", message: "missing required field")
        }
    }

    @Test func readsTheCommittedFixtureFiles() throws {
        let data = try Fixtures.data("coco/rle.json")
        // Not a COCO file: the reader names what is missing instead of trapping.
        #expect(throws: InputError.self) { _ = try COCODataset(jsonData: data, file: "rle.json") }
    }
}
