import COCO

/// How keypoint-figure images are drawn (Tables 5 and 6): size, figure scale, crowding,
/// occluders, clutter and noise.
public struct FiguresConfiguration: SceneConfiguration, Codable, Equatable, Sendable {
    /// Image width in pixels.
    public var width: Int
    /// Image height in pixels.
    public var height: Int
    /// Figure height (ankles to top of head, standing straight) in pixels.
    public var figureHeight: ClosedRange<Double>
    /// How many figures an image holds (before dropping heavily occluded ones).
    public var figuresPerImage: ClosedRange<Int>
    /// The chance that an unannotated shape is drawn over each figure (hides keypoints: v = 1).
    public var occluderProbability: Double
    /// How many unannotated distractors sit on the background.
    public var clutterPerImage: ClosedRange<Int>
    /// Uniform per-channel sensor noise amplitude, in 8-bit levels.
    public var noise: Double
    /// Figures whose visible area falls below this fraction of their full area are not drawn.
    public var minimumVisibleFraction: Double

    /// Creates a configuration; the defaults are the `standard` preset.
    public init(width: Int = 256, height: Int = 256, figureHeight: ClosedRange<Double> = 64...224,
                figuresPerImage: ClosedRange<Int> = 1...3, occluderProbability: Double = 0.3,
                clutterPerImage: ClosedRange<Int> = 4...12, noise: Double = 6, minimumVisibleFraction: Double = 0.4) {
        self.width = width
        self.height = height
        self.figureHeight = figureHeight
        self.figuresPerImage = figuresPerImage
        self.occluderProbability = occluderProbability
        self.clutterPerImage = clutterPerImage
        self.noise = noise
        self.minimumVisibleFraction = minimumVisibleFraction
    }

    /// 256 px images, figures 64-224 px tall.
    public static let standard = FiguresConfiguration()
    /// 128 px images, figures 40-120 px tall.
    public static let small = FiguresConfiguration(width: 128, height: 128, figureHeight: 40...120, clutterPerImage: 2...6)
    /// 320 px images, figures 80-280 px tall.
    public static let large = FiguresConfiguration(width: 320, height: 320, figureHeight: 80...280)
    /// 64 px images, figures 28-60 px tall, for fast debug-build tests.
    public static let tiny = FiguresConfiguration(width: 64, height: 64, figureHeight: 28...60,
                                                  figuresPerImage: 1...2, clutterPerImage: 1...3)

    /// Checks the configuration, naming the first bad field.
    public func validate() throws(InputError) {
        try validateScene()
        guard figureHeight.lowerBound >= 8, figureHeight.upperBound <= 2 * Double(max(width, height)) else {
            throw InputError(field: "figureHeight", message: "must lie in 8...\(2 * max(width, height)) pixels, got \(figureHeight)")
        }
        guard figuresPerImage.lowerBound >= 0, figuresPerImage.upperBound <= 50 else {
            throw InputError(field: "figuresPerImage", message: "must lie in 0...50, got \(figuresPerImage)")
        }
        guard (0...1).contains(occluderProbability) else { throw InputError(field: "occluderProbability", message: "must lie in 0...1") }
    }
}
