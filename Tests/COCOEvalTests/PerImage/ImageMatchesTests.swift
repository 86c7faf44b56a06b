import COCO
import COCOEval
import Foundation
import Testing

/// AP recomputed from per-image matches (what `ablate`'s paired bootstrap resamples) must be
/// pycocotools' own AP, AP50 and AP75 when every image is drawn once.
@Suite struct ImageMatchesTests {
    /// Parity cases with pycocotools' default detection limits and area ranges (the per-image
    /// matches keep area "all" and the largest limit only).
    static let defaultCases: [String] = ParityCase.names.filter { name in
        guard let parity = try? ParityCase(name) else { return false }
        let defaults = parity.expected.params.maxDets == nil && parity.expected.params.areaRng == nil
        return defaults
    }

    static func matches(_ parity: ParityCase) throws -> [ImageMatches] {
        let groundTruth = try COCODataset.load(contentsOf: parity.groundTruthURL)
        let results = try COCOResult.loadArray(contentsOf: parity.resultsURL)
        return try COCOEvaluator.imageMatches(groundTruth: groundTruth, results: results,
                                              parameters: parity.parameters, threads: 2)
    }

    @Test(arguments: defaultCases) func identityResampleGivesPycocotoolsAP(name: String) throws {
        let parity = try ParityCase(name)
        let summary: AveragePrecisionSummary = COCOEvaluator.averagePrecision(
            of: try Self.matches(parity), iouType: parity.expected.iouType)
        let measured: [Double] = [summary.averagePrecision, summary.averagePrecision50, summary.averagePrecision75]
        let expected: [Double] = Array(parity.expected.stats[0..<3])
        #expect(measured.map(bitString) == expected.map(bitString), Comment(rawValue: name))
    }

    @Test func matchesRoundTripThroughJSON() throws {
        let name: String = try #require(Self.defaultCases.first { $0.hasPrefix("bbox") })
        let images: [ImageMatches] = try Self.matches(try ParityCase(name))
        let decoded = try JSONDecoder().decode([ImageMatches].self, from: JSONEncoder().encode(images))
        #expect(decoded == images)
        #expect(!images.isEmpty)
    }
}
