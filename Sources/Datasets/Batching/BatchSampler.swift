import COCO

/// Where training examples come from: a synthetic dataset or a COCO folder.
public protocol ExampleSource: Sendable {
    /// How many examples there are (indices `0..<count`).
    var count: Int { get }
    /// The categories, in label order (label `i + 1` is `categories[i]`).
    var categories: [COCOCategory] { get }
    /// Example `index` before augmentation.
    func example(at index: Int) throws(InputError) -> TrainingExample
}

/// A synthetic dataset cut to a fixed number of images, as a source of training examples.
public struct SyntheticExamples: ExampleSource {
    /// The generator.
    public let dataset: any SyntheticDataset
    /// How many images (sample indices `0..<count`).
    public let count: Int

    /// Creates a source of the first `count` samples of `dataset`.
    public init(_ dataset: any SyntheticDataset, count: Int) {
        self.dataset = dataset
        self.count = count
    }

    /// The dataset's categories.
    public var categories: [COCOCategory] { dataset.categories }

    /// Sample `index` as a training example.
    public func example(at index: Int) throws(InputError) -> TrainingExample {
        TrainingExample(sample: dataset.sample(at: index), categories: dataset.categories)
    }
}

/// Deterministic mini-batches addressable by step: step `s` always holds the same images with
/// the same augmentation draws, whatever ran before, so a resumed run sees exactly the data
/// an uninterrupted one would. Each epoch visits every example once in a seeded shuffle.
public struct BatchSampler: Sendable {
    /// Number of examples in the source.
    public let exampleCount: Int
    /// Images per batch.
    public let batchSize: Int
    /// Seed of the shuffles and augmentation draws.
    public let seed: UInt64

    /// Creates a sampler; `exampleCount` and `batchSize` must be positive.
    public init(exampleCount: Int, batchSize: Int, seed: UInt64) throws(InputError) {
        guard exampleCount > 0 else { throw InputError(field: "exampleCount", message: "need at least one example") }
        guard batchSize > 0 else { throw InputError(field: "batchSize", message: "must be positive, got \(batchSize)") }
        self.exampleCount = exampleCount
        self.batchSize = batchSize
        self.seed = seed
    }

    /// The example indices of batch `step` (0-based). Batches run across epoch boundaries.
    public func indices(forStep step: Int) -> [Int] {
        (0..<batchSize).map { slot in
            let position = step * batchSize + slot
            let epoch = position / exampleCount
            return permutation(epoch: epoch)[position % exampleCount]
        }
    }

    /// Batch `step` from `source`, augmented with draws seeded by `(seed, position)`.
    public func batch(step: Int, from source: any ExampleSource, augmentation: Augmentation,
                      sizeDivisor: Int = 32) throws(InputError) -> ImageBatch {
        var examples: [TrainingExample] = []
        for (slot, index) in indices(forStep: step).enumerated() {
            var random = SplitMixGenerator(seed: seed ^ 0xA06_3E47, index: step * batchSize + slot)
            examples.append(augmentation.apply(to: try source.example(at: index), random: &random))
        }
        return ImageBatch(examples: examples, sizeDivisor: sizeDivisor)
    }

    /// A Fisher-Yates shuffle of `0..<exampleCount` seeded by the epoch.
    private func permutation(epoch: Int) -> [Int] {
        var order = Array(0..<exampleCount)
        var random = SplitMixGenerator(seed: seed, index: epoch)
        for index in stride(from: exampleCount - 1, to: 0, by: -1) {
            order.swapAt(index, random.integer(0...index))
        }
        return order
    }
}
