import COCO
import Foundation
import MaskRCNN
import Yams

/// Reads an ablation table from YAML and checks it, so that a mistake in a table file is one
/// `InputError` naming the file and the key path (e.g. `variants[2].overrides.mask_head.loss`)
/// before any training starts.
public enum TableLoader {
    /// Loads and validates the table at `url`.
    public static func load(_ url: URL) throws(InputError) -> AblationTable {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw InputError(file: url.path, message: "cannot read the table file")
        }
        return try parse(text, file: url.path)
    }

    /// Parses and validates a table from YAML text; `file` names it in errors.
    public static func parse(_ text: String, file: String) throws(InputError) -> AblationTable {
        let tree: ConfigOverride
        let table: AblationTable
        do {
            tree = try YAMLDecoder().decode(ConfigOverride.self, from: text)
            table = try YAMLDecoder().decode(AblationTable.self, from: text)
        } catch let error as DecodingError {
            if case .dataCorrupted(let context) = error, let underlying = context.underlyingError {
                throw InputError(file: file, message: "not valid YAML: \(oneLine(underlying))")
            }
            throw InputError(file: file, decodingError: error)
        } catch let error as YamlError {
            throw InputError(file: file, message: "not valid YAML: \(oneLine(error))")
        } catch {
            throw InputError(file: file, message: "not valid YAML: \(error)")
        }
        do {
            let encoded = try JSONDecoder().decode(ConfigOverride.self, from: JSONEncoder().encode(table))
            if let path = firstUnknownKey(in: tree, known: encoded) {
                throw InputError(file: file, field: path, message: "unknown key")
            }
        } catch let error as InputError {
            throw error
        } catch {
            throw InputError(file: file, message: "cannot re-encode the table: \(error)")
        }
        do {
            try validate(table)
        } catch {
            throw error.inFile(file)
        }
        return table
    }

    /// A YAML parser error on one line (Yams prints the offending line and a caret below it).
    private static func oneLine(_ error: any Error) -> String {
        String(describing: error).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && $0 != "^" }.joined(separator: " | ")
    }

    /// The first key of `source` that `known` (the decoded table, encoded again) lacks: a key the
    /// schema does not have. `overrides` sections are left to `ModelConfig`'s own check.
    static func firstUnknownKey(in source: ConfigOverride, known: ConfigOverride, path: String = "") -> String? {
        switch (source, known) {
        case (.object(let fields), .object(let knownFields)):
            for (key, value) in fields.sorted(by: { $0.key < $1.key }) {
                let keyPath = path.isEmpty ? key : "\(path).\(key)"
                guard let knownValue = knownFields[key] else { return keyPath }
                if key == "overrides" { continue }
                if let found = firstUnknownKey(in: value, known: knownValue, path: keyPath) { return found }
            }
        case (.array(let items), .array(let knownItems)):
            for (index, (item, knownItem)) in zip(items, knownItems).enumerated() {
                if let found = firstUnknownKey(in: item, known: knownItem, path: "\(path)[\(index)]") { return found }
            }
        default:
            break
        }
        return nil
    }

    /// Checks names, references, preset sizes, and that every variant resolves to a valid config
    /// under every preset.
    public static func validate(_ table: AblationTable) throws(InputError) {
        func require(_ condition: Bool, _ field: String, _ message: String) throws(InputError) {
            if !condition { throw InputError(field: field, message: message) }
        }
        try require(isIdentifier(table.table), "table", "expected letters, digits, '_' or '-'")
        try require(!table.variants.isEmpty, "variants", "expected at least one variant")
        var names = Set<String>()
        for (index, variant) in table.variants.enumerated() {
            try require(isIdentifier(variant.name), "variants[\(index)].name", "expected letters, digits, '_' or '-'")
            try require(names.insert(variant.name).inserted, "variants[\(index)].name", "duplicate name \"\(variant.name)\"")
        }
        try require(names.contains(table.baseline), "baseline", "no variant named \"\(table.baseline)\"")
        try require(!table.metrics.isEmpty, "metrics", "expected at least one metric")
        for required in ["smoke", "quick"] {
            try require(table.presets[required] != nil, "presets", "missing the \"\(required)\" preset")
        }
        for (name, preset) in table.presets.sorted(by: { $0.key < $1.key }) {
            let field = "presets.\(name)"
            try require(isIdentifier(name), field, "expected letters, digits, '_' or '-'")
            try require((1...1_000_000).contains(preset.trainImages), "\(field).train_images", "must be 1...1000000")
            try require((1...1_000_000).contains(preset.valImages), "\(field).val_images", "must be 1...1000000")
            try require((1...1000).contains(preset.seeds), "\(field).seeds", "must be 1...1000")
            try require((1...100_000_000).contains(preset.iterations), "\(field).iterations", "must be 1...100000000")
        }
        for (index, claim) in table.claims.enumerated() {
            let field = "claims[\(index)]"
            try require(names.contains(claim.better), "\(field).better", "no variant named \"\(claim.better)\"")
            try require(names.contains(claim.worse), "\(field).worse", "no variant named \"\(claim.worse)\"")
            try require(claim.better != claim.worse, "\(field).worse", "must differ from better")
            try require(claim.metric.isResampleable, "\(field).metric",
                        "the paired bootstrap recomputes AP, AP50 or AP75 only, got \(claim.metric)")
            try require(claim.paperDelta.isFinite, "\(field).paper_delta", "must be finite")
        }
        if let paper = table.paper {
            for (variant, row) in paper.rows.sorted(by: { $0.key < $1.key }) {
                try require(names.contains(variant), "paper.rows.\(variant)", "no variant named \"\(variant)\"")
                for (key, value) in row.sorted(by: { $0.key < $1.key }) {
                    do {
                        _ = try MetricKey(parsing: key)
                    } catch {
                        throw InputError(field: "paper.rows.\(variant).\(key)", message: error.message)
                    }
                    try require(value.isFinite, "paper.rows.\(variant).\(key)", "must be finite")
                }
            }
        }
        for (key, value) in (table.check?.tolerance ?? [:]).sorted(by: { $0.key < $1.key }) {
            do {
                _ = try MetricKey(parsing: key)
            } catch {
                throw InputError(field: "check.tolerance.\(key)", message: error.message)
            }
            try require(value.isFinite && value >= 0, "check.tolerance.\(key)", "must be >= 0")
        }
        if let value = table.check?.defaultTolerance {
            try require(value.isFinite && value >= 0, "check.default_tolerance", "must be >= 0")
        }
        if let value = table.check?.finalLossTolerance {
            try require(value.isFinite && value >= 0, "check.final_loss_tolerance", "must be >= 0")
        }
        for presetName in table.presets.keys.sorted() {
            for variant in table.variants {
                _ = try TableResolver.config(of: variant, in: table, preset: presetName, seed: 0, threads: 1)
            }
        }
    }

    /// Names used in file paths: letters, digits, `_` and `-`, not empty.
    static func isIdentifier(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy {
            CharacterSet.alphanumerics.contains($0) && $0.isASCII || $0 == "_" || $0 == "-"
        }
    }
}
