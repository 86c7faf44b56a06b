/// Bad input, reported as one line that names the file, the record and the field.
///
/// Every loader in MaskBench throws this for malformed or impossible input (not JSON, a missing
/// or mistyped field, NaN, negative sizes, broken RLE, an unknown image id), so that command-line
/// tools can print `description` and exit with status 2 instead of trapping.
public struct InputError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file the input came from, when there is one.
    public var file: String?
    /// The 0-based index of the record (array element) at fault, when known.
    public var record: Int?
    /// The JSON field (or dotted path, e.g. `segmentation.counts`) at fault, when known.
    public var field: String?
    /// What is wrong, in a few words.
    public var message: String

    /// Creates an input error.
    public init(file: String? = nil, record: Int? = nil, field: String? = nil, message: String) {
        self.file = file
        self.record = record
        self.field = field
        self.message = message
    }

    /// The same error attributed to `file` (used when a lower layer did not know the file name).
    public func inFile(_ file: String) -> InputError {
        var copy = self
        if copy.file == nil { copy.file = file }
        return copy
    }

    /// `FILE: record N: field F: message`, leaving out the parts that are unknown.
    public var description: String {
        var parts: [String] = []
        if let file { parts.append(file) }
        if let record { parts.append("record \(record)") }
        if let field { parts.append("field \"\(field)\"") }
        parts.append(message)
        return parts.joined(separator: ": ")
    }
}
