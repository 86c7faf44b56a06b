/// Named dataset sizes, so configs and the CLI can say `small` instead of every number.
public enum SyntheticPreset: String, CaseIterable, Codable, Sendable {
    case tiny
    case small
    case standard
    case large

    /// The shapes configuration of the preset.
    public var shapes: ShapesConfiguration {
        switch self {
        case .tiny: .tiny
        case .small: .small
        case .standard: .standard
        case .large: .large
        }
    }

    /// The keypoint-figures configuration of the preset.
    public var figures: FiguresConfiguration {
        switch self {
        case .tiny: .tiny
        case .small: .small
        case .standard: .standard
        case .large: .large
        }
    }
}
