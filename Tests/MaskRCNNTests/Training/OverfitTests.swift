import COCO
import COCOEval
import Foundation
import MaskRCNN
import Tensor
import Testing

/// A small model trained briefly on the two synthetic scenes must find them again: the
/// evaluator (pycocotools' numbers) scores the predictions against the scenes' ground truth.
///
/// Each test trains for ~30 s in a debug build, so they run when `MASKBENCH_TRAINING_TESTS=1`
/// (`make test` sets it).
@Suite(.enabled(if: ProcessInfo.processInfo.environment["MASKBENCH_TRAINING_TESTS"] == "1"))
struct OverfitTests {
    /// Whether the evaluator can score masks yet (it needs the COCO library's RLE mask API).
    static let evaluatorScoresMasks: Bool = {
        let groundTruth = SyntheticScenes.groundTruth(keypoints: false)
        let results = groundTruth.annotations.map {
            COCOResult(imageID: $0.imageID, categoryID: $0.categoryID, score: 1, segmentation: $0.segmentation)
        }
        return (try? COCOEvaluator.evaluate(groundTruth: groundTruth, results: results,
                                            parameters: EvaluationParameters(iouType: .segm))) != nil
    }()

    /// Trains `config` on the scenes and returns the AP50 (stats[1]) of each IoU type.
    func trainAndScore(_ config: ModelConfig, keypoints: Bool, types: [IoUType]) throws -> [IoUType: Double] {
        let examples = SyntheticScenes.examples(keypoints: keypoints)
        let trainer = try Trainer(config: config, examples: examples)
        trainer.logPeriod = 40
        try trainer.train()
        let results = try trainer.model.cocoResults(images: examples.map(\.image), imageIDs: [1, 2], categoryIDs: [1, 2])
        // For scoring with pycocotools by hand: MASKBENCH_OVERFIT_RESULTS=DIR writes GT and results.
        if let directory = ProcessInfo.processInfo.environment["MASKBENCH_OVERFIT_RESULTS"] {
            let name = types.map(\.rawValue).joined(separator: "-")
            try JSONEncoder().encode(SyntheticScenes.groundTruth(keypoints: keypoints))
                .write(to: URL(fileURLWithPath: "\(directory)/\(name)-gt.json"), options: .atomic)
            try JSONEncoder().encode(results).write(to: URL(fileURLWithPath: "\(directory)/\(name)-results.json"), options: .atomic)
        }
        var scores: [IoUType: Double] = [:]
        for type in types {
            var parameters = EvaluationParameters(iouType: type)
            // Three keypoints per figure, with COCO's shoulder sigma.
            if type == .keypoints { parameters.keypointSigmas = [0.079, 0.079, 0.079] }
            let evaluation = try COCOEvaluator.evaluate(groundTruth: SyntheticScenes.groundTruth(keypoints: keypoints),
                                                        results: results, parameters: parameters)
            scores[type] = evaluation.stats[1]
        }
        return scores
    }

    @Test func boxAP50() throws {
        let scores = try trainAndScore(SyntheticScenes.tinyConfig(), keypoints: false, types: [.bbox])
        #expect(scores[.bbox]! >= 0.9)
    }

    @Test(.enabled(if: evaluatorScoresMasks, "segm evaluation needs the COCO RLE mask API (coco-core)"))
    func maskAP50() throws {
        let scores = try trainAndScore(SyntheticScenes.tinyConfig(masks: true), keypoints: false, types: [.bbox, .segm])
        #expect(scores[.segm]! >= 0.9)
    }

    @Test func keypointAP50() throws {
        let scores = try trainAndScore(SyntheticScenes.tinyConfig(keypoints: true), keypoints: true, types: [.keypoints])
        #expect(scores[.keypoints]! >= 0.8)
    }
}
