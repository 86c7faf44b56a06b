import Testing
import COCO
@testable import MaskRCNN

@Test func levelsFollowTheFPNFormula() throws {
    let pooler = MultiLevelRoIPooler(roiOperator: try RoIOperator(kind: .roiAlign, outputHeight: 2, outputWidth: 2))
    func level(_ side: Float) -> Int {
        pooler.levelIndex(of: RoI(imageIndex: 0, x1: 10, y1: 10, x2: 10 + side, y2: 10 + side), levelCount: 4) + 2
    }
    // floor(4 + log2(side / 224)): 224 -> 4, 223 -> 3, 112 -> 3, 111 -> 2, 448 -> 5, huge -> 5, 0 -> 2.
    #expect([level(224), level(223), level(112), level(111), level(448), level(5000), level(0)] == [4, 3, 3, 2, 5, 5, 2])
    // A smaller canonical size (scaled-down images) moves the same box up a level.
    var small = pooler
    small.canonicalBoxSize = 112
    #expect(small.levelIndex(of: RoI(imageIndex: 0, x1: 0, y1: 0, x2: 112, y2: 112), levelCount: 4) + 2 == 4)
}

@Test func poolsEachRoIFromItsLevelAndRoutesGradients() throws {
    let op = try RoIOperator(kind: .roiAlign, outputHeight: 2, outputWidth: 2, samplingRatio: 2, aligned: true)
    let pooler = MultiLevelRoIPooler(roiOperator: op, minimumLevel: 2, canonicalLevel: 4, canonicalBoxSize: 32)
    // Levels P2 (stride 4) and P3 (stride 8) of a 64-px image.
    let p2 = try randomFeatures(batch: 1, channels: 3, height: 16, width: 16, seed: 1)
    let p3 = try randomFeatures(batch: 1, channels: 3, height: 8, width: 8, seed: 2)
    let small = RoI(imageIndex: 0, x1: 4, y1: 6, x2: 20, y2: 18)     // side ~13.9 -> level 2
    let large = RoI(imageIndex: 0, x1: 2, y1: 3, x2: 60, y2: 50)     // side ~52 -> level 4, clamped to 3
    let pooled = try pooler([p2, p3], rois: [large, small])
    #expect(pooled.levelIndices == [1, 0])
    let direct3 = try op(p3, rois: [large], spatialScale: 1.0 / 8).output.values
    let direct2 = try op(p2, rois: [small], spatialScale: 1.0 / 4).output.values
    #expect(pooled.output.values == direct3 + direct2)
    let gradient = (0 ..< 24).map { Float($0) / 24 }
    let gradients = try pooled.inputGradients(outputGradient: gradient)
    let expected3 = try op(p3, rois: [large], spatialScale: 1.0 / 8).inputGradient(outputGradient: Array(gradient[0 ..< 12]))
    let expected2 = try op(p2, rois: [small], spatialScale: 1.0 / 4).inputGradient(outputGradient: Array(gradient[12 ..< 24]))
    #expect(gradients == [expected2, expected3])
    #expect(throws: InputError.self) { _ = try pooler([p2, try randomFeatures(batch: 1, channels: 2, height: 8, width: 8)], rois: [small]) }
}

@Test func levelsMatchDetectron2() throws {
    let fixture = try TorchvisionFixture.load().fpn_levels
    let pooler = MultiLevelRoIPooler(roiOperator: try RoIOperator(kind: .roiAlign, outputHeight: 7, outputWidth: 7))
    let levels = fixture.boxes.map { b in
        pooler.levelIndex(of: RoI(imageIndex: 0, x1: b[0], y1: b[1], x2: b[2], y2: b[3]), levelCount: 4) + 2
    }
    #expect(levels == fixture.levels)
    #expect(Set(fixture.levels) == [2, 3, 4, 5])
}
