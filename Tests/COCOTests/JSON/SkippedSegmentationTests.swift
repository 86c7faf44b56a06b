import Foundation
import Testing
import TestSupport
@testable import COCO

/// `cocoeval`'s GT read for bbox and keypoints evaluations: segmentations are checked as JSON
/// and dropped; every other field is read exactly as the full reader reads it.
@Suite struct SkippedSegmentationTests {
    static func write(_ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("skip-\(UUID().uuidString).json")
        try Data(text.utf8).write(to: url)
        return url
    }

    @Test(arguments: ["eval/cases/random_segm_6/gt.json", "eval/cases/random_keypoints_8/gt.json"])
    func equalsTheFullReadWithoutSegmentations(file: String) throws {
        let url = Fixtures.url(file)
        var full = try COCODataset.load(contentsOf: url)
        #expect(full.annotations.contains { $0.segmentation != nil } || file.contains("keypoints"))
        for index in full.annotations.indices { full.annotations[index].segmentation = nil }
        #expect(try COCODataset.load(contentsOf: url, skippingSegmentations: true) == full)
    }

    static let dataset = """
        {"images": [{"id": 1, "width": 10, "height": 10}], "categories": [{"id": 1, "name": "a"}],
         "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "bbox": [0, 0, 2, 2], "area": 4,
                          "iscrowd": 0, "segmentation": SEGMENTATION}]}
        """

    @Test func aMistypedSegmentationIsOnlyAnErrorWhenRead() throws {
        let url = try Self.write(Self.dataset.replacingOccurrences(of: "SEGMENTATION", with: "\"polygon\""))
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(throws: InputError.self) { try COCODataset.load(contentsOf: url) }
        let skipped = try COCODataset.load(contentsOf: url, skippingSegmentations: true)
        #expect(skipped.annotations.count == 1 && skipped.annotations[0].segmentation == nil)
    }

    @Test func brokenJSONInASegmentationIsStillAnError() throws {
        let url = try Self.write(Self.dataset.replacingOccurrences(of: "SEGMENTATION", with: "[[1, 2, 3,, 4]]"))
        defer { try? FileManager.default.removeItem(at: url) }
        let error = try #require(throws: InputError.self) {
            try COCODataset.load(contentsOf: url, skippingSegmentations: true)
        }
        #expect(error.record == 0 && error.field == "segmentation", "\(error)")
    }
}
