import COCO
import COCOEval
import Foundation

/// The `--json` file: `{"stats": [...], "statNames": [...], "categoryAP": [...], "settings": {...}}`.
///
/// Doubles are written in Swift's shortest round-trip form, so reading the file back gives the
/// very same bits; the file is written atomically (temporary file, then rename).
struct JSONReport {
    let result: EvaluationResult
    let dataset: COCODataset
    let groundTruthFile: String
    let resultsFile: String
    let imageIDsGiven: Bool

    /// Short names of the summary statistics, in `stats` order.
    static func statNames(_ iouType: IoUType) -> [String] {
        switch iouType {
        case .bbox, .segm: ["AP", "AP50", "AP75", "APs", "APm", "APl", "AR1", "AR10", "AR100", "ARs", "ARm", "ARl"]
        case .keypoints: ["AP", "AP50", "AP75", "APm", "APl", "AR", "AR50", "AR75", "ARm", "ARl"]
        }
    }

    var text: String {
        let parameters = result.parameters
        var names: [Int: String] = [:]
        for category in dataset.categories { names[category.id] = category.name }
        let categories = result.categoryAveragePrecisions.map { row in
            "{\"id\": \(row.categoryID), \"name\": \(Self.quoted(names[row.categoryID] ?? "")), \"AP\": \(row.averagePrecision.map(Self.number) ?? "null")}"
        }
        let ranges = parameters.areaRanges.map {
            "{\"label\": \(Self.quoted($0.label)), \"lower\": \(Self.number($0.lower)), \"upper\": \(Self.number($0.upper))}"
        }
        var settings = [
            "\"iouType\": \(Self.quoted(parameters.iouType.rawValue))",
            "\"groundTruth\": \(Self.quoted(groundTruthFile))",
            "\"results\": \(Self.quoted(resultsFile))",
            "\"maxDets\": [\(parameters.maxDetections.map(String.init).joined(separator: ", "))]",
            "\"areaRanges\": [\(ranges.joined(separator: ", "))]",
            "\"useCats\": \(parameters.useCategories)",
            "\"imageCount\": \(parameters.imageIDs?.count ?? 0)",
        ]
        if imageIDsGiven, let ids = parameters.imageIDs {
            settings.append("\"imgIds\": [\(ids.map(String.init).joined(separator: ", "))]")
        }
        return """
        {
          "stats": [\(result.stats.map(Self.number).joined(separator: ", "))],
          "statNames": [\(Self.statNames(parameters.iouType).map(Self.quoted).joined(separator: ", "))],
          "categoryAP": [
            \(categories.joined(separator: ",\n    "))
          ],
          "settings": {
            \(settings.joined(separator: ",\n    "))
          }
        }

        """
    }

    func write(to path: String) throws(InputError) {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw InputError(file: path, message: "cannot write (\(error.localizedDescription))")
        }
    }

    /// Shortest round-trip decimal (Swift's `description`); stats are always finite.
    static func number(_ value: Double) -> String { value.isFinite ? "\(value)" : "null" }

    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
