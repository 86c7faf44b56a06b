import COCO
import COCOEval
import Foundation
import Testing

/// Every statistic, array and table equals pycocotools 2.0.11's, bit for bit.
@Suite struct ParityTests {
    static let cases = ParityCase.names

    @Test func fixturesArePresent() {
        #expect(ParityCase.names.count >= 40)
    }

    @Test(arguments: cases)
    func matchesPycocotools(name: String) throws {
        let parity = try ParityCase(name)
        let result = try parity.evaluate()
        let expected = parity.expected
        #expect(result.stats.map(bitString) == expected.statsBits, "stats \(result.stats) vs \(expected.stats)")
        #expect(result.precisionShape == expected.shape)
        #expect(fnv1a(result.precision) == expected.precisionHash, "precision array")
        #expect(fnv1a(result.recall) == expected.recallHash, "recall array")
        #expect(result.recall == expected.recall)
        #expect(fnv1a(result.scores) == expected.scoresHash, "scores array")
        #expect(result.summaryLines == expected.summary)
        let table = result.categoryAveragePrecisions.map { [Double($0.categoryID), $0.averagePrecision] }
        #expect(table == expected.perCategoryAP)
    }

    /// `cocoeval`'s path (results parsed into columns, counts text decoded per pair) gives the
    /// same bits as pycocotools too.
    @Test(arguments: cases)
    func matchesPycocotoolsThroughColumns(name: String) throws {
        let parity = try ParityCase(name)
        let result = try parity.evaluate(columns: true)
        let expected = parity.expected
        #expect(result.stats.map(bitString) == expected.statsBits, "stats \(result.stats) vs \(expected.stats)")
        #expect(fnv1a(result.precision) == expected.precisionHash, "precision array")
        #expect(fnv1a(result.recall) == expected.recallHash, "recall array")
        #expect(fnv1a(result.scores) == expected.scoresHash, "scores array")
        #expect(result.summaryLines == expected.summary)
        #expect(result.warnings == (try parity.evaluate().warnings))
    }

    @Test(arguments: cases)
    func threadCountDoesNotChangeResults(name: String) throws {
        let parity = try ParityCase(name)
        let one = try parity.evaluate(threads: 1)
        let two = try parity.evaluate(threads: 2)
        #expect(one.precision.map(\.bitPattern) == two.precision.map(\.bitPattern))
        #expect(one.scores.map(\.bitPattern) == two.scores.map(\.bitPattern))
    }
}
