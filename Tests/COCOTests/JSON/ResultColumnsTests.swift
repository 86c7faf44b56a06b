import Foundation
import Testing
@testable import COCO

/// `cocoeval`'s columnar parse against the record reader (itself checked against Foundation):
/// the same rows for every input it accepts, the same error for every input it rejects.
@Suite struct ResultColumnsTests {
    /// Each row as text of bit patterns; a segmentation as its decoded runs (compressed masks
    /// kept as text at parse time must decode to the record's counts string decoded by the RLE API).
    static func rows(_ columns: ResultColumns) -> [String] {
        (0..<columns.count).map { row in
            var parts = ["\(columns.imageIDs[row])", "\(columns.categoryIDs[row])", "\(columns.scores[row].bitPattern)"]
            parts.append(columns.boxes[row].map { "\([$0.x, $0.y, $0.width, $0.height].map(\.bitPattern))" } ?? "no box")
            parts.append(columns.keypointSlice(row).map { "\($0.map(\.bitPattern))" } ?? "no keypoints")
            switch columns.segmentations[row] {
            case .none:
                parts.append("no segmentation")
            case .compressed(let index):
                let mask = columns.compressedMasks[index]
                parts.append("mask \(mask.height)x\(mask.width) \(columns.runs(of: mask)) area \(mask.area)")
            case .other(let index):
                let given = columns.otherSegmentations[index]
                if case .polygons(let polygons) = given {
                    parts.append("polygons \(polygons.map { $0.map(\.bitPattern) })")
                } else if let mask = try? RLE(segmentation: given, height: 0, width: 0) {
                    parts.append("mask \(mask.height)x\(mask.width) \(mask.counts) area \(mask.area)")
                } else {
                    parts.append("invalid \(given)")
                }
            }
            return parts.joined(separator: " | ")
        }
    }

    /// The columns the fast path gives, or its error, beside the record reader's.
    static func compare(_ data: Data, file: String = "r.json") -> (columns: Result<ResultColumns, InputError>,
                                                                  records: Result<ResultColumns, InputError>) {
        (Result { () throws(InputError) in try ResultColumns(jsonData: data, file: file) },
         Result { () throws(InputError) in ResultColumns(try COCOResult.decodeArray(jsonData: data, file: file)) })
    }

    static func expectSame(_ data: Data, _ comment: Comment? = nil) {
        switch compare(data) {
        case (.success(let columns), .success(let records)): #expect(rows(columns) == rows(records), comment)
        case (.failure(let fast), .failure(let slow)): #expect(fast == slow, comment)
        case (let fast, let slow): Issue.record("columns \(fast) but records \(slow); \(comment.map { "\($0)" } ?? "")")
        }
    }

    @Test func randomResultsGiveTheRecordReadersRows() throws {
        var decodedAtParse = 0
        for seed in 0..<200 as Range<UInt64> {
            var generator = RandomJSON(seed: 5000 + seed)
            let data = Data(generator.results(count: Int(seed % 9)).utf8)
            Self.expectSame(data, "seed \(seed)")
            decodedAtParse += try ResultColumns(jsonData: data, file: nil).compressedMasks.count
        }
        // Compressed masks (escaped backslashes included) take the fast decode, not the fallback.
        #expect(decodedAtParse > 50)
    }

    @Test func largeFileParsesInTwoHalvesWithTheSameRowsAndErrors() throws {
        var generator = RandomJSON(seed: 11)
        var text = generator.results(count: 6000)
        #expect(text.utf8.count > 1 << 20, "large enough for the two-thread path")
        let columns = try ResultColumns(jsonData: Data(text.utf8), file: nil)
        #expect(columns.countsArenas.count == 2, "parsed in two halves")
        Self.expectSame(Data(text.utf8))

        let last = text.range(of: "\"score\"", options: .backwards)!
        text.replaceSubrange(last, with: "\"scorn\"")
        #expect {
            _ = try ResultColumns(jsonData: Data(text.utf8), file: "r.json")
        } throws: { error in
            (error as? InputError) == InputError(file: "r.json", record: 5999, field: "score", message: "missing required field")
        }
    }

    @Test func unusualMasksAndRepeatedKeysReadAsTheRecordReaderReadsThem() {
        let cases = [
            // An escaped digit, a repeated counts key, counts before size, uncompressed counts.
            #"[{"image_id": 1, "category_id": 1, "score": 1, "segmentation": {"size": [1, 2], "counts": "\u00302"}}]"#,
            #"[{"image_id": 1, "category_id": 1, "score": 1, "segmentation": {"size": [1, 2], "counts": "2", "counts": "02"}}]"#,
            #"[{"image_id": 1, "category_id": 1, "score": 1, "segmentation": {"counts": "11", "size": [1, 2]}}]"#,
            #"[{"image_id": 1, "category_id": 1, "score": 1, "segmentation": {"size": [1, 2], "counts": [1, 1]}}]"#,
            // A repeated segmentation: the last one counts (its text alone stays in the arena).
            #"[{"image_id": 1, "category_id": 1, "score": 1, "segmentation": {"size": [1, 3], "counts": "111"}, "segmentation": {"size": [1, 2], "counts": "02"}}]"#,
            #"[{"image_id": 1, "category_id": 1, "score": 1, "segmentation": {"size": [1, 2], "counts": "02"}, "segmentation": null}]"#,
            // Rejected: runs not summing to h*w, a bad character, a value cut short, a negative run.
            #"[{"image_id": 1, "category_id": 1, "score": 1, "segmentation": {"size": [2, 2], "counts": "02"}}]"#,
            #"[{"image_id": 1, "category_id": 1, "score": 1, "segmentation": {"size": [1, 2], "counts": "0~"}}]"#,
            #"[{"image_id": 1, "category_id": 1, "score": 1, "segmentation": {"size": [1, 2], "counts": "0P"}}]"#,
            #"[{"image_id": 1, "category_id": 1, "score": 1, "segmentation": {"size": [1, 2], "counts": "0?"}}]"#,
            #"[{"image_id": 1, "category_id": 1, "score": 1, "segmentation": {"size": [1, 2], "counts": "0@2"}}]"#,
            #"[{"image_id": 1, "category_id": 1, "score": 1, "segmentation": {"size": [1, 2], "counts": "0\"2"}}]"#,
            #"[{"image_id": 1, "category_id": 1, "score": 1, "segmentation": {"size": [-1, 2], "counts": "0"}}]"#,
            #"[{"image_id": 1, "category_id": 1, "segmentation": {"size": [1, 2], "counts": "02"}}]"#,
            #"[]"#, #"{}"#,
        ]
        for text in cases { Self.expectSame(Data(text.utf8), "\(text)") }
        let repeated = try? ResultColumns(jsonData: Data(cases[4].utf8), file: nil)
        #expect(repeated?.countsArenas.first == Array("02".utf8))
    }

    @Test func mutatedResultsGiveTheSameRowsOrTheSameError() {
        var generator = RandomJSON(seed: 77)
        let text = generator.results(count: 8)
        var rejected = 0
        JSONFuzzTests.mutations(of: text, seed: 3, count: 1500) { data in
            Self.expectSame(data)
            if case .failure = Self.compare(data).columns { rejected += 1 }
        }
        #expect(rejected > 0)
    }
}
