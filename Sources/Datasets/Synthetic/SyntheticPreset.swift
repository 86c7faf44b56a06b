/// Named dataset sizes, so configs and the CLI can say `small` instead of every number.
public enum SyntheticPreset: String, CaseIterable, Codable, Sendable {
    /// 64 px images, for debug-build tests.
    case tiny
    /// 128 px images, the feasibility experiment's regime.
    case small
    /// 256 px images, the default.
    case standard
    /// 320 px images, for stride-32 (C5) variants.
    case large

    /// The shapes configuration of the preset.
    public var shapes: ShapesConfiguration { configurations.shapes }

    /// The keypoint-figures configuration of the preset.
    public var figures: FiguresConfiguration { configurations.figures }

    private var configurations: (shapes: ShapesConfiguration, figures: FiguresConfiguration) {
        switch self {
        case .tiny: (.tiny, .tiny)
        case .small: (.small, .small)
        case .standard: (.standard, .standard)
        case .large: (.large, .large)
        }
    }
}
