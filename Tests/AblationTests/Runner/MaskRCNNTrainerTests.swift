@testable import Ablation
import COCO
import Foundation
import MaskRCNN
import Testing

@Suite struct MaskRCNNTrainerTests {
    @Test func aKilledJobResumesFromItsCheckpointToTheSamePredictions() throws {
        let whole = TrainerTable.scratch(), killed = TrainerTable.scratch()
        defer {
            try? FileManager.default.removeItem(at: whole)
            try? FileManager.default.removeItem(at: killed)
        }
        var job = try TrainerTable.jobs()[0]
        job.workDirectory = whole
        let lines = JobLog()
        let uninterrupted = try MaskRCNNTrainer(lossCurvePoints: 4, logPeriod: 1).trainAndPredict(job, progress: ProgressLog { lines.append($0) })
        #expect(uninterrupted.iterations == 4)
        #expect(uninterrupted.lossCurve.iterations == [1, 2, 3, 4])
        #expect(uninterrupted.lossCurve.loss.allSatisfy { $0.isFinite && $0 > 0 })
        #expect(lines.jobs.contains { $0.contains("align.seed0 iter 4/4") && $0.contains("ETA") })
        #expect(uninterrupted.groundTruth.images.count == 3)
        #expect(!uninterrupted.results.isEmpty)
        #expect(uninterrupted.results.allSatisfy { $0.segmentation != nil && (1...3).contains($0.imageID) })

        // "Kill" a run after two iterations (a checkpoint), then let the job finish it.
        job.workDirectory = killed
        try MaskRCNNTrainer.prepareWorkDirectory(for: job)
        let data = try JobData.load(job)
        let partial = try Trainer(config: job.config, examples: data.training, checkpointDirectory: killed)
        partial.log = { _ in }
        var curve = LossCurveRecorder(iterations: 4, points: 4, file: killed.appendingPathComponent("loss-curve.json"))
        partial.stepObserver = { iteration, losses in
            try? curve.record(iteration: iteration, loss: losses.reduce(0) { $0 + Double($1.value) })
        }
        try partial.train(until: 2)
        let resumedLines = JobLog()
        let resumed = try MaskRCNNTrainer(lossCurvePoints: 4).trainAndPredict(job, progress: ProgressLog { resumedLines.append($0) })
        #expect(resumedLines.jobs.contains { $0.contains("resumed from the checkpoint at iteration 2") })
        #expect(resumed.results == uninterrupted.results)
        #expect(resumed.lossCurve == uninterrupted.lossCurve)

        // The same folder after the table changed (another config hash): trained from iteration 0.
        job.configHash = "another-config"
        let restartedLines = JobLog()
        let restarted = try MaskRCNNTrainer(lossCurvePoints: 4).trainAndPredict(job, progress: ProgressLog { restartedLines.append($0) })
        #expect(!restartedLines.jobs.contains { $0.contains("resumed") })
        #expect(restarted.results == uninterrupted.results)
        #expect(try String(contentsOf: killed.appendingPathComponent("config-hash"), encoding: .utf8) == job.checkpointKey)
    }

    @Test func aCheckpointFolderOfAnotherEngineIsDeleted() throws {
        let folder = TrainerTable.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        var job = try TrainerTable.jobs()[0]
        job.workDirectory = folder
        // What an engine before numerics revisions left: the bare config hash and a checkpoint.
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(job.configHash.utf8).write(to: folder.appendingPathComponent("config-hash"))
        try Data("{}".utf8).write(to: folder.appendingPathComponent("state.json"))
        try MaskRCNNTrainer.prepareWorkDirectory(for: job)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("state.json").path))
        #expect(try String(contentsOf: folder.appendingPathComponent("config-hash"), encoding: .utf8) == job.checkpointKey)
        #expect(job.checkpointKey.hasSuffix("numerics-revision \(NumericsRevision.current)"))

        // A folder of the current engine is kept.
        try Data("{}".utf8).write(to: folder.appendingPathComponent("state.json"))
        try MaskRCNNTrainer.prepareWorkDirectory(for: job)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("state.json").path))
    }

    @Test func theLossCurveAveragesWindowsAndResumesFromItsFile() throws {
        let directory = TrainerTable.scratch()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("loss-curve.json")
        var recorder = LossCurveRecorder(iterations: 9, points: 3, file: file)
        for iteration in 1...7 { try recorder.record(iteration: iteration, loss: Double(iteration)) }
        #expect(recorder.curve == LossCurve(iterations: [3, 6], loss: [2, 5]))

        var restored = LossCurveRecorder(iterations: 9, points: 3, file: file)
        try restored.restore(upTo: 4)
        #expect(restored.curve == LossCurve(iterations: [3], loss: [2]))
        try "{".write(to: file, atomically: true, encoding: .utf8)
        #expect(throws: InputError.self) { try restored.restore(upTo: 4) }
    }
}
