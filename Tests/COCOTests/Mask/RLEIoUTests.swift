import Testing
@testable import COCO

@Suite struct RLEIoUTests {
    @Test func maskIoUEqualsPycocotools() throws {
        let cases = RLEFixtures.shared.iou
        #expect(cases.count >= 40)
        var sizeMismatches = 0
        for c in cases {
            let iou = RLE.iou(detections: try c.detections.map { try $0.rle() },
                              groundTruths: try c.groundTruths.map { try $0.rle() }, isCrowd: c.isCrowd)
            #expect(iou == c.iou)
            sizeMismatches += c.iou.filter { $0 == -1 }.count
        }
        #expect(sizeMismatches > 0, "fixtures should cover the -1 size-mismatch case")
    }

    @Test func boxIoUEqualsPycocotools() {
        for c in RLEFixtures.shared.boxIoU {
            let iou = BoundingBox.iou(detections: c.detections.map(BoundingBox.init),
                                      groundTruths: c.groundTruths.map(BoundingBox.init), isCrowd: c.isCrowd)
            #expect(iou == c.iou)
        }
    }

    @Test func emptySidesGiveAnEmptyMatrix() {
        let mask = RLE(height: 2, width: 2, counts: [0, 4])
        #expect(RLE.iou(detections: [], groundTruths: [mask], isCrowd: [false]).isEmpty)
        #expect(RLE.iou(detections: [mask], groundTruths: [], isCrowd: []).isEmpty)
    }

    @Test func crowdUnionIsTheDetectionArea() {
        let detection = RLE(height: 1, width: 4, counts: [0, 2, 2])
        let crowd = RLE(height: 1, width: 4, counts: [1, 3])
        #expect(RLE.iou(detections: [detection], groundTruths: [crowd], isCrowd: [true]) == [0.5])
        #expect(RLE.iou(detections: [detection], groundTruths: [crowd], isCrowd: [false]) == [0.25])
    }

    /// The intersection walk (which stops at the shorter mask's last foreground run) counts
    /// the pixels both decoded masks have, including zero-length runs and full masks.
    @Test func intersectionCountsSharedPixels() {
        var generator = SeededGenerator(seed: 21)
        for _ in 0..<300 {
            let (height, width) = (Int.random(in: 1...9, using: &generator), Int.random(in: 1...9, using: &generator))
            func randomMask() -> RLE {
                var runs: [UInt32] = []
                var left = height * width
                while left > 0 {
                    let run = Int.random(in: 0...min(left, 6), using: &generator)
                    runs.append(UInt32(run))
                    left -= run
                }
                return RLE(height: height, width: width, counts: runs)
            }
            let (a, b) = (randomMask(), randomMask())
            let shared = zip(a.decodedColumnMajor(), b.decodedColumnMajor()).count { $0 == 1 && $1 == 1 }
            let walked = a.counts.withUnsafeBufferPointer { x in
                b.counts.withUnsafeBufferPointer { y in RLE.foregroundIntersection(x, y) }
            }
            #expect(walked == shared)
        }
    }
}
