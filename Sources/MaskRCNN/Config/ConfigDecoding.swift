import COCO

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
    public init(file: String?, decodingError error: DecodingError) {
        func path(_ codingPath: [any CodingKey]) -> String? {
            let path = fieldPath(codingPath)
            return path.isEmpty ? nil : path
        }
        switch error {
        case .dataCorrupted(let context):
            self.init(file: file, field: path(context.codingPath), message: context.debugDescription)
        case .keyNotFound(let key, let context):
            self.init(file: file, field: path(context.codingPath + [key]), message: "missing")
        case .typeMismatch(let type, let context):
            self.init(file: file, field: path(context.codingPath), message: "expected \(Self.describe(type))")
        case .valueNotFound(let type, let context):
            self.init(file: file, field: path(context.codingPath), message: "expected \(Self.describe(type)), found null")
        @unknown default:
            self.init(file: file, message: "\(error)")
        }
    }

    /// A config reader's name for a Swift type (`Dictionary<String, Any>` is "a section").
    private static func describe(_ type: Any.Type) -> String {
        let name = String(describing: type)
        if name.hasPrefix("Dictionary") { return "a section of keys" }
        if name.hasPrefix("Array") { return "a list" }
        return name
    }
}
