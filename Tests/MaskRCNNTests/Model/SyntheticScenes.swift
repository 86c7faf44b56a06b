import COCO
import MaskRCNN
import Tensor

/// Tiny hand-drawn scenes for the overfit and determinism tests: 64x64 images on a dark
/// background with a bright rectangle (label 1) and a bright ellipse (label 2), each with its
/// mask; with `keypoints`, every object is a "figure" with three marked keypoints (a dot at the
/// top centre, the centre and the bottom centre), drawn in their own colour.
enum SyntheticScenes {
    static let size = 64

    struct Object {
        var box: Box
        var label: Int
    }

    /// The two scenes' objects (fixed, so the tests are reproducible by eye).
    static let scenes: [[Object]] = [
        [Object(box: Box(x1: 6, y1: 8, x2: 30, y2: 30), label: 1),
         Object(box: Box(x1: 36, y1: 30, x2: 60, y2: 58), label: 2)],
        [Object(box: Box(x1: 30, y1: 4, x2: 58, y2: 26), label: 2),
         Object(box: Box(x1: 8, y1: 34, x2: 34, y2: 60), label: 1)],
    ]

    static func keypoints(of box: Box) -> [GroundTruthKeypoint] {
        let cx = (box.x1 + box.x2) / 2
        return [GroundTruthKeypoint(x: cx, y: box.y1 + 3, visibility: 2),
                GroundTruthKeypoint(x: cx, y: (box.y1 + box.y2) / 2, visibility: 2),
                GroundTruthKeypoint(x: cx, y: box.y2 - 3, visibility: 2)]
    }

    static func mask(of object: Object) -> ImageMask {
        var values = [UInt8](repeating: 0, count: size * size)
        let box = object.box
        for y in 0..<size {
            for x in 0..<size {
                let px = Float(x) + 0.5, py = Float(y) + 0.5
                let inside: Bool
                if object.label == 1 {
                    inside = px >= box.x1 && px < box.x2 && py >= box.y1 && py < box.y2
                } else {
                    let u = (px - (box.x1 + box.x2) / 2) / (box.width / 2), v = (py - (box.y1 + box.y2) / 2) / (box.height / 2)
                    inside = u * u + v * v <= 1
                }
                if inside { values[y * size + x] = 1 }
            }
        }
        return try! ImageMask(height: size, width: size, values: values)
    }

    /// Training examples (and the COCO ground truth the evaluator scores against).
    static func examples(keypoints: Bool) -> [TrainingExample] {
        scenes.map { objects in
            var pixels = [Float](repeating: -0.8, count: 3 * size * size)
            var instances: [GroundTruthInstance] = []
            for object in objects {
                let mask = mask(of: object)
                let colour: [Float] = object.label == 1 ? [0.9, 0.2, -0.5] : [-0.4, 0.8, 0.9]
                for pixel in 0..<(size * size) where mask.values[pixel] == 1 {
                    for c in 0..<3 { pixels[c * size * size + pixel] = colour[c] }
                }
                let points = keypoints ? Self.keypoints(of: object.box) : nil
                for point in points ?? [] {
                    for dy in -1...1 {
                        for dx in -1...1 {
                            let x = Int(point.x) + dx, y = Int(point.y) + dy
                            for c in 0..<3 { pixels[c * size * size + y * size + x] = c == 2 ? -0.9 : 1 }
                        }
                    }
                }
                instances.append(GroundTruthInstance(box: object.box, label: object.label, mask: mask, keypoints: points))
            }
            return TrainingExample(image: Tensor(shape: [3, size, size], scalars: pixels), instances: instances)
        }
    }

    /// The scenes as a COCO dataset (image ids 1, 2; category ids 1, 2; RLE masks; keypoints).
    static func groundTruth(keypoints: Bool) -> COCODataset {
        var annotations: [COCOAnnotation] = []
        for (image, objects) in scenes.enumerated() {
            for object in objects {
                let rle = mask(of: object).runLengthEncoded
                let points: [Double]? = keypoints ? Self.keypoints(of: object.box).flatMap { [Double($0.x), Double($0.y), 2.0] } : nil
                annotations.append(COCOAnnotation(
                    id: annotations.count + 1, imageID: image + 1, categoryID: object.label,
                    segmentation: .uncompressedRLE(height: rle.height, width: rle.width, counts: rle.counts),
                    area: Double(object.box.area), bbox: object.box.boundingBox, isCrowd: 0,
                    keypoints: points, numKeypoints: points.map { _ in 3 }))
            }
        }
        let categories = [1, 2].map { id in
            COCOCategory(id: id, name: "shape\(id)", keypoints: keypoints ? ["top", "centre", "bottom"] : nil)
        }
        return COCODataset(images: [1, 2].map { COCOImage(id: $0, width: size, height: size) },
                           annotations: annotations, categories: categories)
    }

    /// A small, fast FPN config for 64-px scenes with two classes.
    static func tinyConfig(masks: Bool = false, keypoints: Bool = false) -> ModelConfig {
        var config = ModelConfig()
        config.backbone = BackboneConfig(block: .basic, blocksPerStage: [1, 1, 1, 1], stemWidth: 16,
                                         stageWidths: [16, 32, 32, 64], normalization: .groupNorm, groupNormGroups: 8)
        config.features = FeatureConfig(kind: .fpn, fpnChannels: 32)
        config.anchors.sizes = [[8], [16], [32], [64], [128]]
        config.rpn.samplesPerImage = 64
        config.rpn.preNMSTopKTrain = 200
        config.rpn.postNMSTopKTrain = 50
        config.rpn.preNMSTopKTest = 200
        config.rpn.postNMSTopKTest = 50
        config.roiHeads.numClasses = 2
        config.roiHeads.roisPerImage = 32
        config.roiHeads.boxHead = BoxHeadConfig(kind: .fc, fcLayers: 2, fcWidth: 64)
        config.maskHead = masks ? MaskHeadConfig(kind: .fcn, convs: 2, convWidth: 16, resolution: 28) : MaskHeadConfig(kind: .none)
        config.keypointHead = keypoints
            ? KeypointHeadConfig(kind: .fcn, convs: 2, convWidth: 32, heatmapSize: 28, keypointCount: 3,
                                 pooler: RoIOperatorConfig(outputSize: 7))
            : KeypointHeadConfig(kind: .none)
        config.input = InputConfig(shorterSide: size, maxSize: size)
        config.solver = SolverConfig(baseLearningRate: 0.01, warmupIterations: 20, warmupFactor: 0.1, steps: [],
                                     iterations: 120, imagesPerBatch: 2)
        config.threads = 2
        return config
    }
}
