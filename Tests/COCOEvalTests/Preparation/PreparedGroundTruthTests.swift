import COCO
import Testing
@testable import COCOEval

/// The GT and the detections are prepared side by side on two threads (bbox, keypoints): errors
/// and warnings must still come out as when they were prepared one after the other.
@Suite struct PreparedGroundTruthTests {
    static let image = COCOImage(id: 1, width: 10, height: 10)
    static let category = COCOCategory(id: 1, name: "person")

    static func dataset(bbox: BoundingBox?) -> COCODataset {
        let points = (0..<17).flatMap { [Double($0 % 10), 2, 2] as [Double] }
        return COCODataset(images: [image], annotations: [
            COCOAnnotation(id: 0, imageID: 1, categoryID: 1, area: 50, bbox: bbox, isCrowd: 0,
                           keypoints: points, numKeypoints: 17),
        ], categories: [category])
    }

    static func results(imageID: Int) -> [COCOResult] {
        [COCOResult(imageID: imageID, categoryID: 1, score: 0.5, bbox: BoundingBox(x: 1, y: 1, width: 2, height: 2),
                    keypoints: (0..<51).map { Double($0 % 7) })]
    }

    @Test(arguments: [IoUType.bbox, .keypoints], [1, 2])
    func bothFilesBadReportsTheGroundTruthsError(iouType: IoUType, threads: Int) throws {
        var thrown: InputError?
        do {
            _ = try COCOEvaluator.evaluate(
                groundTruth: Self.dataset(bbox: nil), results: Self.results(imageID: 99),
                parameters: EvaluationParameters(iouType: iouType), threads: threads,
                groundTruthFile: "gt.json", resultsFile: "results.json")
        } catch {
            thrown = error
        }
        let error = try #require(thrown)
        #expect(error.file == "gt.json" && error.field == "bbox", "\(error)")
    }

    @Test(arguments: [IoUType.bbox, .keypoints])
    func onlyTheResultsBadReportsTheirError(iouType: IoUType) throws {
        var thrown: InputError?
        do {
            _ = try COCOEvaluator.evaluate(
                groundTruth: Self.dataset(bbox: BoundingBox(x: 0, y: 0, width: 5, height: 5)),
                results: Self.results(imageID: 99), parameters: EvaluationParameters(iouType: iouType), threads: 2,
                groundTruthFile: "gt.json", resultsFile: "results.json")
        } catch {
            thrown = error
        }
        let error = try #require(thrown)
        #expect(error.file == "results.json" && error.field == "image_id", "\(error)")
    }

    @Test func warningsKeepTheirOrderOnTwoThreads() throws {
        // GT id 0 warns (GT side); keypoint results carrying a bbox warn (detection side).
        let one = try COCOEvaluator.evaluate(
            groundTruth: Self.dataset(bbox: BoundingBox(x: 0, y: 0, width: 5, height: 5)),
            results: Self.results(imageID: 1), parameters: EvaluationParameters(iouType: .keypoints), threads: 1)
        let two = try COCOEvaluator.evaluate(
            groundTruth: Self.dataset(bbox: BoundingBox(x: 0, y: 0, width: 5, height: 5)),
            results: Self.results(imageID: 1), parameters: EvaluationParameters(iouType: .keypoints), threads: 2)
        #expect(two.warnings.count == 2)
        #expect(two.warnings.first?.contains("id 0") == true)
        #expect(one.warnings == two.warnings)
        #expect(one.stats == two.stats)
    }
}
