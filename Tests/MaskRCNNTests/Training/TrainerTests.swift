import CDNNL
import COCO
import Foundation
@testable import MaskRCNN
import Tensor
import Testing

/// One training step of every branch, determinism, and kill-and-resume.
struct TrainerTests {
    /// A tiny config so the debug build runs a few steps in seconds.
    static func config(masks: Bool = true, keypoints: Bool = true) -> ModelConfig {
        var config = SyntheticScenes.tinyConfig(masks: masks, keypoints: keypoints)
        config.solver.iterations = 4
        config.solver.warmupIterations = 2
        config.checkpointPeriod = 2
        return config
    }

    func weights(_ model: MaskRCNNModel) -> [[Float]] { model.parameters.map(\.value.scalars) }

    @Test func everyBranchHasAFiniteLossAndEveryTrainableParameterAGradient() throws {
        let trainer = try Trainer(config: Self.config(), examples: SyntheticScenes.examples(keypoints: true))
        var generator = SeededGenerator(state: 3)
        let losses = try trainer.model.losses(trainer.batch(at: 0), using: &generator)
        #expect(losses.values.map(\.name) == ["loss_rpn_cls", "loss_rpn_loc", "loss_cls", "loss_box_reg", "loss_mask", "loss_keypoint"])
        #expect(losses.values.allSatisfy { $0.value.isFinite && $0.value > 0 })
        losses.total.backward()
        let missing = trainer.model.trainableParameters.filter { $0.grad == nil }.map(\.name)
        #expect(missing.isEmpty, "no gradient: \(missing)")
    }

    @Test func aModelComputesOnItsConfigsThreadsWhateverTheCallersCount() throws {
        var config = Self.config(keypoints: false)
        config.threads = 1
        let processDefault = ComputeThreads.count
        let trainer = try Trainer(config: config, examples: SyntheticScenes.examples(keypoints: false))
        #expect(ComputeThreads.count == processDefault)
        try ComputeThreads.withCount(2) {
            try trainer.step()
            #expect(omp_get_max_threads() == 1)  // oneDNN's last call ran on the config's 1 thread
            omp_set_num_threads(2)
            _ = try trainer.model.predict([trainer.examples[0].image])
            #expect(omp_get_max_threads() == 1)
            #expect(ComputeThreads.count == 2)
        }
        #expect(ComputeThreads.count == processDefault)
    }

    @Test func sameSeedGivesIdenticalWeights() throws {
        let examples = SyntheticScenes.examples(keypoints: false)
        var config = Self.config(keypoints: false)
        config.solver.iterations = 2
        let first = try Trainer(config: config, examples: examples)
        first.log = { _ in }
        try first.train()
        let second = try Trainer(config: config, examples: examples)
        second.log = { _ in }
        var observed: [Int] = []
        second.stepObserver = { iteration, losses in
            observed.append(iteration)
            #expect(losses.count == 5 && losses.allSatisfy { $0.value.isFinite })
        }
        try second.train()
        #expect(observed == [1, 2])
        #expect(weights(first.model) == weights(second.model))
        config.seed = 1
        let other = try Trainer(config: config, examples: examples)
        #expect(weights(other.model) != weights(first.model))
    }

    @Test func resumeAfterKillEqualsUninterruptedRun() throws {
        let examples = SyntheticScenes.examples(keypoints: false)
        let config = Self.config(keypoints: false)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("maskbench-resume-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }

        let uninterrupted = try Trainer(config: config, examples: examples)
        uninterrupted.log = { _ in }
        try uninterrupted.train()

        // Killed during iteration 3: the checkpoint of iteration 2 survives, the third step is lost.
        let killed = try Trainer(config: config, examples: examples, checkpointDirectory: directory)
        killed.log = { _ in }
        try killed.train(until: 2)
        try killed.step()
        let state = try #require(try CheckpointStore(directory: directory).load())
        #expect(state.iteration == 2)
        let resumed = try Trainer(config: config, examples: examples, checkpointDirectory: directory)
        resumed.log = { _ in }
        #expect(try resumed.resume())
        #expect(resumed.iteration == 2)
        try resumed.train()
        #expect(resumed.iteration == 4)
        #expect(weights(resumed.model) == weights(uninterrupted.model))
        #expect(weights(resumed.model) != weights(try MaskRCNNModel(config: config)))
    }

    @Test func badExampleNamesRecordAndField() throws {
        var examples = SyntheticScenes.examples(keypoints: false)
        examples[1].instances[0].label = 7
        #expect {
            _ = try Trainer(config: Self.config(keypoints: false), examples: examples)
        } throws: { error in
            let error = error as? InputError
            return error?.record == 1 && error?.field == "instances[0].label"
        }
    }

    @Test func checkpointWithAnotherSeedIsRefused() throws {
        let examples = SyntheticScenes.examples(keypoints: false)
        var config = Self.config(keypoints: false)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("maskbench-seed-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let trainer = try Trainer(config: config, examples: examples, checkpointDirectory: directory)
        trainer.log = { _ in }
        try trainer.train(until: 1)
        config.seed = 9
        let other = try Trainer(config: config, examples: examples, checkpointDirectory: directory)
        #expect(throws: InputError.self) { try other.resume() }
    }
}
