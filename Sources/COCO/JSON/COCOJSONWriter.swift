import Foundation

extension COCOResult {
    /// Writes `results` as a JSON array pycocotools' `loadRes` reads.
    ///
    /// The file is replaced atomically (temporary file + rename), so a killed run never leaves a
    /// half-written file; doubles are written in their shortest round-trip form and RLE strings
    /// with `\` escaped.
    /// - Throws: `EncodingError` for non-finite numbers, or the file system's error.
    public static func write(_ results: [COCOResult], to url: URL) throws {
        try COCOJSONWriter.write(results, to: url)
    }
}

extension COCODataset {
    /// Writes the dataset as a COCO dataset file, atomically (temporary file + rename), with
    /// doubles in shortest round-trip form; pycocotools' `COCO(file)` reads it.
    /// - Throws: `EncodingError` for non-finite numbers, or the file system's error.
    public func write(to url: URL) throws {
        try COCOJSONWriter.write(self, to: url)
    }
}

/// The shared encoder settings for the writers.
enum COCOJSONWriter {
    static func write<T: Encodable>(_ value: T, to url: URL) throws {
        let encoder = JSONEncoder()
        // Slashes stay readable in URLs and file names; non-finite doubles throw.
        encoder.outputFormatting = [.withoutEscapingSlashes]
        let data = try encoder.encode(value)
        try data.write(to: url, options: .atomic)
    }
}
