import COCO
import Foundation
import Testing
import TestSupport
@testable import COCOEval

/// The evaluator's mask IoU (intersection-only run walk, boxes measured once) against
/// pycocotools' `maskUtils.iou`.
@Suite struct MaskColumnTests {
    /// The mask IoU cases of `coco/rle.json` (written by pycocotools).
    struct Case: Decodable {
        struct Mask: Decodable {
            var size: [Int]
            var counts: String
            func rle() throws -> RLE { try RLE(compressedCounts: counts, height: size[0], width: size[1]) }
        }
        var detections: [Mask], groundTruths: [Mask], isCrowd: [Bool], iou: [Double]
    }

    struct File: Decodable { var iou: [Case] }

    static func cases() throws -> [Case] {
        try JSONDecoder().decode(File.self, from: Fixtures.data("coco/rle.json")).iou
    }

    /// The detection and ground-truth masks of a case as columns.
    static func columns(_ c: Case) throws -> (detections: MaskColumn, truths: MaskColumn) {
        var truths = MaskColumn()
        for mask in try c.groundTruths.map({ try $0.rle() }) {
            truths.append(.runs(mask.counts), MaskColumn.Measure(mask), box: mask.boundingBox)
        }
        // Detections as the results parser leaves them: counts text, after unrelated text.
        var text = Array("0123".utf8)
        var sources: [MaskColumn.Source] = []
        for mask in c.detections {
            sources.append(.text(arena: 1, start: text.count, count: mask.counts.utf8.count))
            text += Array(mask.counts.utf8)
        }
        let detections = MaskColumn(countsArenas: [Array("9".utf8), text], sources: sources,
                                    measures: try c.detections.map { MaskColumn.Measure(try $0.rle()) })
        return (detections, truths)
    }

    @Test func iouEqualsPycocotools() throws {
        let cases = try Self.cases()
        #expect(cases.count >= 40)
        var walked = 0
        for c in cases {
            let (detections, truths) = try Self.columns(c)
            var result: [Double] = [42]
            var scratch = MaskColumn.Scratch()
            detections.iou(detections: Array(0..<c.detections.count)[...], truths: truths,
                           groundTruths: 0..<c.groundTruths.count, isCrowd: c.isCrowd, into: &result, scratch: &scratch)
            #expect((0..<detections.count).map(detections.mask) == (try c.detections.map { try $0.rle() }))
            #expect(result == c.iou)
            walked += c.iou.filter { $0 > 0 && $0 < 1 }.count
        }
        #expect(walked > 0, "fixtures should have partial overlaps, which walk runs")
    }

    /// A subset of detections in a different order gives the matching rows of the full matrix.
    @Test func keptRowsSelectTheirRows() throws {
        for c in try Self.cases() where c.detections.count >= 2 && !c.groundTruths.isEmpty {
            let (detections, truths) = try Self.columns(c)
            let columns = c.groundTruths.count
            let kept = [c.detections.count - 1, 0]
            var result: [Double] = []
            var scratch = MaskColumn.Scratch()
            detections.iou(detections: kept[...], truths: truths, groundTruths: 0..<columns,
                           isCrowd: c.isCrowd, into: &result, scratch: &scratch)
            let expected = kept.flatMap { c.iou[$0 * columns ..< ($0 + 1) * columns] }
            #expect(result == expected)
        }
    }
}
