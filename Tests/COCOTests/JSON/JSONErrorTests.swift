import Foundation
import Testing
@testable import COCO

@Suite struct JSONErrorTests {
    private static let image = #"{"id": 1, "width": 4, "height": 3}"#

    private func resultError(_ json: String) -> InputError? {
        do {
            _ = try COCOResult.decodeArray(jsonData: Data(json.utf8), file: "r.json")
            return nil
        } catch { return error }
    }

    private func datasetError(_ annotation: String) -> InputError? {
        let json = #"{"images": [\#(Self.image)], "categories": [{"id": 1, "name": "a"}], "annotations": [{"id": 1, "image_id": 1, "category_id": 1}, \#(annotation)]}"#
        do {
            _ = try COCODataset(jsonData: Data(json.utf8), file: "gt.json")
            return nil
        } catch { return error }
    }

    @Test(arguments: [
        (#"[{"image_id": 1, "category_id": 1, "score": 0.5}, {"image_id": 1, "category_id": 1}]"#, 1, "score", "missing required field"),
        (#"[{"image_id": "1", "category_id": 1, "score": 0.5}]"#, 0, "image_id", "expected an integer, found a string"),
        (#"[{"image_id": 1, "category_id": 1, "score": NaN}]"#, 0, "score", "expected a number"),
        (#"[{"image_id": 1, "category_id": 1, "score": Infinity}]"#, 0, "score", "expected a number"),
        (#"[{"image_id": 1, "category_id": 1, "score": 1e999}]"#, 0, "score", "overflows a double"),
        (#"[{"image_id": 1, "category_id": 1, "score": 1, "bbox": [0, 0, -1, 2]}]"#, 0, "bbox", "negative width or height"),
        (#"[{"image_id": 1, "category_id": 1, "score": 1, "bbox": [0, 0, 2]}]"#, 0, "bbox", "expected 4 numbers"),
        (#"[{"image_id": 1, "category_id": 1, "score": 1, "keypoints": [1, 2, 2, 4]}]"#, 0, "keypoints", "not a multiple of 3"),
        (#"[{"image_id": 1, "category_id": 1, "score": 1, "segmentation": {"size": [2, 2], "counts": [1, 2]}}]"#, 0, "segmentation.counts", "runs sum to 3"),
        (#"[{"image_id": 1, "category_id": 1, "score": 1, "segmentation": {"size": [2], "counts": [4]}}]"#, 0, "segmentation.size", "2 non-negative integers"),
        (#"[{"image_id": 1, "category_id": 1, "score": 1, "segmentation": {"size": [2, -2], "counts": []}}]"#, 0, "segmentation.size", "2 non-negative integers"),
        (#"[{"image_id": 1, "category_id": 1, "score": 1, "segmentation": {"size": [2, 2], "counts": "9"}}]"#, 0, "segmentation.counts", "runs sum to 9"),
        (#"[{"image_id": 1, "category_id": 1, "score": 1, "segmentation": {"size": [2, 2], "counts": "1 "}}]"#, 0, "segmentation.counts", "invalid character"),
        (#"[{"image_id": 1, "category_id": 1, "score": 1, "segmentation": [[1, 2, 3, 4, 5, 6], [1, 2, 3, 4]]}]"#, 0, "segmentation", "at least 3 points"),
        (#"[{"image_id": 1, "category_id": 1, "score": 1, "segmentation": [[1, 2, 3, 4], [1, 2, 3, 4, 5, 6]]}]"#, 0, "segmentation", "every polygon must be a box"),
        (#"[{"image_id": 1, "category_id": 1, "score": 1, "segmentation": {"counts": "1"}}]"#, 0, "segmentation.size", "missing required field"),
        (#"[{"image_id": 99999999999999999999, "category_id": 1, "score": 1}]"#, 0, "image_id", "out of range"),
    ])
    func namesRecordAndField(json: String, record: Int, field: String, message: String) throws {
        let error = try #require(resultError(json))
        #expect(error.file == "r.json")
        #expect(error.record == record)
        #expect(error.field == field)
        #expect(error.message.contains(message), "\(error)")
        #expect(error.description.hasPrefix("r.json: record \(record): field \"\(field)\": "))
    }

    @Test(arguments: ["", "[", "[{", #"[{"image_id": 1,"#, #"[{"image_id": 1, "category_id": 1, "score": 0.5}"#,
                      #"[{"image_id": 1, "category_id": 1, "score": 0.5}] x"#, "{}", "nul", #"[{"image_id": 01}]"#,
                      #"[{"image_id": 1, "category_id": 1, "score": .5}]"#, "[\"\\x\"]"])
    func rejectsMalformedJSON(json: String) throws {
        let error = try #require(resultError(json))
        #expect(error.file == "r.json")
        #expect(error.message.hasPrefix("not JSON") || error.message.hasPrefix("expected"), "\(error)")
    }

    @Test func namesAnnotationRecords() throws {
        let error = try #require(datasetError(#"{"id": 2, "image_id": 1, "category_id": 1, "bbox": [0, 0, 1, -1]}"#))
        #expect(error.description == #"gt.json: record 1: field "bbox": negative width or height [1.0, -1.0]"#)
    }

    @Test func acceptsWhatPycocotoolsAccepts() throws {
        // Duplicate annotation ids (the evaluator warns), boxes as segmentation, odd polygons,
        // integral numbers written as doubles, null optionals.
        #expect(datasetError(#"{"id": 1, "image_id": 1, "category_id": 1, "segmentation": [[1, 1, 3, 2]], "iscrowd": 1.0}"#) == nil)
        #expect(datasetError(#"{"id": 3, "image_id": 1, "category_id": 1, "segmentation": [[1, 1, 3, 2, 2, 3, 7]], "area": null}"#) == nil)
        #expect(datasetError(#"{"id": 4, "image_id": 1, "category_id": 1, "segmentation": []}"#) == nil)
    }

    @Test func loadingAMissingFileThrows() {
        #expect {
            _ = try COCODataset.load(contentsOf: URL(fileURLWithPath: "/nonexistent/gt.json"))
        } throws: { error in
            (error as? InputError)?.file == "/nonexistent/gt.json"
        }
    }
}
