import COCO

/// How synthetic shape images are drawn: size, object scales, density, clutter and noise.
///
/// Object size is the shape's nominal extent in pixels (its diameter, or side for squares),
/// drawn log-uniformly so small, medium and large objects are equally common per octave.
/// For RoI-operator ablations the useful regime is objects spanning about 3-8 feature cells
/// at the stride under test (see `reference/feasibility.md`).
public struct ShapesConfiguration: SceneConfiguration, Codable, Equatable, Sendable {
    /// Image width in pixels.
    public var width: Int
    /// Image height in pixels.
    public var height: Int
    /// Smallest and largest object extent in pixels.
    public var objectSize: ClosedRange<Double>
    /// How many annotated objects an image holds (before dropping heavily occluded ones).
    public var objectsPerImage: ClosedRange<Int>
    /// The chance that an image holds one `iscrowd` group of small same-category shapes.
    public var crowdProbability: Double
    /// How many unannotated distractors (thin lines, small dots) sit on the background.
    public var clutterPerImage: ClosedRange<Int>
    /// Uniform per-channel sensor noise amplitude, in 8-bit levels.
    public var noise: Double
    /// Objects whose visible area falls below this fraction of their full area are not drawn,
    /// so every annotation shows enough of its shape to be learnable.
    public var minimumVisibleFraction: Double

    /// Creates a configuration; the defaults are the `standard` preset.
    public init(width: Int = 256, height: Int = 256, objectSize: ClosedRange<Double> = 24...144,
                objectsPerImage: ClosedRange<Int> = 2...6, crowdProbability: Double = 0.1,
                clutterPerImage: ClosedRange<Int> = 4...12, noise: Double = 6,
                minimumVisibleFraction: Double = 0.35) {
        self.width = width
        self.height = height
        self.objectSize = objectSize
        self.objectsPerImage = objectsPerImage
        self.crowdProbability = crowdProbability
        self.clutterPerImage = clutterPerImage
        self.noise = noise
        self.minimumVisibleFraction = minimumVisibleFraction
    }

    /// 256 px images with 24-144 px objects: 1.5-9 cells at stride 16, 0.75-4.5 at stride 32.
    /// Areas span COCO's own small (< 32^2), medium and large (>= 96^2) ranges, so APs, APm
    /// and APl are all defined with the evaluator's default thresholds.
    public static let standard = ShapesConfiguration()

    /// 128 px images with 12-64 px objects: the fast regime of the feasibility experiment
    /// (RoIPool's quantisation dominates; gaps larger than the paper's).
    public static let small = ShapesConfiguration(width: 128, height: 128, objectSize: 12...64,
                                                  clutterPerImage: 2...6)

    /// 320 px images with 40-160 px objects: 2.5-10 cells at stride 16, for stride-32 (C5) runs.
    public static let large = ShapesConfiguration(width: 320, height: 320, objectSize: 40...160)

    /// 64 px images with 10-32 px objects, for fast debug-build tests.
    public static let tiny = ShapesConfiguration(width: 64, height: 64, objectSize: 10...32,
                                                 objectsPerImage: 1...4, clutterPerImage: 1...3)

    /// Checks the configuration, naming the first bad field.
    public func validate() throws(InputError) {
        try validateScene()
        func fail(_ field: String, _ message: String) -> InputError {
            InputError(field: field, message: message)
        }
        guard objectSize.lowerBound >= 2, objectSize.upperBound.isFinite,
              objectSize.upperBound <= Double(max(width, height)) else {
            throw fail("objectSize", "must lie in 2...\(max(width, height)) pixels, got \(objectSize)")
        }
        guard objectsPerImage.lowerBound >= 0, objectsPerImage.upperBound <= 100 else {
            throw fail("objectsPerImage", "must lie in 0...100, got \(objectsPerImage)")
        }
        guard (0...1).contains(crowdProbability) else { throw fail("crowdProbability", "must lie in 0...1") }
    }
}
