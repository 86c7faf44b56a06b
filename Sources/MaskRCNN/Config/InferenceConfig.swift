/// Post-processing of the box head's outputs into final detections.
public struct InferenceConfig: Codable, Equatable, Sendable {
    /// Per-class scores at or below this are dropped (0.05 in the paper).
    public var scoreThreshold: Double
    /// IoU above which per-class NMS suppresses a lower-scoring detection.
    public var nmsThreshold: Double
    /// Detections kept per image, highest scores first.
    public var detectionsPerImage: Int
    /// Pasted mask probabilities at or above this are foreground.
    public var maskThreshold: Double

    /// Creates an inference config; the defaults are the paper's 0.05 / 0.5 / 100 / 0.5.
    public init(
        scoreThreshold: Double = 0.05,
        nmsThreshold: Double = 0.5,
        detectionsPerImage: Int = 100,
        maskThreshold: Double = 0.5
    ) {
        self.scoreThreshold = scoreThreshold
        self.nmsThreshold = nmsThreshold
        self.detectionsPerImage = detectionsPerImage
        self.maskThreshold = maskThreshold
    }

    enum CodingKeys: String, CodingKey {
        case scoreThreshold = "score_threshold"
        case nmsThreshold = "nms_threshold"
        case detectionsPerImage = "detections_per_image"
        case maskThreshold = "mask_threshold"
    }
}
