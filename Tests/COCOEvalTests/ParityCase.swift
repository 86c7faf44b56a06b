import COCO
import COCOEval
import Foundation
import TestSupport

/// One pycocotools parity case under `Tests/Fixtures/eval/cases/<name>/`, written by
/// `scripts/make_eval_fixtures.py`.
struct ParityCase {
    struct Expected: Decodable {
        struct Params: Decodable {
            var maxDets: [Int]?
            var areaRng: [[Double]]?
            var areaRngLbl: [String]?
            var imgIds: [Int]?
            var useCats: Int?
        }
        struct KeypointSimilarities: Decodable {
            var imageId: Int
            var categoryId: Int
            var values: [Double]
            var bits: [String]
        }
        var iouType: IoUType
        var params: Params
        var stats: [Double]
        var statsBits: [String]
        var shape: [Int]
        var precisionHash: String
        var recallHash: String
        var scoresHash: String
        var recall: [Double]
        var perCategoryAP: [[Double?]]
        var summary: [String]
        var oks: [KeypointSimilarities]?
    }

    let name: String
    let expected: Expected

    static let names: [String] = {
        guard let data = try? Fixtures.data("eval/cases.json"),
              let names = try? JSONDecoder().decode([String].self, from: data) else { return [] }
        return names
    }()

    init(_ name: String) throws {
        self.name = name
        expected = try JSONDecoder().decode(Expected.self, from: Fixtures.data("eval/cases/\(name)/expected.json"))
    }

    var groundTruthURL: URL { Fixtures.url("eval/cases/\(name)/gt.json") }
    var resultsURL: URL { Fixtures.url("eval/cases/\(name)/results.json") }

    var parameters: EvaluationParameters {
        var parameters = EvaluationParameters(iouType: expected.iouType)
        if let maxDets = expected.params.maxDets { parameters.maxDetections = maxDets }
        if let ranges = expected.params.areaRng, let labels = expected.params.areaRngLbl {
            parameters.areaRanges = zip(labels, ranges).map { AreaRange(label: $0, lower: $1[0], upper: $1[1]) }
        }
        parameters.imageIDs = expected.params.imgIds
        if let useCats = expected.params.useCats { parameters.useCategories = useCats != 0 }
        return parameters
    }

    /// - Parameter columns: read the results file as `cocoeval` does (`ResultColumns`) instead of
    ///   as records.
    func evaluate(threads: Int = 2, columns: Bool = false) throws -> EvaluationResult {
        let groundTruth = try COCODataset.load(contentsOf: groundTruthURL)
        if columns {
            return try COCOEvaluator.evaluate(
                groundTruth: groundTruth, resultColumns: ResultColumns.load(contentsOf: resultsURL),
                parameters: parameters, threads: threads, groundTruthFile: "gt.json", resultsFile: "results.json")
        }
        return try COCOEvaluator.evaluate(
            groundTruth: groundTruth, results: COCOResult.loadArray(contentsOf: resultsURL),
            parameters: parameters, threads: threads,
            groundTruthFile: "gt.json", resultsFile: "results.json")
    }
}

/// FNV-1a 64 over the IEEE bit patterns, as the fixture script hashes numpy arrays.
func fnv1a(_ values: [Double]) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for value in values {
        hash ^= value.bitPattern
        hash = hash &* 0x100_0000_01b3
    }
    let hex = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
}

func bitString(_ value: Double) -> String {
    let hex = String(value.bitPattern, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
}
