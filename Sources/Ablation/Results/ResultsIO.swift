import COCO
import Foundation
import MaskRCNN

/// Reading and writing the JSON files of a run: atomic writes (temp file + rename), compact
/// JSON with sorted keys (reproducible bytes), and one `InputError` naming the file and field on a bad read.
public enum ResultsIO {
    /// Writes `data` to `url` atomically, creating the parent directory.
    public static func writeAtomically(_ data: Data, to url: URL) throws(InputError) {
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url, options: .atomic)
        } catch {
            throw InputError(file: url.path, message: "cannot write: \(error.localizedDescription)")
        }
    }

    /// Encodes `value` as compact JSON (one line and a newline, sorted keys, doubles in their
    /// shortest round-trip form) and writes it atomically. Compact because a quick-preset
    /// results file holds every image's matches: about 4x smaller than pretty-printed (25 MB ->
    /// 6.5 MB for Table 2c); sorted keys keep files reproducible byte for byte.
    public static func write<Value: Encodable>(_ value: Value, to url: URL) throws(InputError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data: Data
        do {
            data = try encoder.encode(value)
        } catch {
            throw InputError(file: url.path, message: "cannot encode: \(error)")
        }
        try writeAtomically(data + Data("\n".utf8), to: url)
    }

    /// Reads and decodes a JSON file.
    public static func read<Value: Decodable>(_ type: Value.Type, from url: URL) throws(InputError) -> Value {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw InputError(file: url.path, message: "cannot read the file")
        }
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let error as DecodingError {
            throw InputError(file: url.path, decodingError: error)
        } catch {
            throw InputError(file: url.path, message: "not valid JSON: \(error)")
        }
    }

    /// Reads a results file and checks what the statistics need: a known schema version,
    /// unique variant names, finite metric values.
    public static func readResults(from url: URL) throws(InputError) -> AblationResults {
        let results = try read(AblationResults.self, from: url)
        guard results.schemaVersion <= AblationResults.currentSchemaVersion else {
            throw InputError(file: url.path, field: "schema_version",
                             message: "version \(results.schemaVersion) is newer than this ablate (\(AblationResults.currentSchemaVersion))")
        }
        var names = Set<String>()
        for (index, variant) in results.variants.enumerated() {
            guard names.insert(variant.name).inserted else {
                throw InputError(file: url.path, record: index, field: "variants.name", message: "duplicate variant \"\(variant.name)\"")
            }
            for (seedIndex, seed) in variant.seeds.enumerated() {
                for kind in seed.metrics.kinds {
                    for (name, value) in seed.metrics[kind]!.values.sorted(by: { $0.key < $1.key }) where !value.isFinite {
                        throw InputError(file: url.path, record: index,
                                         field: "variants[\(index)].seeds[\(seedIndex)].metrics.\(kind.rawValue).\(name)",
                                         message: "must be finite")
                    }
                }
            }
        }
        return results
    }
}

/// Where a project keeps its files: `Ablations/`, `Results/`, `Reports/` under one root.
public struct ProjectLayout: Sendable {
    /// The project root (the current directory for the CLI).
    public var root: URL

    /// Creates a layout rooted at `root`.
    public init(root: URL) {
        self.root = root
    }

    /// `Ablations/NAME.yaml`.
    public func tableFile(_ name: String) -> URL {
        root.appendingPathComponent("Ablations/\(name).yaml")
    }

    /// The table names found in `Ablations/`, sorted.
    public func tableNames() -> [String] {
        let directory = root.appendingPathComponent("Ablations")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return files.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// The stem of a run's files: `NAME` for the default `quick` preset, `NAME-PRESET` otherwise.
    public func stem(table: String, preset: String) -> String {
        preset == "quick" ? table : "\(table)-\(preset)"
    }

    /// `Results/STEM.json`.
    public func results(table: String, preset: String) -> URL {
        root.appendingPathComponent("Results/\(stem(table: table, preset: preset)).json")
    }

    /// `Reports/STEM.md`.
    public func report(table: String, preset: String) -> URL {
        root.appendingPathComponent("Reports/\(stem(table: table, preset: preset)).md")
    }

    /// `Reports/STEM/`: the report's SVG and PNG files.
    public func reportAssets(table: String, preset: String) -> URL {
        root.appendingPathComponent("Reports/\(stem(table: table, preset: preset))", isDirectory: true)
    }

    /// `Results/jobs/TABLE/PRESET/`: one file per finished job, for resuming and sharding.
    public func jobDirectory(table: String, preset: String) -> URL {
        root.appendingPathComponent("Results/jobs/\(table)/\(preset)", isDirectory: true)
    }
}
