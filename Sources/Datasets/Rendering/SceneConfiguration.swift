import COCO

/// The settings every synthetic scene shares: frame size, distractors, noise, and how much of
/// an object must stay visible to be annotated.
public protocol SceneConfiguration: Sendable {
    /// Image width in pixels.
    var width: Int { get }
    /// Image height in pixels.
    var height: Int { get }
    /// How many unannotated distractors (thin lines, small dots) sit on the background.
    var clutterPerImage: ClosedRange<Int> { get }
    /// Uniform per-channel sensor noise amplitude, in 8-bit levels.
    var noise: Double { get }
    /// Objects whose visible area falls below this fraction of their full area are not drawn.
    var minimumVisibleFraction: Double { get }
}

extension SceneConfiguration {
    /// Checks the shared settings, naming the first bad field.
    func validateScene() throws(InputError) {
        guard (8...4096).contains(width) else { throw InputError(field: "width", message: "must be in 8...4096, got \(width)") }
        guard (8...4096).contains(height) else { throw InputError(field: "height", message: "must be in 8...4096, got \(height)") }
        guard clutterPerImage.lowerBound >= 0, clutterPerImage.upperBound <= 1000 else {
            throw InputError(field: "clutterPerImage", message: "must lie in 0...1000")
        }
        guard (0...64).contains(noise) else { throw InputError(field: "noise", message: "must lie in 0...64 levels") }
        guard (0...1).contains(minimumVisibleFraction) else {
            throw InputError(field: "minimumVisibleFraction", message: "must lie in 0...1")
        }
    }

    /// The random stream of image `index` and its background with clutter drawn (dots up to
    /// `dotRadius` pixels): the start of every synthetic image.
    func startScene(seed: UInt64, index: Int, dotRadius: Double) -> (Scene, SplitMixGenerator) {
        var random = SplitMixGenerator(seed: seed, index: index)
        var scene = Scene(width: width, height: height, random: &random)
        scene.addClutter(count: random.integer(clutterPerImage), dotRadius: dotRadius, random: &random)
        return (scene, random)
    }
}
