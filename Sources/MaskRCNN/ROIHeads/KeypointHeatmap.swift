import Foundation

/// A ground-truth keypoint in Float32 input pixels with COCO's visibility (0 not labelled, 1
/// labelled but occluded, 2 visible): the target-side counterpart of the `Datasets` module's
/// Double-precision `Keypoint`, named apart so both modules can be imported together.
public struct GroundTruthKeypoint: Equatable, Sendable {
    /// Horizontal position, pixels.
    public var x: Float
    /// Vertical position, pixels.
    public var y: Float
    /// COCO visibility flag.
    public var visibility: Int

    /// Creates a keypoint.
    public init(x: Float, y: Float, visibility: Int) {
        self.x = x
        self.y = y
        self.visibility = visibility
    }
}

/// A keypoint decoded from a predicted heatmap.
public struct DecodedKeypoint: Equatable, Sendable {
    /// Horizontal position, input pixels.
    public var x: Float
    /// Vertical position, input pixels.
    public var y: Float
    /// The resized heatmap's logit at the chosen pixel.
    public var logit: Float
    /// Spatial-softmax probability of the chosen pixel, normalised over the `m x m` heatmap
    /// (detectron2's score, comparable across box sizes).
    public var score: Float
}

/// Keypoint <-> heatmap coding for the keypoint head (zoo note 1.4, detectron2's
/// `_keypoints_to_heatmap` / `heatmaps_to_keypoints`).
public enum KeypointHeatmap {
    /// The heatmap cell of each keypoint inside `roi` on an `m x m` grid (`iy * m + ix`), or nil
    /// when the keypoint is unlabelled (v = 0) or outside the RoI.
    ///
    /// `ix = floor((x - x1) m / (x2 - x1))`, forced to `m - 1` when `x == x2` (same for y);
    /// Float32 arithmetic as in detectron2. `roi` must have positive sides; non-finite
    /// keypoints come out as nil.
    public static func targets(_ keypoints: [GroundTruthKeypoint], in roi: Box, heatmapSize m: Int) -> [Int?] {
        let scaleX = Float(m) / (roi.x2 - roi.x1)
        let scaleY = Float(m) / (roi.y2 - roi.y1)
        func cell(_ value: Float, _ origin: Float, _ end: Float, _ scale: Float) -> Int? {
            if value == end { return m - 1 }
            let scaled = ((value - origin) * scale).rounded(.down)
            return scaled >= 0 && scaled < Float(m) ? Int(scaled) : nil
        }
        return keypoints.map { keypoint in
            guard keypoint.visibility > 0,
                  let ix = cell(keypoint.x, roi.x1, roi.x2, scaleX),
                  let iy = cell(keypoint.y, roi.y1, roi.y2, scaleY) else { return nil }
            return iy * m + ix
        }
    }

    /// The keypoints of one detection from its `K x m x m` heatmap logits (row-major).
    ///
    /// As detectron2: the logits are resized bicubically (PyTorch's `align_corners=False`,
    /// A = -0.75) to `ceil(h) x ceil(w)` pixels of the box (sides clamped to >= 1), the argmax
    /// pixel (first on ties) is taken, and its centre mapped back:
    /// `x = (ix + 0.5) w / ceil(w) + x1`.
    public static func decode(_ heatmaps: [Float], keypointCount: Int, heatmapSize m: Int, box: Box) -> [DecodedKeypoint] {
        precondition(heatmaps.count == keypointCount * m * m, "K x m x m logits")
        precondition(box.isFinite, "detections are clipped to the image, so their boxes are finite")
        let width = max(box.x2 - box.x1, 1), height = max(box.y2 - box.y1, 1)
        let outputWidth = Int(width.rounded(.up)), outputHeight = Int(height.rounded(.up))
        let correctionX = width / Float(outputWidth), correctionY = height / Float(outputHeight)
        return (0..<keypointCount).map { k in
            let map = Array(heatmaps[(k * m * m)..<((k + 1) * m * m)])
            let resized = BicubicResize.resize(map, height: m, width: m, toHeight: outputHeight, width: outputWidth)
            var best = 0
            for i in resized.indices where resized[i] > resized[best] { best = i }
            let peak = resized[best]
            var normaliser: Float = 0
            for value in map { normaliser += Foundation.exp(value - peak) }
            let ix = best % outputWidth, iy = best / outputWidth
            return DecodedKeypoint(
                x: (Float(ix) + 0.5) * correctionX + box.x1,
                y: (Float(iy) + 0.5) * correctionY + box.y1,
                logit: peak,
                score: 1 / normaliser)
        }
    }
}
