import Testing
@testable import MaskRCNN

@Suite struct KeypointHeatmapTests {
    struct Resized: Decodable { let height: Int; let width: Int; let values: [Double] }
    struct Case: Decodable {
        let heatmap_size: Int; let rois: [Double]; let keypoints: [Double]; let targets: [Int]
        let heatmaps: [Double]; let decoded: [Double]; let bicubic: Resized
    }

    private func fixture() throws -> Case { try DetectorFixture<Case>.load("keypoints.json")[0] }

    @Test func targetsEqualDetectron2RulesInTorch() throws {
        let c = try fixture()
        let rois = boxes(c.rois)
        let perRoI = c.keypoints.count / 3 / rois.count
        for (r, roi) in rois.enumerated() {
            let keypoints = (0..<perRoI).map { k in
                let i = (r * perRoI + k) * 3
                return GroundTruthKeypoint(x: Float(c.keypoints[i]), y: Float(c.keypoints[i + 1]), visibility: Int(c.keypoints[i + 2]))
            }
            let targets = KeypointHeatmap.targets(keypoints, in: roi, heatmapSize: c.heatmap_size).map { $0 ?? -1 }
            #expect(targets == Array(c.targets[(r * perRoI)..<((r + 1) * perRoI)]))
        }
        #expect(c.targets.contains(c.heatmap_size * c.heatmap_size - 1), "the far-edge case is exercised")
    }

    @Test func bicubicResizeMatchesPyTorch() throws {
        let c = try fixture()
        let m = c.heatmap_size
        let map = Array(c.heatmaps[(4 * m * m)..<(5 * m * m)]).map { Float($0) }  // RoI 1, keypoint 0
        let resized = BicubicResize.resize(map, height: m, width: m, toHeight: c.bicubic.height, width: c.bicubic.width)
        for (a, b) in zip(resized, c.bicubic.values.map { Float($0) }) { #expect(abs(a - b) <= 1e-5 * max(1, abs(b)), "\(a) vs \(b)") }
    }

    @Test func decodingMatchesDetectron2RulesInTorch() throws {
        let c = try fixture()
        let m = c.heatmap_size, rois = boxes(c.rois)
        let count = c.heatmaps.count / (rois.count * m * m)
        for (r, roi) in rois.enumerated() {
            let maps = Array(c.heatmaps[(r * count * m * m)..<((r + 1) * count * m * m)]).map { Float($0) }
            let decoded = KeypointHeatmap.decode(maps, keypointCount: count, heatmapSize: m, box: roi)
            for (k, point) in decoded.enumerated() {
                let e = Array(c.decoded[((r * count + k) * 4)..<((r * count + k + 1) * 4)]).map { Float($0) }
                #expect(point.x == e[0] && point.y == e[1], "RoI \(r) keypoint \(k): (\(point.x), \(point.y)) vs (\(e[0]), \(e[1]))")
                #expect(abs(point.logit - e[2]) < 1e-4 && abs(point.score - e[3]) < 1e-5)
            }
        }
    }

    @Test func encodeThenDecodeReturnsThePointWithinHalfACell() {
        let m = 56
        var generator = SeededGenerator(state: 31)
        for _ in 0..<40 {
            let x1 = Float.random(in: 0..<100, using: &generator), y1 = Float.random(in: 0..<100, using: &generator)
            let roi = Box(x1: x1, y1: y1, x2: x1 + Float.random(in: 20..<160, using: &generator), y2: y1 + Float.random(in: 20..<160, using: &generator))
            let point = GroundTruthKeypoint(x: Float.random(in: roi.x1..<roi.x2, using: &generator), y: Float.random(in: roi.y1..<roi.y2, using: &generator), visibility: 2)
            let index = try! #require(KeypointHeatmap.targets([point], in: roi, heatmapSize: m)[0])
            var logits = [Float](repeating: 0, count: m * m)
            logits[index] = 10
            let decoded = KeypointHeatmap.decode(logits, keypointCount: 1, heatmapSize: m, box: roi)[0]
            // Half a heatmap cell, plus half a pixel of the box-sized map the argmax is taken on.
            let cellWidth = roi.width / Float(m), cellHeight = roi.height / Float(m)
            #expect(abs(decoded.x - point.x) <= cellWidth / 2 + 0.5 && abs(decoded.y - point.y) <= cellHeight / 2 + 0.5,
                    "\(point) -> \(decoded) in \(roi)")
        }
    }
}
