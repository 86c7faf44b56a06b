import COCO
import Foundation
import Testing
import TestSupport
@testable import COCOEval

/// numpy's grids and sigmas, as `scripts/make_eval_fixtures.py` read them from pycocotools' Params.
struct NumericFixture: Decodable {
    struct Sum: Decodable {
        var values: [Double]
        var sumBits: String
        var meanBits: String?
    }
    var iouThrsBits: [String]
    var recThrsBits: [String]
    var sigmasBits: [String]
    var sums: [Sum]

    static func load() throws -> NumericFixture {
        try JSONDecoder().decode(NumericFixture.self, from: Fixtures.data("eval/numeric.json"))
    }
}

@Suite struct EvaluationParametersTests {
    @Test func thresholdGridsAreNumpysDoubles() throws {
        let fixture = try NumericFixture.load()
        let parameters = EvaluationParameters(iouType: .bbox)
        #expect(parameters.iouThresholds.map(bitString) == fixture.iouThrsBits)
        #expect(parameters.recallThresholds.map(bitString) == fixture.recThrsBits)
        #expect(parameters.iouThresholds[8] == 0.8999999999999999)
        #expect(parameters.recallThresholds[35] == 0.35000000000000003)
    }

    @Test func keypointDefaults() throws {
        let fixture = try NumericFixture.load()
        let parameters = EvaluationParameters(iouType: .keypoints)
        #expect(parameters.keypointSigmas.map(bitString) == fixture.sigmasBits)
        #expect(parameters.maxDetections == [20])
        #expect(parameters.areaRanges.map(\.label) == ["all", "medium", "large"])
    }

    @Test func detectionDefaults() {
        let parameters = EvaluationParameters(iouType: .segm)
        #expect(parameters.maxDetections == [1, 10, 100])
        #expect(parameters.areaRanges == [
            AreaRange(label: "all", lower: 0, upper: 1e10), AreaRange(label: "small", lower: 0, upper: 1024),
            AreaRange(label: "medium", lower: 1024, upper: 9216), AreaRange(label: "large", lower: 9216, upper: 1e10),
        ])
        #expect(parameters.useCategories)
    }

    @Test(arguments: [[10, 100], [0, 10, 100], [10, 10, 100]])
    func invalidDetectionLimitsAreInputErrors(maxDetections: [Int]) {
        var parameters = EvaluationParameters(iouType: .bbox)
        parameters.maxDetections = maxDetections
        #expect(throws: InputError.self) { try parameters.validate() }
    }

    @Test func duplicateAreaLabelsAreInputErrors() {
        var parameters = EvaluationParameters(iouType: .bbox)
        parameters.areaRanges = [AreaRange(label: "all", lower: 0, upper: 1), AreaRange(label: "all", lower: 1, upper: 2)]
        #expect(throws: InputError.self) { try parameters.validate() }
    }
}
