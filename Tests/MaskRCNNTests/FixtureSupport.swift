import Foundation
import MaskRCNN
import TestSupport

/// A detector fixture file written by scripts/make_detector_fixtures.py.
struct DetectorFixture<Case: Decodable>: Decodable {
    let generator: String
    let cases: [Case]

    static func load(_ name: String) throws -> [Case] {
        try JSONDecoder().decode(Self.self, from: Fixtures.data("detector/\(name)")).cases
    }
}

/// Boxes from a flat `[x1, y1, x2, y2, ...]` list (float32 values stored as JSON doubles).
func boxes(_ flat: [Double]) -> [Box] {
    stride(from: 0, to: flat.count, by: 4).map {
        Box(x1: Float(flat[$0]), y1: Float(flat[$0 + 1]), x2: Float(flat[$0 + 2]), y2: Float(flat[$0 + 3]))
    }
}

/// Deltas from a flat `[dx, dy, dw, dh, ...]` list.
func deltas(_ flat: [Double]) -> [BoxDelta] {
    stride(from: 0, to: flat.count, by: 4).map {
        BoxDelta(dx: Float(flat[$0]), dy: Float(flat[$0 + 1]), dw: Float(flat[$0 + 2]), dh: Float(flat[$0 + 3]))
    }
}

/// The four coordinates of each box, flattened.
func flat(_ boxes: [Box]) -> [Float] { boxes.flatMap { [$0.x1, $0.y1, $0.x2, $0.y2] } }

/// Whether two Float32 values agree within `ulps` units in the last place (the transcendental
/// functions of glibc and PyTorch's SLEEF may differ by one ulp).
func close(_ a: Float, _ b: Float, ulps: Float = 4) -> Bool {
    abs(a - b) <= ulps * max(a.ulp, b.ulp, Float.leastNormalMagnitude)
}

/// A small seeded generator (SplitMix64) so sampling tests are reproducible.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
