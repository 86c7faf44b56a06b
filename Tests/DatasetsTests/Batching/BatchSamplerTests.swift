import COCO
import Testing
@testable import Datasets

struct BatchSamplerTests {
    @Test func everyEpochVisitsEveryExampleOnceInADifferentOrder() throws {
        let sampler = try BatchSampler(exampleCount: 10, batchSize: 5, seed: 1)
        let firstEpoch = sampler.indices(forStep: 0) + sampler.indices(forStep: 1)
        let secondEpoch = sampler.indices(forStep: 2) + sampler.indices(forStep: 3)
        #expect(firstEpoch.sorted() == Array(0..<10))
        #expect(secondEpoch.sorted() == Array(0..<10))
        #expect(firstEpoch != secondEpoch)
        // Batches straddle epoch boundaries when the sizes do not divide.
        let odd = try BatchSampler(exampleCount: 7, batchSize: 3, seed: 1)
        let flat = (0..<7).flatMap { odd.indices(forStep: $0) }
        #expect(Array(flat[0..<7]).sorted() == Array(0..<7) && Array(flat[7..<14]).sorted() == Array(0..<7))
    }

    @Test func aStepIsTheSameBatchWhateverRanBefore() throws {
        let source = SyntheticExamples(try ShapesDataset(configuration: .tiny, seed: 3), count: 6)
        let sampler = try BatchSampler(exampleCount: source.count, batchSize: 2, seed: 9)
        let augmentation = Augmentation(shorterSides: [48, 64, 80], maxSize: 100)
        _ = try sampler.batch(step: 0, from: source, augmentation: augmentation)
        let afterHistory = try sampler.batch(step: 4, from: source, augmentation: augmentation)
        let fresh = try BatchSampler(exampleCount: source.count, batchSize: 2, seed: 9)
            .batch(step: 4, from: source, augmentation: augmentation)
        #expect(afterHistory.pixels == fresh.pixels && afterHistory.targets == fresh.targets)
        #expect(afterHistory.shape[0] == 2 && afterHistory.shape[2] % 32 == 0)
        #expect(throws: InputError.self) { try BatchSampler(exampleCount: 0, batchSize: 2, seed: 0) }
    }
}
