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

    @Test func splitGuessInsideAStringFallsBackToSequentialParse() throws {
        // Every record carries a string that looks like a record boundary, so the guessed split
        // lands inside a string; the result must still be exactly Foundation's.
        let record = #"{"image_id": 1, "category_id": 2, "score": 0.25, "note": "x}, {\"y\": 1}, {"}"#
        let text = "[" + Array(repeating: record, count: 14_000).joined(separator: ", ") + "]"
        #expect(text.utf8.count > 1 << 20)
        let data = Data(text.utf8)
        let results = try COCOResult.decodeArray(jsonData: data, file: nil)
        #expect(results == (try JSONDecoder().decode([COCOResult].self, from: data)))
        #expect(results.count == 14_000)
    }

    @Test func readsTheCommittedFixtureFiles() throws {
        let data = try Fixtures.data("coco/rle.json")
        // Not a COCO file: the reader names what is missing instead of trapping.
        #expect(throws: InputError.self) { _ = try COCODataset(jsonData: data, file: "rle.json") }
    }
}

@Suite struct JSONNumberTests {
    /// Shortest round-trip spellings of random doubles (mostly 15-17 digits, the ones that miss
    /// Clinger's fast path) must parse back to the same bits.
    @Test func shortestSpellingsRoundTrip() throws {
        var rng = SeededGenerator(seed: 99)
        var values: [Double] = []
        for index in 0..<30_000 {
            switch index % 3 {
            case 0: values.append(Double.random(in: 0..<1, using: &rng))
            case 1: values.append(Double.random(in: -1e6..<1e6, using: &rng))
            default: values.append(Double(bitPattern: UInt64.random(in: 0..<0x7FF0_0000_0000_0000, using: &rng)))
            }
        }
        let json = #"[{"image_id": 1, "category_id": 1, "score": 0, "keypoints": ["# + values.map { "\($0)" }.joined(separator: ",") + "]}]"
        let parsed = try COCOResult.decodeArray(jsonData: Data(json.utf8), file: nil)
        let keypoints = try #require(parsed.first?.keypoints)
        #expect(keypoints.map(\.bitPattern) == values.map(\.bitPattern))
    }

    /// Short decimals (the reader's fast path up to 15 digits, its fallback beyond) in boxes,
    /// scores and keypoints parse to Foundation's bits.
    @Test func shortDecimalsEqualFoundationsParse() throws {
        var rng = SeededGenerator(seed: 5)
        func decimal(nonNegative: Bool) -> String {
            let integerDigits = Int.random(in: 1...9, using: &rng)
            var text = integerDigits == 1 ? String(Int.random(in: 0...9, using: &rng))
                : String(Int.random(in: 1...9, using: &rng)) + (1..<integerDigits).map { _ in String(Int.random(in: 0...9, using: &rng)) }.joined()
            if Bool.random(using: &rng) {
                text += "." + (0..<Int.random(in: 1...9, using: &rng)).map { _ in String(Int.random(in: 0...9, using: &rng)) }.joined()
            }
            return (!nonNegative && Bool.random(using: &rng) ? "-" : "") + text
        }
        let records = (0..<3000).map { _ in
            let box = [decimal(nonNegative: false), decimal(nonNegative: false), decimal(nonNegative: true), decimal(nonNegative: true)]
            let points = (0..<6).map { _ in decimal(nonNegative: false) }
            return #"{"image_id": 1, "category_id": 2, "score": \#(decimal(nonNegative: false)), "bbox": [\#(box.joined(separator: ", "))], "keypoints": [\#(points.joined(separator: ","))]}"#
        }
        // 15 digits (the fast path's limit), 16 and 17 (the fallback), leading zeros, "-0".
        let edges = #"{"image_id": 1, "category_id": 2, "score": 0.000000000000001, "bbox": [123456789.012345, -1234567.890123456, 0.1234567890123457, 0], "keypoints": [-0, -0.0, 0.5e1]}"#
        let data = Data(("[" + (records + [edges]).joined(separator: ",\n") + "]").utf8)
        let expected = try JSONDecoder().decode([COCOResult].self, from: data)
        let results = try COCOResult.decodeArray(jsonData: data, file: nil)
        #expect(bits(results) == bits(expected))
    }

    @Test func negativeZeroKeepsItsSign() throws {
        let json = #"[{"image_id": 1, "category_id": 1, "score": -0, "keypoints": [-0.0, 0, -0e5]}]"#
        let result = try #require(try COCOResult.decodeArray(jsonData: Data(json.utf8), file: nil).first)
        #expect(result.score.sign == .minus)
        #expect(result.keypoints!.map(\.sign) == [.minus, .plus, .minus])
    }
}
