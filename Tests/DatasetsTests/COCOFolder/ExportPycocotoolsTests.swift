import COCO
import Foundation
import Testing
import TestSupport
@testable import Datasets

/// What pycocotools saw in folders `ablate export-data` wrote (scripts/check_export_pycocotools.py):
/// the same seeds regenerated here must give the same images and masks.
struct ExportPycocotoolsTests {
    struct Fixture: Decodable {
        struct Case: Decodable {
            var dataset: String
            var preset: String
            var seed: UInt64
            var count: Int
            var annotations: [Annotation]
            var images: [ImageRecord]
            var selfAP: [String: Double]
            enum CodingKeys: String, CodingKey {
                case dataset, preset, seed, count, annotations, images
                case selfAP = "self_ap"
            }
        }
        struct Annotation: Decodable {
            var id: Int
            var maskArea: Int
            var maskBBox: [Double]
            var polygon: Bool
            enum CodingKeys: String, CodingKey {
                case id, polygon
                case maskArea = "mask_area"
                case maskBBox = "mask_bbox"
            }
        }
        struct ImageRecord: Decodable {
            var id: Int
            var width: Int
            var height: Int
            var pixelSum: Int
            enum CodingKeys: String, CodingKey {
                case id, width, height
                case pixelSum = "pixel_sum"
            }
        }
        var cases: [Case]
    }

    @Test func pycocotoolsReadsTheExportAsGenerated() throws {
        let fixture = try JSONDecoder().decode(Fixture.self, from: Fixtures.data("datasets/export_pycocotools.json"))
        #expect(fixture.cases.count == 2)
        for testCase in fixture.cases {
            let preset = try #require(SyntheticPreset(rawValue: testCase.preset))
            let source: any SyntheticDataset = testCase.dataset == "shapes"
                ? try ShapesDataset(configuration: preset.shapes, seed: testCase.seed)
                : try FiguresDataset(configuration: preset.figures, seed: testCase.seed)
            let samples = (0..<testCase.count).map { source.sample(at: $0) }
            // Ground truth scored against itself: every record well-formed and matchable.
            #expect(testCase.selfAP.values.allSatisfy { $0 == 1 }, "\(testCase.selfAP)")
            for (sample, record) in zip(samples, testCase.images) {
                #expect(sample.record.id == record.id && sample.image.width == record.width)
                #expect(sample.image.pixels.reduce(0) { $0 + Int($1) } == record.pixelSum)
            }
            let ours = Dictionary(uniqueKeysWithValues: samples.flatMap { zip($0.annotations, $0.masks) }.map { ($0.0.id, $0) })
            #expect(ours.count == testCase.annotations.count)
            for expected in testCase.annotations {
                let (annotation, mask) = try #require(ours[expected.id])
                let box = try #require(mask.boundingBox)
                #expect(annotation.area == Double(expected.maskArea), "annotation \(expected.id): area as pycocotools")
                if expected.polygon {
                    // pycocotools rasterises polygons its own way: edge pixels may differ.
                    let perimeter = 2 * (box.width + box.height)
                    #expect(abs(Double(expected.maskArea - mask.area)) <= 0.25 * perimeter,
                            "annotation \(expected.id): pycocotools area \(expected.maskArea), ours \(mask.area)")
                } else {
                    #expect(expected.maskArea == mask.area, "annotation \(expected.id)")
                    #expect(expected.maskBBox == [box.x, box.y, box.width, box.height])
                }
            }
        }
    }
}
