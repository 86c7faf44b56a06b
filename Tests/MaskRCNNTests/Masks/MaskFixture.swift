import Foundation
import TestSupport
@testable import MaskRCNN

/// `Tests/Fixtures/roi/masks.json`: detectron2's paste and target code run with torch and
/// pycocotools by `scripts/make_roi_fixtures.py`. Masks are row-major strings of 0 and 1.
struct MaskFixture: Decodable {
    struct Paste: Decodable { let mask_size: Int; let box: [Float]; let probabilities: [Float]; let pasted: String }
    struct Target: Decodable { let mask_size: Int; let box: [Float]; let target: String }
    let image_height: Int
    let image_width: Int
    let paste: [Paste]
    let bitmask: String
    let bitmask_targets: [Target]
    let polygons: [[Double]]
    let polygon_targets: [Target]

    static func load() throws -> MaskFixture {
        try JSONDecoder().decode(MaskFixture.self, from: Fixtures.data("roi/masks.json"))
    }
}

/// The 0/1 values of a fixture's mask string.
func bitValues(_ text: String) -> [UInt8] { text.utf8.map { $0 == UInt8(ascii: "1") ? 1 : 0 } }

/// Number of differing pixels between two masks of equal size.
func mismatches(_ a: [UInt8], _ b: [UInt8]) -> Int { zip(a, b).filter { $0 != $1 }.count }
