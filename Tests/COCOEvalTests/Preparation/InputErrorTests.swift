import COCO
import Testing
@testable import COCOEval

/// Bad input is one `InputError` naming file, record and field, never a trap.
@Suite struct InputErrorTests {
    static let dataset = COCODataset(
        images: [COCOImage(id: 1, width: 100, height: 80)],
        annotations: [COCOAnnotation(id: 1, imageID: 1, categoryID: 1, area: 100,
                                     bbox: BoundingBox(x: 0, y: 0, width: 10, height: 10),
                                     keypoints: [Double](repeating: 1, count: 51), numKeypoints: 17)],
        categories: [COCOCategory(id: 1, name: "a")])

    static func error(_ results: [COCOResult], iouType: IoUType = .bbox,
                      dataset: COCODataset = dataset) -> InputError? {
        do {
            _ = try COCOEvaluator.evaluate(groundTruth: dataset, results: results,
                                           parameters: EvaluationParameters(iouType: iouType),
                                           threads: 1, groundTruthFile: "gt.json", resultsFile: "res.json")
            return nil
        } catch {
            return error
        }
    }

    static let box = BoundingBox(x: 1, y: 1, width: 5, height: 5)

    @Test func resultOnUnknownImage() {
        let error = Self.error([COCOResult(imageID: 1, categoryID: 1, score: 1, bbox: Self.box),
                                COCOResult(imageID: 9, categoryID: 1, score: 1, bbox: Self.box)])
        #expect(error == InputError(file: "res.json", record: 1, field: "image_id",
                                    message: "image 9 is not in the ground truth"))
    }

    @Test(arguments: [Double.nan, .infinity, -.infinity])
    func nonFiniteScore(score: Double) {
        let error = Self.error([COCOResult(imageID: 1, categoryID: 1, score: score, bbox: Self.box)])
        #expect(error?.record == 0)
        #expect(error?.field == "score")
    }

    /// Rows are validated in bucket order (image, then category), in parallel; the error
    /// reported is still the first bad record of the file.
    @Test(arguments: [1, 2])
    func firstBadRecordOfTheFileIsReported(threads: Int) {
        var dataset = Self.dataset
        dataset.images.append(COCOImage(id: 2, width: 100, height: 80))
        dataset.annotations[0].segmentation = .polygons([[0, 0, 10, 0, 10, 10]])
        // Record 0 sits in image 2's bucket, after record 1's (image 1).
        let results = [COCOResult(imageID: 2, categoryID: 1, score: .nan, bbox: Self.box),
                       COCOResult(imageID: 1, categoryID: 1, score: .infinity, bbox: Self.box),
                       COCOResult(imageID: 1, categoryID: 1, score: 1, bbox: BoundingBox(x: 0, y: 0, width: -1, height: 1))]
        // segm: the box polygons are made (and record 2's box rejected) before scores are read.
        for (iouType, record) in [(IoUType.bbox, 0), (.segm, 2)] {
            let error = #expect(throws: InputError.self) {
                _ = try COCOEvaluator.evaluate(groundTruth: dataset, results: results,
                                               parameters: EvaluationParameters(iouType: iouType),
                                               threads: threads, groundTruthFile: "gt.json", resultsFile: "res.json")
            }
            #expect(error?.file == "res.json")
            #expect(error?.record == record, "\(iouType)")
        }
    }

    @Test func nonFiniteOrNegativeBox() {
        let nan = Self.error([COCOResult(imageID: 1, categoryID: 1, score: 1, bbox: Self.box),
                              COCOResult(imageID: 1, categoryID: 1, score: 1, bbox: BoundingBox(x: .nan, y: 0, width: 1, height: 1))])
        #expect(nan?.record == 1)
        #expect(nan?.field == "bbox")
        let negative = Self.error([COCOResult(imageID: 1, categoryID: 1, score: 1, bbox: BoundingBox(x: 0, y: 0, width: 1, height: -1))])
        #expect(negative?.message == "negative width or height")
    }

    @Test func laterRecordWithoutTheFirstRecordsField() {
        let error = Self.error([COCOResult(imageID: 1, categoryID: 1, score: 1, bbox: Self.box),
                                COCOResult(imageID: 1, categoryID: 1, score: 1, keypoints: [1, 2, 2])])
        #expect(error?.record == 1)
        #expect(error?.field == "bbox")
    }

    @Test func resultWithNothingToEvaluate() {
        let error = Self.error([COCOResult(imageID: 1, categoryID: 1, score: 1)])
        #expect(error?.record == 0)
    }

    @Test func keypointCountMustMatchSigmas() {
        let error = Self.error([COCOResult(imageID: 1, categoryID: 1, score: 1, keypoints: [1, 2, 2, 3, 4, 2])],
                               iouType: .keypoints)
        #expect(error?.record == 0)
        #expect(error?.field == "keypoints")
    }

    @Test func groundTruthWithoutBoxAndNonFiniteArea() {
        var dataset = Self.dataset
        dataset.annotations[0].bbox = nil
        let missing = Self.error([COCOResult(imageID: 1, categoryID: 1, score: 1, bbox: Self.box)], dataset: dataset)
        #expect(missing == InputError(file: "gt.json", record: 0, field: "bbox", message: "missing (bbox evaluation)"))
        dataset = Self.dataset
        dataset.annotations[0].area = .nan
        let area = Self.error([COCOResult(imageID: 1, categoryID: 1, score: 1, bbox: Self.box)], dataset: dataset)
        #expect(area?.field == "area")
    }
}
