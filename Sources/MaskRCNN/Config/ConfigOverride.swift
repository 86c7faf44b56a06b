import COCO

/// A parsed config override document (JSON, or YAML through any `Decoder`): a tree of
/// objects, arrays and scalars that `ModelConfig.applying(_:file:)` lays over a base config.
///
/// Why a tree rather than a partially-decoded `ModelConfig`: merging at the document level keeps
/// every section's `Codable` synthesized (no per-field default code), lets the same override
/// apply to any preset, and makes "unknown key" simply "a key the base config does not have".
public enum ConfigOverride: Codable, Equatable, Sendable {
    /// `true` / `false`.
    case bool(Bool)
    /// A whole number.
    case integer(Int)
    /// A number with a fraction or exponent.
    case number(Double)
    /// A string (enum values such as `roi_align`).
    case string(String)
    /// A list, replaced as a whole by an override.
    case array([ConfigOverride])
    /// A section, merged key by key.
    case object([String: ConfigOverride])
    /// `null`.
    case null

    /// Decodes any JSON/YAML value.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([ConfigOverride].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: ConfigOverride].self))
        }
    }

    /// Encodes the value as the matching JSON/YAML value.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .bool(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        case .null: try container.encodeNil()
        }
    }

    /// `override` laid over this document: sections merge key by key, anything else is
    /// replaced. A key this document lacks throws an `InputError` naming its path.
    func merging(_ override: ConfigOverride, at path: String = "") throws -> ConfigOverride {
        guard case .object(var base) = self, case .object(let changes) = override else { return override }
        for (key, change) in changes.sorted(by: { $0.key < $1.key }) {
            let keyPath = path.isEmpty ? key : "\(path).\(key)"
            guard let current = base[key] else { throw InputError(field: keyPath, message: "unknown key") }
            base[key] = try current.merging(change, at: keyPath)
        }
        return .object(base)
    }
}
