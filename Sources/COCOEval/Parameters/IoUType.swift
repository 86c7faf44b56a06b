/// What a detection is compared by: pycocotools' `iouType`.
public enum IoUType: String, Sendable, CaseIterable, Codable {
    /// Box IoU on `[x, y, width, height]` boxes.
    case bbox
    /// Mask IoU on run-length-encoded masks.
    case segm
    /// Object keypoint similarity (OKS) on the 17 COCO person keypoints.
    case keypoints
}
