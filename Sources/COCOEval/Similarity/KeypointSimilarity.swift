import Foundation

/// pycocotools' `computeOks`: object keypoint similarity of every (detection, GT) pair.
///
/// `e = (dx² + dy²) / vars / (area + 2⁻⁵²) / 2` evaluated left to right with `vars = (2σ)²`;
/// only keypoints with v > 0 count when the GT has any, otherwise the distance to the GT box
/// grown by its size on each side counts for all keypoints; the mean of `exp(-e)` uses numpy's
/// pairwise sum. `exp` is glibc's here and numpy's SIMD one there: they can differ by 1 ulp.
struct KeypointSimilarity {
    /// `(2σ)²` per keypoint.
    let variances: [Double]

    init(sigmas: [Double]) {
        variances = sigmas.map { ($0 * 2) * ($0 * 2) }
    }

    /// Fills `result[d * G + g]` (D x G row-major) for the `kept` detection rows.
    func fill(
        _ result: inout [Double], scratch: inout [Double],
        detections: InstanceTable, kept: ArraySlice<Int>,
        groundTruths: InstanceTable, groundTruthRange: Range<Int>
    ) {
        let count = variances.count
        let groundTruthCount = groundTruthRange.count
        // The terms of one pair, written by index into a buffer reused for every pair.
        if scratch.count < count { scratch = [Double](repeating: 0, count: count) }
        scratch.withUnsafeMutableBufferPointer { terms in
            for (g, gRow) in groundTruthRange.enumerated() {
                let gBase = gRow * 3 * count
                var labelled = 0
                for k in 0..<count where groundTruths.keypoints[gBase + 3 * k + 2] > 0 { labelled += 1 }
                let box = groundTruths.boxes[gRow]
                let (bx, by, bw, bh) = (box.x, box.y, box.width, box.height)
                let x0 = bx - bw, x1 = bx + bw * 2, y0 = by - bh, y1 = by + bh * 2
                let scale = groundTruths.areas[gRow] + 0x1p-52
                for (d, dRow) in kept.enumerated() {
                    let dBase = detections.keypointStart[dRow]
                    var termCount = 0
                    for k in 0..<count {
                        let xd = detections.keypoints[dBase + 3 * k], yd = detections.keypoints[dBase + 3 * k + 1]
                        let dx: Double, dy: Double
                        if labelled > 0 {
                            guard groundTruths.keypoints[gBase + 3 * k + 2] > 0 else { continue }
                            dx = xd - groundTruths.keypoints[gBase + 3 * k]
                            dy = yd - groundTruths.keypoints[gBase + 3 * k + 1]
                        } else {
                            dx = max(0, x0 - xd) + max(0, xd - x1)
                            dy = max(0, y0 - yd) + max(0, yd - y1)
                        }
                        let e = (dx * dx + dy * dy) / variances[k] / scale / 2
                        terms[termCount] = exp(-e)
                        termCount += 1
                    }
                    let sum = PairwiseSum.sum(UnsafeBufferPointer(rebasing: terms[..<termCount]))
                    result[d * groundTruthCount + g] = sum / Double(termCount)
                }
            }
        }
    }
}
