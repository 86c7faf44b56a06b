import COCO
import Foundation

/// Reads the ground-truth and results files with Foundation's `JSONDecoder`, turning its errors
/// into one `InputError` naming the file, record index and field.
///
/// Stand-in until the COCO target's fast reader lands (`COCODataset.load(contentsOf:)`,
/// `COCOResult.loadArray(contentsOf:)`); swap the two bodies then.
public enum EvaluationInput {
    /// Decodes a dataset file (`instances_*.json`).
    public static func loadDataset(contentsOf url: URL) throws(InputError) -> COCODataset {
        try decode(COCODataset.self, from: url)
    }

    /// Decodes a results file (a JSON array of detections).
    public static func loadResults(contentsOf url: URL) throws(InputError) -> [COCOResult] {
        try decode([COCOResult].self, from: url)
    }

    static func decode<Value: Decodable>(_ type: Value.Type, from url: URL) throws(InputError) -> Value {
        let file = url.path
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw InputError(file: file, message: "cannot read the file (\(error.localizedDescription))")
        }
        do {
            return try JSONDecoder().decode(Value.self, from: data)
        } catch let error as DecodingError {
            throw inputError(error, file: file)
        } catch {
            throw InputError(file: file, message: "not valid JSON")
        }
    }

    /// Maps a coding path like `annotations[3].bbox` to record 3, field `annotations.bbox`.
    static func inputError(_ error: DecodingError, file: String) -> InputError {
        let (path, message): ([any CodingKey], String)
        switch error {
        case .typeMismatch(let type, let context):
            (path, message) = (context.codingPath, "expected \(type): \(context.debugDescription)")
        case .valueNotFound(let type, let context):
            (path, message) = (context.codingPath, "expected \(type), found null")
        case .keyNotFound(let key, let context):
            (path, message) = (context.codingPath + [key], "missing field")
        case .dataCorrupted(let context):
            let underlying = context.underlyingError.map { " (\($0.localizedDescription))" } ?? ""
            (path, message) = (context.codingPath,
                               context.codingPath.isEmpty ? "not valid JSON\(underlying)" : context.debugDescription)
        @unknown default:
            (path, message) = ([], "cannot decode")
        }
        var record: Int?
        var names: [String] = []
        for key in path {
            if let index = key.intValue {
                if record == nil { record = index }
            } else {
                names.append(key.stringValue)
            }
        }
        return InputError(file: file, record: record, field: names.isEmpty ? nil : names.joined(separator: "."),
                          message: message)
    }
}
