import COCO

/// COCO's 17 person keypoints, in annotation order, with the skeleton and left/right pairs.
public enum PersonKeypoints {
    /// Keypoint names, index = position in an annotation's `keypoints` triples.
    public static let names = [
        "nose", "left_eye", "right_eye", "left_ear", "right_ear",
        "left_shoulder", "right_shoulder", "left_elbow", "right_elbow", "left_wrist", "right_wrist",
        "left_hip", "right_hip", "left_knee", "right_knee", "left_ankle", "right_ankle",
    ]

    /// COCO's limb list, 1-based as in `person_keypoints_*.json`.
    public static let skeleton = [
        [16, 14], [14, 12], [17, 15], [15, 13], [12, 13], [6, 12], [7, 13], [6, 7], [6, 8],
        [7, 9], [8, 10], [9, 11], [2, 3], [1, 2], [1, 3], [2, 4], [3, 5], [4, 6], [5, 7],
    ]

    /// For each keypoint, the index of its mirror image (a horizontal flip swaps left and right).
    public static let flipIndex = [0, 2, 1, 4, 3, 6, 5, 8, 7, 10, 9, 12, 11, 14, 13, 16, 15]

    /// The `person` category record with keypoint names and skeleton.
    public static let category = COCOCategory(id: 1, name: "person", supercategory: "person",
                                              keypoints: names, skeleton: skeleton)
}
