import COCO
import Testing
@testable import MaskRCNN

@Suite struct BoxCOCOTests {
    @Test func convertsBetweenCornerAndCOCOBoxes() {
        let coco = BoundingBox(x: 10.5, y: 20, width: 30, height: 12.25)
        let box = Box(coco)
        #expect(box == Box(x1: 10.5, y1: 20, x2: 40.5, y2: 32.25))
        #expect(box.boundingBox == coco)
    }

    @Test func detectionBecomesACOCOResult() {
        let detection = Detection(box: Box(x1: 1, y1: 2, x2: 5, y2: 10), score: 0.75, label: 2, roiIndex: 3)
        let keypoints = [DecodedKeypoint(x: 2.5, y: 3, logit: 4, score: 0.5)]
        let result = detection.cocoResult(imageID: 9, categoryIDs: [11, 17], keypoints: keypoints)
        #expect(result == COCOResult(imageID: 9, categoryID: 17, score: 0.75, bbox: BoundingBox(x: 1, y: 2, width: 4, height: 8), keypoints: [2.5, 3, 2]))
    }
}
