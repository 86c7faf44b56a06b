/// The keypoint head's training targets for one image's sampled RoIs.
public struct KeypointTargets: Equatable, Sendable {
    /// The sampled RoIs (indices into `SampledRoIs.boxes`) the keypoint head trains on.
    public var roiIndices: [Int]
    /// Per selected RoI, per keypoint (RoI-major, `roiIndices.count x K`): the heatmap cell
    /// `iy * m + ix`, or nil when the keypoint is unlabelled or outside the RoI (no loss).
    public var cells: [Int?]

    /// Keypoints that carry a loss: the default loss normaliser (`visible_keypoints`).
    public var validCount: Int { cells.reduce(0) { $0 + ($1 == nil ? 0 : 1) } }

    /// The targets of the foreground RoIs in `rois` that contain a labelled (v > 0) keypoint of
    /// their matched GT instance (detectron2's `select_proposals_with_visible_keypoints`, bounds
    /// inclusive); `keypoints` holds the K keypoints of each GT instance.
    public init(rois: SampledRoIs, keypoints: [[GroundTruthKeypoint]], heatmapSize: Int) {
        roiIndices = []
        cells = []
        for index in 0..<rois.foregroundCount {
            let box = rois.boxes[index]
            let instance = keypoints[rois.matchedGroundTruth[index]]
            let hasVisibleInside = instance.contains { k in
                k.visibility > 0 && k.x >= box.x1 && k.x <= box.x2 && k.y >= box.y1 && k.y <= box.y2
            }
            guard hasVisibleInside else { continue }
            roiIndices.append(index)
            cells += KeypointHeatmap.targets(instance, in: box, heatmapSize: heatmapSize)
        }
    }
}
