/// `maskApi.c`'s `bbIou` on flat `[x, y, width, height]` rows, no "+1": a crowd GT's union is the
/// detection's own area.
enum BoxIoU {
    /// Fills `result[d * groundTruthCount + g]` (D x G row-major) for detection rows `detections`
    /// of `detectionBoxes` and GT rows `groundTruthRange` of `groundTruthBoxes`.
    static func fill(
        _ result: inout [Double],
        detectionBoxes: [Double], detections: ArraySlice<Int>,
        groundTruthBoxes: [Double], groundTruthRange: Range<Int>, isCrowd: [Bool]
    ) {
        let groundTruthCount = groundTruthRange.count
        for (d, row) in detections.enumerated() {
            let dx = detectionBoxes[4 * row], dy = detectionBoxes[4 * row + 1]
            let dw = detectionBoxes[4 * row + 2], dh = detectionBoxes[4 * row + 3]
            let detectionArea = dw * dh
            for (g, gRow) in groundTruthRange.enumerated() {
                let gx = groundTruthBoxes[4 * gRow], gy = groundTruthBoxes[4 * gRow + 1]
                let gw = groundTruthBoxes[4 * gRow + 2], gh = groundTruthBoxes[4 * gRow + 3]
                var overlap = 0.0
                let w = min(dw + dx, gw + gx) - max(dx, gx)
                if w > 0 {
                    let h = min(dh + dy, gh + gy) - max(dy, gy)
                    if h > 0 {
                        let intersection = w * h
                        let union = isCrowd[gRow] ? detectionArea : detectionArea + gw * gh - intersection
                        overlap = intersection / union
                    }
                }
                result[d * groundTruthCount + g] = overlap
            }
        }
    }
}
