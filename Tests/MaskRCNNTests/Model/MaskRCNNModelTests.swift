import COCO
import Foundation
@testable import MaskRCNN
import Tensor
import Testing

/// Every head layout trains (finite losses, a gradient for every trainable parameter) and
/// predicts well-formed results in the original image's coordinates.
struct MaskRCNNModelTests {
    /// The layouts of Tables 2b, 2d, 2e and the C4 design, on the tiny scenes.
    static let layouts: [(String, ModelConfig)] = {
        var c4 = SyntheticScenes.tinyConfig(masks: true)
        c4.features = FeatureConfig(kind: .c4)
        c4.anchors.sizes = [[16, 32, 64]]
        c4.roiHeads.boxPooler = RoIOperatorConfig(kind: .roiPool, aggregation: .max, outputSize: 14)
        c4.roiHeads.boxHead = BoxHeadConfig(kind: .c4Res5)
        c4.maskHead = MaskHeadConfig(kind: .c4Deconv, convWidth: 16, resolution: 14)
        var c5 = SyntheticScenes.tinyConfig(masks: true)
        c5.features = FeatureConfig(kind: .c5)
        c5.anchors.sizes = [[16, 32, 64]]
        c5.backbone.block = .bottleneck
        c5.backbone.groupNormGroups = 4
        c5.maskHead = MaskHeadConfig(kind: .mlp, fcLayers: 2, fcWidth: 32, resolution: 14,
                                     pooler: RoIOperatorConfig(kind: .roiWarp, outputSize: 7), loss: .softmax, classSpecific: false)
        var softmax = SyntheticScenes.tinyConfig(masks: true, keypoints: true)
        softmax.maskHead.loss = .softmax
        softmax.keypointHead.lossNormalization = .expectedKeypoints
        return [("c4", c4), ("c5-mlp-softmax-agnostic", c5), ("fpn-softmax-keypoints", softmax)]
    }()

    @Test(arguments: 0..<3) func layoutTrainsEveryParameter(index: Int) throws {
        let (name, config) = Self.layouts[index]
        let model = try MaskRCNNModel(config: config)
        var generator = SeededGenerator(state: 11)
        let losses = try model.losses(SyntheticScenes.examples(keypoints: config.keypointHead.kind != .none), using: &generator)
        #expect(losses.values.allSatisfy { $0.value.isFinite && $0.value > 0 }, "\(name): \(losses.values)")
        losses.total.backward()
        let missing = model.trainableParameters.filter { $0.grad == nil }.map(\.name)
        #expect(missing.isEmpty, "\(name): no gradient for \(missing)")
    }

    /// Untrained weights score near-uniformly, so many detections come out; each has a mask of the
    /// original size and three keypoints, all mapped back from the 64-px input to 128 px.
    @Test func predictionsAreMappedToTheOriginalImage() throws {
        let config = SyntheticScenes.tinyConfig(masks: true, keypoints: true)
        let model = try MaskRCNNModel(config: config)
        let images = SyntheticScenes.examples(keypoints: true).map(\.image)
        let original = ImageSize(height: 128, width: 128)
        let predictions = try model.predict(images, originalSizes: [original, original])
        #expect(predictions.count == 2)
        for prediction in predictions {
            #expect(!prediction.detections.isEmpty)
            #expect(prediction.detections.count <= config.inference.detectionsPerImage)
            #expect(prediction.detections.allSatisfy { $0.box.x2 <= 128 && $0.box.y2 <= 128 && $0.box.x1 >= 0 })
            #expect(prediction.detections.contains { $0.box.x2 > 64 || $0.box.y2 > 64 })
            let masks = try #require(prediction.masks)
            #expect(masks.count == prediction.detections.count)
            #expect(masks.allSatisfy { $0.height == 128 && $0.width == 128 && $0.counts.reduce(0) { $0 + Int($1) } == 128 * 128 })
            let keypoints = try #require(prediction.keypoints)
            #expect(keypoints.allSatisfy { $0.count == 3 && $0.allSatisfy { $0.x >= 0 && $0.x <= 128 && $0.y >= 0 && $0.y <= 128 } })
            let results = prediction.cocoResults(imageID: 5, categoryIDs: [10, 20])
            #expect(results.count == prediction.detections.count)
            #expect(results.allSatisfy { [10, 20].contains($0.categoryID) && $0.segmentation != nil && $0.keypoints?.count == 9 })
        }
    }

    @Test func badInferenceInputNamesTheImage() throws {
        let model = try MaskRCNNModel(config: SyntheticScenes.tinyConfig())
        var images = SyntheticScenes.examples(keypoints: false).map(\.image)
        images[1] = Tensor(repeating: .nan, shape: [3, 64, 64])
        #expect { _ = try model.predict(images) } throws: { error in
            (error as? InputError)?.record == 1 && (error as? InputError)?.field == "image"
        }
        #expect { _ = try model.cocoResults(images: images, imageIDs: [1], categoryIDs: [1, 2]) } throws: { error in
            (error as? InputError)?.field == "image_ids"
        }
        #expect { _ = try model.predict([Tensor(zeros: [1, 64, 64])]) } throws: { error in
            (error as? InputError)?.record == 0
        }
    }

    @Test func bottleneckInnerWidthMustHoldTheGroups() {
        var config = SyntheticScenes.tinyConfig()
        config.backbone.block = .bottleneck
        #expect { _ = try MaskRCNNModel(config: config) } throws: { error in
            (error as? InputError)?.field == "backbone.stage_widths[0]"
        }
    }

    @Test func impossibleConfigIsRejectedWithItsField() {
        var config = SyntheticScenes.tinyConfig()
        config.anchors.sizes[2] = [32, 48]
        #expect { _ = try MaskRCNNModel(config: config) } throws: { error in
            (error as? InputError)?.field == "anchors.sizes[2]"
        }
    }
}
