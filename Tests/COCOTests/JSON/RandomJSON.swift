import Foundation
@testable import COCO

/// SplitMix64: a small seeded generator so generated files are the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Writes random but valid COCO JSON text by hand, in the spellings real files use and a few
/// they rarely do (exponents, negative zero, escapes, surrogate pairs, odd whitespace,
/// unknown keys), so the reader can be compared with Foundation's parse of the same bytes.
struct RandomJSON {
    var rng: SeededGenerator

    init(seed: UInt64) { rng = SeededGenerator(seed: seed) }

    mutating func space() -> String { ["", " ", "\n  ", "\t", "\r\n"][Int.random(in: 0..<5, using: &rng)] }

    /// A double in one of many spellings; `nonNegative` for widths and heights.
    mutating func number(nonNegative: Bool = false) -> String {
        let sign = !nonNegative && Bool.random(using: &rng) ? "-" : ""
        switch Int.random(in: 0..<12, using: &rng) {
        case 0: return sign + "0"
        case 1: return sign + "0.0"
        case 2: return sign + "\(Int.random(in: 0...100_000, using: &rng))"
        case 3: return sign + "\(Double.random(in: 0..<1000, using: &rng))"
        case 4: return sign + "\(Int.random(in: 1...999, using: &rng))e\(Int.random(in: -30...30, using: &rng))"
        case 5: return sign + "\(Int.random(in: 1...9, using: &rng)).\(Int.random(in: 0...99999, using: &rng))E+\(Int.random(in: 0...300, using: &rng))"
        case 6: return sign + "0.\(String(repeating: "0", count: Int.random(in: 0...5, using: &rng)))\(UInt64.random(in: 1...UInt64.max, using: &rng))"
        case 7: return sign + "\(UInt64.random(in: 1...UInt64.max, using: &rng))\(UInt64.random(in: 0...UInt64.max, using: &rng)).5"
        case 8: return sign + "4.9406564584124654e-324"
        case 9: return sign + "1.7976931348623157e308"
        case 10: return sign + "0.\(UInt64.random(in: 0...UInt64.max, using: &rng))e-\(Int.random(in: 0...320, using: &rng))"
        default: return sign + String(Double(Float.random(in: 0..<640, using: &rng)))
        }
    }

    mutating func integer() -> String {
        switch Int.random(in: 0..<4, using: &rng) {
        case 0: return "\(Int.random(in: Int.min...Int.max, using: &rng))"
        case 1: return "\(Int.max)"
        default: return "\(Int.random(in: 0...1_000_000, using: &rng))"
        }
    }

    mutating func string() -> String {
        let pieces = ["abc", "\\\"", "\\\\", "\\/", "\\n", "\\t", "\\u00e9", "\\ud83d\\ude00", "é", "日本", "😀", " ", "\\u0000", "\\b\\f\\r"]
        return "\"" + (0..<Int.random(in: 0...5, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined() + "\""
    }

    mutating func array(_ count: Int, _ element: (inout RandomJSON) -> String) -> String {
        "[" + (0..<count).map { _ in space() + element(&self) + space() }.joined(separator: ",") + "]"
    }

    mutating func object(_ members: [(String, String)]) -> String {
        var members = members
        if Bool.random(using: &rng) {
            members.append(("unknown_\(Int.random(in: 0...9, using: &rng))",
                            "{\"a\": [1, {\"b\": null}, true, false, \(string())], \"c\": -1.5e3}"))
        }
        members.shuffle(using: &rng)
        return "{" + members.map { "\(space())\"\($0.0)\"\(space()):\(space())\($0.1)" }.joined(separator: ",") + space() + "}"
    }

    /// Optional member: absent, null or present.
    mutating func optional(_ key: String, _ value: String, into members: inout [(String, String)]) {
        switch Int.random(in: 0..<3, using: &rng) {
        case 0: break
        case 1: members.append((key, "null"))
        default: members.append((key, value))
        }
    }

    mutating func box() -> String { "[\(number()),\(number()),\(number(nonNegative: true)),\(number(nonNegative: true))]" }

    mutating func segmentation() -> String {
        switch Int.random(in: 0..<4, using: &rng) {
        case 0:
            return array(Int.random(in: 1...3, using: &rng)) { r in r.array(2 * Int.random(in: 3...6, using: &r.rng)) { $0.number() } }
        case 1:
            return "[" + (0..<Int.random(in: 1...2, using: &rng)).map { _ in "[\(number()),\(number()),\(number(nonNegative: true)),\(number(nonNegative: true))]" }.joined(separator: ",") + "]"
        default:
            let h = Int.random(in: 0...40, using: &rng), w = Int.random(in: 0...40, using: &rng)
            var counts: [UInt32] = []
            var left = h * w
            while left > 0 {
                let run = Int.random(in: 0...left, using: &rng)
                counts.append(UInt32(run))
                left -= run
            }
            if counts.isEmpty { counts = [0] }
            let size = "[\(h),\(w)]"
            if Bool.random(using: &rng) {
                let text = RLE(height: h, width: w, counts: counts).compressedCounts.replacingOccurrences(of: "\\", with: "\\\\")
                return object([("size", size), ("counts", "\"\(text)\"")])
            }
            return object([("size", size), ("counts", "[" + counts.map(String.init).joined(separator: ",") + "]")])
        }
    }

    mutating func keypoints() -> String { array(3 * Int.random(in: 0...17, using: &rng)) { $0.number() } }

    mutating func result() -> String {
        var members = [("image_id", integer()), ("category_id", integer()), ("score", number())]
        switch Int.random(in: 0..<3, using: &rng) {
        case 0: members.append(("bbox", box()))
        case 1: members.append(("segmentation", segmentation()))
        default: members.append(("keypoints", keypoints()))
        }
        return object(members)
    }

    mutating func results(count: Int) -> String { space() + array(count) { $0.result() } + space() }

    mutating func dataset() -> String {
        let images = array(Int.random(in: 0...6, using: &rng)) { r in
            var members = [("id", r.integer()), ("width", "\(Int.random(in: 0...2000, using: &r.rng))"),
                           ("height", "\(Int.random(in: 0...2000, using: &r.rng))")]
            r.optional("file_name", r.string(), into: &members)
            r.optional("license", r.integer(), into: &members)
            return r.object(members)
        }
        let annotations = array(Int.random(in: 0...12, using: &rng)) { r in
            var members = [("id", r.integer()), ("image_id", r.integer()), ("category_id", r.integer())]
            r.optional("segmentation", r.segmentation(), into: &members)
            r.optional("area", r.number(nonNegative: true), into: &members)
            r.optional("bbox", r.box(), into: &members)
            r.optional("iscrowd", "\(Int.random(in: 0...1, using: &r.rng))", into: &members)
            r.optional("ignore", "\(Int.random(in: 0...1, using: &r.rng))", into: &members)
            r.optional("keypoints", r.keypoints(), into: &members)
            r.optional("num_keypoints", "\(Int.random(in: 0...17, using: &r.rng))", into: &members)
            return r.object(members)
        }
        let categories = array(Int.random(in: 0...4, using: &rng)) { r in
            var members = [("id", r.integer()), ("name", r.string())]
            r.optional("supercategory", r.string(), into: &members)
            r.optional("keypoints", r.array(Int.random(in: 0...4, using: &r.rng)) { $0.string() }, into: &members)
            r.optional("skeleton", r.array(Int.random(in: 0...4, using: &r.rng)) { "[\(Int.random(in: 1...17, using: &$0.rng)),\(Int.random(in: 1...17, using: &$0.rng))]" }, into: &members)
            return r.object(members)
        }
        var members = [("images", images), ("annotations", annotations), ("categories", categories)]
        optional("info", object([("description", string()), ("year", "2017"), ("date_created", string())]), into: &members)
        optional("licenses", array(Int.random(in: 0...2, using: &rng)) { r in r.object([("id", r.integer()), ("name", r.string())]) }, into: &members)
        return space() + object(members) + space()
    }
}
