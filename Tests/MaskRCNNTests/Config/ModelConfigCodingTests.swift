import COCO
import Foundation
import Testing
@testable import MaskRCNN

@Suite struct ModelConfigCodingTests {
    @Test func defaultsAreTheReferenceConfiguration() {
        let c = ModelConfig()
        #expect(c.backbone.block == .basic && c.backbone.blocksPerStage == [1, 1, 1, 1])
        #expect(c.backbone.stemWidth == 32 && c.backbone.stageWidths == [32, 64, 128, 256])
        #expect(c.backbone.normalization == .frozenBatchNorm)
        #expect(c.features.kind == .fpn && c.features.fpnChannels == 64)
        #expect(c.anchors.sizes == [[16], [32], [64], [128], [256]] && c.anchors.aspectRatios == [0.5, 1, 2])
        #expect(c.rpn.samplesPerImage == 256 && c.rpn.positiveFraction == 0.5)
        let topK: [Int] = [c.rpn.preNMSTopKTrain, c.rpn.postNMSTopKTrain, c.rpn.preNMSTopKTest, c.rpn.postNMSTopKTest]
        #expect(topK == [1000, 500, 500, 250])
        #expect(c.roiHeads.boxPooler == RoIOperatorConfig(kind: .roiAlign, aggregation: .average, outputSize: 7, samplingRatio: 2, aligned: false))
        #expect(c.roiHeads.boxHead == BoxHeadConfig(kind: .fc, fcLayers: 2, fcWidth: 256))
        #expect(c.roiHeads.roisPerImage == 128 && c.roiHeads.positiveFraction == 0.25 && c.roiHeads.numClasses == 4)
        #expect(c.roiHeads.boxCodingWeights == [10, 10, 5, 5])
        #expect(c.maskHead.kind == .fcn && c.maskHead.convs == 4 && c.maskHead.convWidth == 64)
        #expect(c.maskHead.pooler.outputSize == 14 && c.maskHead.resolution == 28)
        #expect(c.inference == InferenceConfig(scoreThreshold: 0.05, nmsThreshold: 0.5, detectionsPerImage: 100))
        #expect(c.input == InputConfig(shorterSide: 256, maxSize: 256) && c.solver.imagesPerBatch == 2)
        #expect(c.problems().isEmpty)
        #expect(ModelConfig.c4.problems().isEmpty)
        #expect(ModelConfig.c5.problems().isEmpty)
        #expect(ModelConfig.c4.features.strides == [16] && ModelConfig.c5.features.strides == [32])
    }

    @Test func roundTripsThroughJSON() throws {
        var config = ModelConfig.c4
        config.keypointHead.kind = .fcn
        config.maskHead.loss = .softmax
        config.roiHeads.boxPooler = RoIOperatorConfig(kind: .roiWarp, aggregation: .max, outputSize: 14, samplingRatio: 0)
        config.solver.steps = [600, 900]
        config.seed = 7
        let data = try config.encodedJSON()
        #expect(try ModelConfig.decode(data) == config)
        #expect(try JSONDecoder().decode(ModelConfig.self, from: data) == config)
        #expect(try JSONDecoder().decode(ModelConfig.self, from: Data("{}".utf8)) == ModelConfig())
        for preset in [ModelConfig.r10FPN256, .c5] {
            #expect(try ModelConfig.decode(preset.encodedJSON()) == preset)
        }
    }

    @Test func keysAreSnakeCaseAndValuesAreYAMLScalars() throws {
        let text = String(decoding: try ModelConfig().encodedJSON(), as: UTF8.self)
        for key in ["\"roi_heads\"", "\"box_pooler\"", "\"sampling_ratio\"", "\"pre_nms_top_k_train\"", "\"checkpoint_period\""] {
            #expect(text.contains(key), "missing \(key)")
        }
        #expect(text.contains("\"roi_align\"") && text.contains("\"frozen_batch_norm\""))
        #expect(!text.contains("roiHeads") && !text.contains("samplingRatio"))
    }

    @Test func partialOverrideKeepsDefaults() throws {
        let json = #"{"roi_heads": {"box_pooler": {"kind": "roi_pool", "aggregation": "max"}}, "seed": 3}"#
        let config = try ModelConfig.decode(Data(json.utf8))
        var expected = ModelConfig()
        expected.roiHeads.boxPooler.kind = .roiPool
        expected.roiHeads.boxPooler.aggregation = .max
        expected.seed = 3
        #expect(config == expected)
        // The mask pooler keeps its own 14x14 default, not the box pooler's 7x7.
        let mask = try ModelConfig.decode(Data(#"{"mask_head": {"pooler": {"sampling_ratio": 0}}}"#.utf8))
        #expect(mask.maskHead.pooler.outputSize == 14 && mask.maskHead.pooler.samplingRatio == 0)
    }

    @Test func plainDecodableTakesDefaultsAndNamesNestedPaths() throws {
        struct Experiment: Codable { var name: String; var model: ModelConfig }
        let json = #"{"name": "roi_pool", "model": {"roi_heads": {"box_pooler": {"kind": "roi_pool", "aggregation": "max"}}}}"#
        let experiment = try JSONDecoder().decode(Experiment.self, from: Data(json.utf8))
        var expected = ModelConfig()
        expected.roiHeads.boxPooler.kind = .roiPool
        expected.roiHeads.boxPooler.aggregation = .max
        #expect(experiment.model == expected)
        let typo = #"{"name": "x", "model": {"rpn": {"nms_treshold": 0.6}}}"#
        #expect(throws: InputError(field: "model.rpn.nms_treshold", message: "unknown key")) {
            try JSONDecoder().decode(Experiment.self, from: Data(typo.utf8))
        }
        let badValue = #"{"name": "x", "model": {"features": {"kind": "c6"}}}"#
        let error = try #require(throws: InputError.self) { try JSONDecoder().decode(Experiment.self, from: Data(badValue.utf8)) }
        #expect(error.field == "model.features.kind")
    }

    @Test func overrideAppliesOverAPreset() throws {
        let config = try ModelConfig.decode(Data(#"{"roi_heads": {"rois_per_image": 32}}"#.utf8), over: .c4)
        #expect(config.roiHeads.roisPerImage == 32)
        #expect(config.roiHeads.boxHead.kind == .c4Res5 && config.roiHeads.boxPooler.outputSize == 14)
        #expect(config.features.kind == .c4)
    }

    @Test func overrideTreeFromAnyDecoderApplies() throws {
        let override = ConfigOverride.object([
            "seed": .integer(5),
            "anchors": .object(["aspect_ratios": .array([.integer(1)])]),
            "rpn": .object(["min_size": .integer(2)]),
        ])
        let config = try ModelConfig.c5.applying(override)
        #expect(config.seed == 5 && config.anchors.aspectRatios == [1] && config.rpn.minSize == 2)
        #expect(config.features.kind == .c5 && config.anchors.sizes == ModelConfig.c5.anchors.sizes)
        #expect(throws: InputError(file: "t.yaml", field: "rpn", message: "expected a section of keys")) {
            try ModelConfig().applying(.object(["rpn": .integer(3)]), file: "t.yaml")
        }
    }

    @Test func unknownKeyIsRejectedWithItsPath() {
        let json = #"{"roi_heads": {"box_pooler": {"sampling_ration": 2}}}"#
        #expect(throws: InputError(file: "a.json", field: "roi_heads.box_pooler.sampling_ration", message: "unknown key")) {
            try ModelConfig.decode(Data(json.utf8), file: "a.json")
        }
        #expect(throws: InputError(field: "solvr", message: "unknown key")) {
            try ModelConfig.decode(Data(#"{"solvr": {}}"#.utf8))
        }
    }

    @Test func mistypedValuesNameTheField() throws {
        let badEnum = #"{"backbone": {"normalization": "batch_norm"}}"#
        let error = try #require(throws: InputError.self) { try ModelConfig.decode(Data(badEnum.utf8), file: "x.json") }
        #expect(error.file == "x.json" && error.field == "backbone.normalization")
        let badType = #"{"anchors": {"sizes": [[16], ["big"]]}}"#
        let typeError = try #require(throws: InputError.self) { try ModelConfig.decode(Data(badType.utf8)) }
        #expect(typeError.field == "anchors.sizes[1][0]")
    }
}
