import COCO
import Testing
@testable import COCOEval

@Suite struct DenseIndexTests {
    @Test(arguments: [[1, 2, 5, 9], [-7, 0, 3], [Int.min, -1, Int.max], [5, 1 << 40, 1 << 41], [],
                      (0..<3000).map { $0 << 40 }, (0..<5000).map { 1251 + $0 * 1_199 }])
    func findsEveryIDAndNothingElse(ids: [Int]) {
        let index = DenseIndex(sortedUniqueIDs: ids)
        for (position, id) in ids.enumerated() { #expect(index[id] == position) }
        for absent in [4, -8, 1 << 39, Int.max - 1, Int.min + 1] where !ids.contains(absent) {
            #expect(index[absent] == nil)
        }
    }

    /// Ids far apart take the hash-table path; the numbers must not change.
    @Test func sparseIDsGiveTheSameStats() throws {
        let parity = try ParityCase("random_bbox_1")
        var dataset = try COCODataset.load(contentsOf: parity.groundTruthURL)
        var results = try COCOResult.loadArray(contentsOf: parity.resultsURL)
        func image(_ id: Int) -> Int { id * 1_000_000_007 }
        func category(_ id: Int) -> Int { (id << 35) - 3 }
        for index in dataset.images.indices { dataset.images[index].id = image(dataset.images[index].id) }
        for index in dataset.categories.indices { dataset.categories[index].id = category(dataset.categories[index].id) }
        for index in dataset.annotations.indices {
            dataset.annotations[index].imageID = image(dataset.annotations[index].imageID)
            dataset.annotations[index].categoryID = category(dataset.annotations[index].categoryID)
        }
        for index in results.indices {
            results[index].imageID = image(results[index].imageID)
            results[index].categoryID = category(results[index].categoryID)
        }
        let result = try COCOEvaluator.evaluate(groundTruth: dataset, results: results,
                                                parameters: EvaluationParameters(iouType: .bbox), threads: 2)
        // Order-preserving maps: the K axis and the summation order stay the same.
        #expect(result.stats.map(bitString) == parity.expected.statsBits)
    }
}
