import COCO
import Foundation

/// Any key a decoder holds, so a config section can list keys its `CodingKeys` does not know.
struct AnyCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int?

    init(stringValue: String) {
        self.stringValue = stringValue
        self.intValue = nil
    }

    init(intValue: Int) {
        self.stringValue = String(intValue)
        self.intValue = intValue
    }
}

extension Decoder {
    /// The keyed container of a config section after rejecting keys the section does not have.
    ///
    /// Why: a typo in an override file (`rois_per_imge`) must fail loudly rather than silently
    /// leave the default in place, which would make an ablation compare two identical models.
    func configContainer<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        let all = try container(keyedBy: AnyCodingKey.self)
        for key in all.allKeys where Key(stringValue: key.stringValue) == nil {
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: codingPath + [key], debugDescription: "unknown key"))
        }
        return try container(keyedBy: Key.self)
    }
}

extension KeyedDecodingContainer {
    /// The value under `key`, or `fallback` when the key is absent, so an override file may set
    /// only the fields it changes.
    func decode<T: Decodable>(_ key: Key, or fallback: T) throws -> T {
        try decodeIfPresent(T.self, forKey: key) ?? fallback
    }
}

/// The dotted field path of a coding path, e.g. `anchors.sizes[2]`.
func fieldPath(_ codingPath: [any CodingKey]) -> String {
    var path = ""
    for key in codingPath {
        if let index = key.intValue {
            path += "[\(index)]"
        } else {
            path += path.isEmpty ? key.stringValue : ".\(key.stringValue)"
        }
    }
    return path
}

extension InputError {
    /// The one-line input error for a failed config decode, naming the field path.
    init(file: String?, decodingError error: DecodingError) {
        switch error {
        case .dataCorrupted(let context):
            self.init(file: file, field: fieldPath(context.codingPath).nilIfEmpty,
                      message: context.debugDescription)
        case .keyNotFound(let key, let context):
            self.init(file: file, field: fieldPath(context.codingPath + [key]), message: "missing")
        case .typeMismatch(let type, let context):
            self.init(file: file, field: fieldPath(context.codingPath).nilIfEmpty,
                      message: "expected \(type)")
        case .valueNotFound(let type, let context):
            self.init(file: file, field: fieldPath(context.codingPath).nilIfEmpty,
                      message: "expected \(type), found null")
        @unknown default:
            self.init(file: file, message: "\(error)")
        }
    }
}

extension String {
    fileprivate var nilIfEmpty: String? { isEmpty ? nil : self }
}

/// A config section that can be decoded over a base value, so an override file changes only
/// the fields it names, on top of the defaults or of a preset.
protocol ConfigSection: Decodable {
    /// Decodes the fields present and keeps `base`'s for the others; unknown keys fail.
    init(from decoder: any Decoder, over base: Self) throws
}

extension KeyedDecodingContainer {
    /// The section under `key` decoded over `base`, or `base` when the key is absent.
    func decode<T: ConfigSection>(_ key: Key, over base: T) throws -> T {
        guard contains(key) else { return base }
        return try T(from: superDecoder(forKey: key), over: base)
    }
}
