import COCO
import COCOEval
import Foundation

/// Parses the comma-separated list options; a bad list is an `InputError` naming the option.
enum OptionLists {
    static func integers(_ text: String, option: String) throws(InputError) -> [Int] {
        var values: [Int] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard let value = Int(part.trimmingCharacters(in: .whitespaces)) else {
                throw InputError(field: option, message: "\"\(part)\" is not an integer")
            }
            values.append(value)
        }
        return values
    }

    /// `label=lower:upper,...`, areas in square pixels.
    static func areaRanges(_ text: String) throws(InputError) -> [AreaRange] {
        var ranges: [AreaRange] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let labelled = part.split(separator: "=", maxSplits: 1)
            let bounds = labelled.count == 2 ? labelled[1].split(separator: ":", omittingEmptySubsequences: false) : []
            guard labelled.count == 2, !labelled[0].isEmpty, bounds.count == 2,
                  let lower = Double(bounds[0]), let upper = Double(bounds[1]) else {
                throw InputError(field: "area-ranges", message: "\"\(part)\" is not label=lower:upper")
            }
            ranges.append(AreaRange(label: String(labelled[0]), lower: lower, upper: upper))
        }
        return ranges
    }
}
