import COCO

/// Ground truths or detections of one evaluation as flat columns (one row per instance), in
/// bucket order: rows of one (image, category) pair are contiguous.
///
/// Flat arrays instead of per-instance structs keep the hot matching and IoU loops on
/// contiguous memory.
struct InstanceTable: Sendable {
    /// Annotation ids (GT: the file's; detections: result index + 1, as `loadRes`).
    var ids: [Int] = []
    /// Areas in square pixels (GT: the JSON field; detections: as `loadRes` derives them).
    var areas: [Double] = []
    /// Detection scores (empty for GT).
    var scores: [Double] = []
    /// GT crowd flags (empty for detections).
    var isCrowd: [Bool] = []
    /// GT `ignore` before the area test: iscrowd, or for keypoints also `num_keypoints == 0`.
    var isIgnored: [Bool] = []
    /// Boxes (bbox and keypoints evaluations).
    var boxes: [BoundingBox] = []
    /// Keypoints `(x, y, v)`, 3 * sigma-count doubles per row (keypoints evaluation). GT rows
    /// are consecutive; detection rows are found through `keypointStart`.
    var keypoints: [Double] = []
    /// Detections: where each row's keypoints start in `keypoints`, which is then the parsed
    /// file's column, shared rather than gathered into bucket order (a million doubles copied
    /// into fresh pages for a COCO-sized file).
    var keypointStart: [Int] = []
    /// Masks with their boxes (segm evaluation).
    var masks = MaskColumn()

    var count: Int { ids.count }

    mutating func reserve(_ capacity: Int) {
        ids.reserveCapacity(capacity)
        areas.reserveCapacity(capacity)
    }
}
