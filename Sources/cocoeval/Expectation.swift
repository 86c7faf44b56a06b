import COCO
import Foundation

/// `--expect FILE`: the stats of a committed `--json` file, compared with a fresh run.
struct Expectation: Decodable {
    var stats: [Double]

    static func load(_ path: String) throws(InputError) -> Expectation {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw InputError(file: path, message: "cannot read the file")
        }
        guard let expectation = try? JSONDecoder().decode(Expectation.self, from: data) else {
            throw InputError(file: path, field: "stats", message: "expected a --json file with a \"stats\" array of numbers")
        }
        return expectation
    }

    /// The readable table of statistics that fell more than `tolerance` below, or nil if none did.
    func compare(_ measured: [Double], names: [String], tolerance: Double, file: String) throws(InputError) -> String? {
        guard measured.count == stats.count else {
            throw InputError(file: file, field: "stats",
                             message: "has \(stats.count) values; this evaluation gives \(measured.count) (another iou type?)")
        }
        let failing = measured.indices.filter { measured[$0] < stats[$0] - tolerance }
        guard !failing.isEmpty else { return nil }
        var table = "cocoeval: \(failing.count) of \(stats.count) stats fell more than \(tolerance) below \(file):\n"
        table += "  stat     expected   measured     change\n"
        for index in failing {
            let name = index < names.count ? names[index] : "stats[\(index)]"
            table += "  " + name.padding(toLength: 6, withPad: " ", startingAt: 0)
                + String(format: " %10.4f %10.4f %+10.4f\n", stats[index], measured[index], measured[index] - stats[index])
        }
        return table
    }
}
