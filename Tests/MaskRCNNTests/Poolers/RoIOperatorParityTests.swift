import Foundation
import Testing
import TestSupport
import COCO
@testable import MaskRCNN

/// `Tests/Fixtures/roi/roi_ops.json`, written by torchvision via `scripts/make_roi_fixtures.py`.
struct TorchvisionFixture: Decodable {
    struct Features: Decodable { let shape: [Int]; let values: [Float] }
    struct Case: Decodable {
        let op: String
        let output_size: [Int]
        let spatial_scale: Double
        let sampling_ratio: Int
        let aligned: Bool
        let output: [Float]
        let grad_output: [Float]
        let grad_input: [Float]
    }
    /// 20-channel cases: the 16-channel vector blocks and the scalar tail.
    struct Wide: Decodable { let features: Features; let rois: [[Float]]; let cases: [Case] }
    let features: Features
    let rois: [[Float]]
    let cases: [Case]
    let wide: Wide
    /// detectron2's `assign_boxes_to_levels` (k0 4, s0 224, levels 2...5) on boxes (x1, y1, x2, y2).
    struct Levels: Decodable { let boxes: [[Float]]; let levels: [Int] }
    let fpn_levels: Levels

    static func load() throws -> TorchvisionFixture {
        try JSONDecoder().decode(TorchvisionFixture.self, from: Fixtures.data("roi/roi_ops.json"))
    }
}

/// Largest absolute difference, and where it is.
func maxDifference(_ a: [Float], _ b: [Float]) -> (value: Float, index: Int) {
    var worst: (Float, Int) = (0, -1)
    for i in a.indices where abs(a[i] - b[i]) > worst.0 || a[i].isNaN != b[i].isNaN { worst = (abs(a[i] - b[i]), i) }
    return worst
}

/// Runs one torchvision case and compares output and input gradient within 1e-5.
private func expectParity(_ c: TorchvisionFixture.Case, features f: TorchvisionFixture.Features, rows: [[Float]]) throws {
    let features = try FeatureMap(batch: f.shape[0], channels: f.shape[1], height: f.shape[2], width: f.shape[3], values: f.values)
    let rois = try RoI.fromRows(rows.flatMap { $0 })
    let op = try RoIOperator(kind: c.op == "roi_pool" ? .roiPool : .roiAlign,
                             aggregation: c.op == "roi_pool" ? .max : .average,
                             outputHeight: c.output_size[0], outputWidth: c.output_size[1],
                             samplingRatio: c.sampling_ratio, aligned: c.aligned)
    let pooled = try op(features, rois: rois, spatialScale: c.spatial_scale)
    let label = "\(c.op) \(c.output_size) aligned \(c.aligned) sampling \(c.sampling_ratio), \(f.shape[1]) channels"
    #expect(pooled.output.values.count == c.output.count)
    let forward = maxDifference(pooled.output.values, c.output)
    #expect(forward.value <= 1e-5, "\(label): output[\(forward.index)]")
    let gradient = try pooled.inputGradient(outputGradient: c.grad_output)
    let backward = maxDifference(gradient.values, c.grad_input)
    #expect(backward.value <= 1e-5, "\(label): grad[\(backward.index)]")
}

@Test(arguments: 0 ..< 8)
func matchesTorchvisionForwardAndGradient(caseIndex: Int) throws {
    let fixture = try TorchvisionFixture.load()
    try #require(fixture.cases.count == 8)
    try expectParity(fixture.cases[caseIndex], features: fixture.features, rows: fixture.rois)
}

@Test func matchesTorchvisionWithVectorChannelBlocks() throws {
    let wide = try TorchvisionFixture.load().wide
    #expect(wide.cases.count == 3 && wide.features.shape[1] == 20)
    for c in wide.cases { try expectParity(c, features: wide.features, rows: wide.rois) }
}

@Test func fixtureCoversTheIssueCases() throws {
    let fixture = try TorchvisionFixture.load()
    let aligns = fixture.cases.filter { $0.op == "roi_align" }
    #expect(Set(aligns.map(\.aligned)) == [false, true])
    #expect(Set(aligns.map(\.sampling_ratio)).isSuperset(of: [0, 2]))
    // Partly outside, zero width and smaller-than-a-bin RoIs are in the fixture.
    #expect(fixture.rois.contains { $0[1] < 0 && $0[3] > 0 })
    #expect(fixture.rois.contains { $0[1] == $0[3] })
    #expect(fixture.rois.contains { ($0[3] - $0[1]) * 0.5 < 1 && $0[3] > $0[1] })  // under one cell at stride 2
}
