import Datasets
import MaskRCNN

/// How big one run of a table is: data, schedule, seeds. `smoke` runs in seconds (tests and
/// `ablate check`), `quick` in minutes (the default), `full` in hours.
///
/// A preset may tune sizes so the experiment is informative (e.g. larger images for stride 32),
/// never so that a verdict comes out a certain way; `note` says why a preset is what it is.
public struct Preset: Codable, Sendable, Equatable {
    /// The embedded synthetic set: `shapes` (boxes and masks) or `figures` (person keypoints).
    public var dataset: SyntheticSet
    /// The synthetic image-size preset (tiny 64 px, small 128, standard 256, large 320).
    public var imageSize: SyntheticPreset
    /// Training images.
    public var trainImages: Int
    /// Validation images (the evaluated set; also the bootstrap's unit).
    public var valImages: Int
    /// Seeds 0..<seeds (overridable with `--seeds`).
    public var seeds: Int
    /// Training iterations (`solver.iterations`).
    public var iterations: Int
    /// Further config overrides of this preset (e.g. input size, warm-up), applied before the variant's.
    public var overrides: ConfigOverride?
    /// Why the preset is sized this way.
    public var note: String?

    /// The two synthetic sets.
    public enum SyntheticSet: String, Codable, Sendable, CaseIterable {
        /// Squares, ellipses, triangles: boxes and masks.
        case shapes
        /// Stick figures with person keypoints.
        case figures
    }

    /// Creates a preset.
    public init(dataset: SyntheticSet = .shapes, imageSize: SyntheticPreset = .standard, trainImages: Int,
                valImages: Int, seeds: Int, iterations: Int, overrides: ConfigOverride? = nil, note: String? = nil) {
        self.dataset = dataset
        self.imageSize = imageSize
        self.trainImages = trainImages
        self.valImages = valImages
        self.seeds = seeds
        self.iterations = iterations
        self.overrides = overrides
        self.note = note
    }

    enum CodingKeys: String, CodingKey {
        case dataset
        case imageSize = "image_size"
        case trainImages = "train_images"
        case valImages = "val_images"
        case seeds, iterations, overrides, note
    }
}
