import COCO
import Testing
@testable import COCOEval

@Suite struct ParallelLoopTests {
    @Test(arguments: [1, 2, 3])
    func mapKeepsOrder(threads: Int) throws {
        let values = try ParallelLoop.map(count: 1000, threads: threads) { index throws(InputError) in index * index }
        #expect(values == (0..<1000).map { $0 * $0 })
    }

    /// With several failing records, the lowest one is reported, whatever the thread count.
    @Test(arguments: [1, 2, 4])
    func mapThrowsTheFirstErrorByIndex(threads: Int) {
        #expect(throws: InputError(record: 137, message: "bad")) {
            try ParallelLoop.map(count: 1000, threads: threads) { index throws(InputError) -> Int in
                if index == 137 || index == 612 || index == 999 { throw InputError(record: index, message: "bad") }
                return index
            }
        }
    }

    @Test(arguments: [1, 2, 3])
    func twoOutputMapKeepsOrder(threads: Int) {
        for count in [0, 1, 1000] {
            let (squares, labels) = ParallelLoop.map(count: count, threads: threads) { index in (index * index, "\(index)") }
            #expect(squares == (0..<count).map { $0 * $0 })
            #expect(labels == (0..<count).map { "\($0)" })
        }
    }

    @Test func rangesCoverEveryIndexOnce() {
        for (count, parts) in [(0, 4), (1, 4), (10, 3), (1000, 16)] {
            let ranges = ParallelLoop.ranges(count: count, parts: parts)
            #expect(ranges.flatMap { Array($0) } == Array(0..<count))
        }
    }
}
