import Testing
import COCO
import Tensor
@testable import MaskRCNN

@Test func tensorAutogradReproducesTorchvisionGradients() throws {
    // roi_align, aligned, sampling 2, through Tensor.record and backward(gradient:).
    let fixture = try TorchvisionFixture.load()
    let c = fixture.cases[3]
    try #require(c.op == "roi_align" && c.aligned && c.sampling_ratio == 2)
    let features = Tensor(shape: fixture.features.shape, scalars: fixture.features.values).requiringGradient()
    let op = try RoIOperator(kind: .roiAlign, outputHeight: 7, outputWidth: 7, samplingRatio: 2, aligned: true)
    let output = try op(features, rois: RoI.fromRows(fixture.rois.flatMap { $0 }), spatialScale: c.spatial_scale)
    #expect(output.shape == [fixture.rois.count, fixture.features.shape[1], 7, 7])
    #expect(maxDifference(output.scalars, c.output).value <= 1e-5)
    output.backward(gradient: Tensor(shape: output.shape, scalars: c.grad_output))
    let gradient = try #require(features.grad)
    #expect(maxDifference(gradient.scalars, c.grad_input).value <= 1e-5)
}

@Test func tensorMultiLevelPoolingSendsGradientsToEachLevel() throws {
    let op = try RoIOperator(kind: .roiWarp, aggregation: .max, outputHeight: 2, outputWidth: 2)
    let pooler = MultiLevelRoIPooler(roiOperator: op, minimumLevel: 2, canonicalLevel: 4, canonicalBoxSize: 32)
    let p2 = try randomFeatures(batch: 1, channels: 2, height: 16, width: 16, seed: 3)
    let p3 = try randomFeatures(batch: 1, channels: 2, height: 8, width: 8, seed: 4)
    let rois = [RoI(imageIndex: 0, x1: 2, y1: 3, x2: 60, y2: 50), RoI(imageIndex: 0, x1: 4, y1: 6, x2: 20, y2: 18)]
    let levels = [Tensor(shape: p2.shape, scalars: p2.values).requiringGradient(),
                  Tensor(shape: p3.shape, scalars: p3.values).requiringGradient()]
    let output = try pooler(levels, rois: rois)
    let upstream = (0 ..< output.count).map { Float($0 + 1) }
    output.backward(gradient: Tensor(shape: output.shape, scalars: upstream))
    let expected = try pooler([p2, p3], rois: rois).inputGradients(outputGradient: upstream)
    #expect(levels[0].grad?.scalars == expected[0].values)
    #expect(levels[1].grad?.scalars == expected[1].values)
    #expect(expected.allSatisfy { $0.values.contains { $0 != 0 } })  // both levels receive gradient
    #expect(throws: InputError.self) { _ = try op(Tensor(zeros: [2, 3]), rois: rois, spatialScale: 1) }
}
