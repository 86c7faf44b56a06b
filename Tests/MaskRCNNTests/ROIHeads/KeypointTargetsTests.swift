import Testing
@testable import MaskRCNN

@Suite struct KeypointTargetsTests {
    @Test func selectsForegroundRoIsWithAVisibleKeypointInside() {
        let rois = SampledRoIs(
            boxes: [Box(x1: 0, y1: 0, x2: 8, y2: 8), Box(x1: 20, y1: 20, x2: 28, y2: 28),
                    Box(x1: 0, y1: 0, x2: 8, y2: 8), Box(x1: 0, y1: 0, x2: 8, y2: 8)],
            labels: [1, 1, 1, 0], matchedGroundTruth: [0, 0, 1, -1],
            regressionTargets: [.zero, .zero, .zero, .zero], foregroundCount: 3)
        let keypoints = [
            [GroundTruthKeypoint(x: 2, y: 6, visibility: 2), GroundTruthKeypoint(x: 8, y: 8, visibility: 1), GroundTruthKeypoint(x: 30, y: 1, visibility: 2)],
            [GroundTruthKeypoint(x: 2, y: 2, visibility: 0), GroundTruthKeypoint(x: 3, y: 3, visibility: 0), GroundTruthKeypoint(x: 9, y: 1, visibility: 2)],
        ]
        let targets = KeypointTargets(rois: rois, keypoints: keypoints, heatmapSize: 4)
        // RoI 0: keypoints inside. RoI 1: its GT's keypoints are all outside. RoI 2: its GT has
        // none visible inside. RoI 3 is background.
        #expect(targets.roiIndices == [0])
        // (2, 6) -> cell (ix 1, iy 3) = 13; (8, 8) on the far edges -> 15; (30, 1) outside -> nil.
        #expect(targets.cells == [13, 15, nil])
        #expect(targets.validCount == 2)
    }
}
