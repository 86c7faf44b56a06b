import Foundation
import TestSupport
@testable import COCO

/// pycocotools' outputs written by `scripts/make_rle_fixtures.py` (Tests/Fixtures/coco/rle.json).
struct RLEFixtures: Decodable {
    struct Encoded: Decodable {
        var height: Int, width: Int
        var rowMajor: String, columnMajor: String
        var string: String, area: Int, bbox: [Double]
    }
    struct Runs: Decodable {
        var height: Int, width: Int, counts: [UInt32]
        var string: String, area: Int, bbox: [Double]
        var columnMajor: String?
    }
    struct Mask: Decodable {
        var size: [Int], counts: String
        func rle() throws -> RLE { try RLE(compressedCounts: counts, height: size[0], width: size[1]) }
    }
    struct Merge: Decodable { var masks: [Mask], union: Mask, intersection: Mask }
    struct MaskIoU: Decodable { var detections: [Mask], groundTruths: [Mask], isCrowd: [Bool], iou: [Double] }
    struct BoxIoU: Decodable { var detections: [[Double]], groundTruths: [[Double]], isCrowd: [Bool], iou: [Double] }
    struct Box: Decodable { var height: Int, width: Int, box: [Double], string: String }
    struct Polygon: Decodable {
        var height: Int, width: Int, polygon: [Double], string: String
        var columnMajor: String?
    }
    struct Annotation: Decodable {
        var height: Int, width: Int, segmentation: Segmentation, note: String?, expected: Mask
    }

    var encode: [Encoded]
    var runs: [Runs]
    var merge: [Merge]
    var iou: [MaskIoU]
    var boxIoU: [BoxIoU]
    var boxes: [Box]
    var polygons: [Polygon]
    var annotations: [Annotation]

    static let shared: RLEFixtures = {
        // A missing or broken fixture is a test-setup bug: fail loudly.
        try! JSONDecoder().decode(RLEFixtures.self, from: Fixtures.data("coco/rle.json"))
    }()
}

/// '0'/'1' characters to mask bytes.
func maskBytes(_ bits: String) -> [UInt8] { bits.utf8.map { $0 == UInt8(ascii: "1") ? 1 : 0 } }

extension BoundingBox {
    /// `[x, y, w, h]` as the fixtures store boxes.
    init(_ values: [Double]) { self.init(x: values[0], y: values[1], width: values[2], height: values[3]) }
    var values: [Double] { [x, y, width, height] }
}
