import COCO
import Foundation

/// The model's output for one image, in the original image's pixel coordinates.
public struct ImagePrediction: Sendable {
    /// The original image size the boxes, masks and keypoints refer to.
    public var imageSize: ImageSize
    /// Final detections, best first.
    public var detections: [Detection]
    /// One RLE mask per detection (the predicted class's mask pasted at the threshold), or nil
    /// without a mask branch.
    public var masks: [RLE]?
    /// The keypoints of each detection, or nil without a keypoint branch.
    public var keypoints: [[DecodedKeypoint]]?

    /// Creates a prediction.
    public init(imageSize: ImageSize, detections: [Detection], masks: [RLE]? = nil, keypoints: [[DecodedKeypoint]]? = nil) {
        self.imageSize = imageSize
        self.detections = detections
        self.masks = masks
        self.keypoints = keypoints
    }

    /// COCO result records for the evaluator: box, compressed-RLE segmentation and keypoints
    /// (`x, y, 2` each) as far as the model predicts them; `categoryIDs[k]` is class k's id.
    public func cocoResults(imageID: Int, categoryIDs: [Int]) -> [COCOResult] {
        detections.enumerated().map { index, detection in
            var result = detection.cocoResult(imageID: imageID, categoryIDs: categoryIDs, keypoints: keypoints?[index])
            if let mask = masks?[index] {
                result.segmentation = .compressedRLE(height: mask.height, width: mask.width, counts: mask.compressedCounts)
            }
            return result
        }
    }
}
