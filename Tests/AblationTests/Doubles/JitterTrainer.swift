import Ablation
import COCO
import Datasets
import Foundation

/// Test double standing in for the detector (not a model): it "predicts" each validation ground
/// truth box shifted by a per-variant error, plus one low-scoring false positive per image, so
/// variants differ by a known amount and everything downstream (COCOEval, bootstrap, reports)
/// runs for real.
struct JitterTrainer: DetectorTrainer {
    /// Box/mask shift in pixels per variant name (default 1).
    var errors: [String: Double]
    /// Validation images.
    var imageCount = 24
    /// Jobs trained so far, shared across copies (to test resumption).
    let log = JobLog()

    func trainAndPredict(_ job: AblationJob, progress: ProgressLog) throws -> TrainedPredictions {
        log.append(job.fileStem)
        let groundTruth = Self.groundTruth(images: imageCount)
        var generator = SplitMixGenerator(seed: UInt64(job.seed) &* 7919 &+ UInt64(job.variant.utf8.reduce(0) { $0 &* 31 &+ Int($1) }).magnitude)
        let error = errors[job.variant] ?? 1
        var results: [COCOResult] = []
        for annotation in groundTruth.annotations {
            let box = annotation.bbox!
            let dx = error * (generator.chance(0.5) ? 1 : -1) * generator.uniform(0.5...1.5)
            let dy = error * (generator.chance(0.5) ? 1 : -1) * generator.uniform(0.5...1.5)
            let moved = BoundingBox(x: box.x + dx, y: box.y + dy, width: box.width, height: box.height)
            results.append(COCOResult(imageID: annotation.imageID, categoryID: annotation.categoryID,
                                      score: generator.uniform(0.5...1), bbox: moved, segmentation: Self.rectangle(moved)))
        }
        for image in groundTruth.images {
            let box = BoundingBox(x: 2, y: 2, width: 10, height: 10)
            results.append(COCOResult(imageID: image.id, categoryID: 1, score: generator.uniform(0...0.5), bbox: box,
                                      segmentation: Self.rectangle(box)))
        }
        return TrainedPredictions(groundTruth: groundTruth, results: results,
                                  lossCurve: LossCurve(iterations: [1, job.config.solver.iterations], loss: [2, 1 + error / 10]),
                                  iterations: job.config.solver.iterations)
    }

    /// Fixed ground truth: three objects of two categories per 64x64 image.
    static func groundTruth(images: Int) -> COCODataset {
        var generator = SplitMixGenerator(seed: 42)
        var annotations: [COCOAnnotation] = []
        for image in 1...images {
            for _ in 0..<3 {
                let size = generator.uniform(12...24)
                let box = BoundingBox(x: generator.uniform(0...(63 - size)), y: generator.uniform(0...(63 - size)),
                                      width: size, height: size)
                annotations.append(COCOAnnotation(
                    id: annotations.count + 1, imageID: image, categoryID: generator.integer(1...2),
                    segmentation: rectangle(box), area: size * size, bbox: box, isCrowd: 0))
            }
        }
        return COCODataset(images: (1...images).map { COCOImage(id: $0, width: 64, height: 64) }, annotations: annotations,
                           categories: [COCOCategory(id: 1, name: "a"), COCOCategory(id: 2, name: "b")])
    }

    static func rectangle(_ box: BoundingBox) -> Segmentation {
        .polygons([[box.x, box.y, box.x + box.width, box.y, box.x + box.width, box.y + box.height, box.x, box.y + box.height]])
    }
}

/// The jobs a double ran, in order; a class so copies of the (Sendable) trainer share it.
final class JobLog: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String] = []

    func append(_ entry: String) {
        lock.lock()
        defer { lock.unlock() }
        entries.append(entry)
    }

    var jobs: [String] {
        lock.lock()
        defer { lock.unlock() }
        return entries
    }
}

/// A runner that fails on one job, to simulate a run killed part-way.
struct FailingRunner: VariantRunner {
    let inner: EvaluatingRunner<JitterTrainer>
    let failingJob: String

    struct Killed: Error {}

    func run(_ job: AblationJob, progress: ProgressLog) throws -> SeedResult {
        if job.fileStem == failingJob { throw Killed() }
        return try inner.run(job, progress: progress)
    }
}

/// A two-variant box-only table for tests (box evaluation keeps debug runs fast): `good` (small error) should beat `bad` (large error).
enum TestTable {
    static let yaml = """
    table: toy
    title: "Toy table"
    base: c4
    overrides: {roi_heads: {num_classes: 2}, mask_head: {kind: none}, solver: {steps: [], warmup_iterations: 1}}
    baseline: good
    variants:
      - name: good
        label: Good
        overrides: {roi_heads: {box_pooler: {kind: roi_align}}}
      - name: bad
        label: Bad
        overrides: {roi_heads: {box_pooler: {kind: roi_pool, aggregation: max}}}
    metrics: [box.AP, box.AP50, box.AP75]
    presets:
      smoke: {dataset: shapes, image_size: tiny, train_images: 4, val_images: 4, seeds: 2, iterations: 3,
              overrides: {input: {shorter_side: 64, max_size: 64}}}
      quick: {dataset: shapes, image_size: standard, train_images: 8, val_images: 8, seeds: 3, iterations: 5}
    paper:
      source: "made up"
      rows:
        good: {box.AP: 30.0, box.AP75: 31.0}
        bad: {box.AP: 26.0, box.AP75: 26.5}
    claims:
      - {text: "Good beats bad at box AP75", metric: box.AP75, better: good, worse: bad, paper_delta: 4.5}
    check: {default_tolerance: 0.01}
    """

    static func table() throws -> AblationTable {
        try TableLoader.parse(yaml, file: "toy.yaml")
    }

    static func trainer(good: Double = 1, bad: Double = 5) -> JitterTrainer {
        JitterTrainer(errors: ["good": good, "bad": bad])
    }

    /// A run of the toy table in `layout` with a silent, fixed-machine setup.
    static func run(_ layout: ProjectLayout, preset: String = "smoke", runner: any VariantRunner,
                    replicates: Int = 50) throws -> AblationRun {
        let plan = try JobPlan(table: table(), preset: preset, threads: 1)
        return AblationRun(layout: layout, plan: plan, runner: runner, progress: .silent,
                           command: "ablate toy --preset \(preset)", commit: "test",
                           machine: MachineInfo(os: "test", cpu: "test", cores: 1),
                           bootstrap: PairedBootstrap(replicates: replicates))
    }

    /// A fresh scratch project folder.
    static func scratch() -> ProjectLayout {
        ProjectLayout(root: FileManager.default.temporaryDirectory.appendingPathComponent("ablate-tests-\(UUID().uuidString)"))
    }
}
