import Foundation
import Testing
@testable import MaskRCNN

@Suite struct BoxCoderTests {
    struct Case: Decodable {
        let weights: [Double]; let sources: [Double]; let targets: [Double]
        let encoded: [Double]; let deltas: [Double]; let decoded: [Double]
    }

    @Test func matchesDetectron2RulesInTorch() throws {
        for c in try DetectorFixture<Case>.load("box_coder.json") {
            let coder = BoxCoder(weights: c.weights)
            let sources = boxes(c.sources)
            let encoded = zip(boxes(c.targets), sources).map { coder.encode($0, relativeTo: $1) }
            let expectedEncoded = deltas(c.encoded)
            for (e, x) in zip(encoded, expectedEncoded) {
                #expect(close(e.dx, x.dx) && close(e.dy, x.dy) && close(e.dw, x.dw) && close(e.dh, x.dh), "\(e) vs \(x)")
            }
            let decoded = zip(deltas(c.deltas), sources).map { coder.decode($0, relativeTo: $1) }
            for (d, x) in zip(flat(decoded), c.decoded.map { Float($0) }) {
                #expect(close(d, x, ulps: 8), "\(d) vs \(x)")
            }
        }
    }

    @Test func roundTripRecoversTheTarget() {
        let coder = BoxCoder(weights: [10, 10, 5, 5])
        let reference = Box(x1: 12.5, y1: 40, x2: 60, y2: 71)
        for target in [Box(x1: 10, y1: 38, x2: 66, y2: 90), Box(x1: 30, y1: 50, x2: 31, y2: 52), reference] {
            let decoded = coder.decode(coder.encode(target, relativeTo: reference), relativeTo: reference)
            for (d, t) in zip(flat([decoded]), flat([target])) { #expect(abs(d - t) < 1e-4, "\(decoded) vs \(target)") }
        }
    }

    @Test func clampsWidthAndHeightDeltas() {
        let coder = BoxCoder(weights: [1, 1, 1, 1])
        let reference = Box(x1: 0, y1: 0, x2: 16, y2: 16)
        let huge = coder.decode(BoxDelta(dx: 0, dy: 0, dw: 100, dh: 100), relativeTo: reference)
        #expect(huge.isFinite)
        #expect(abs(huge.width - 1000) < 0.01 && abs(huge.height - 1000) < 0.01)
        #expect(BoxCoder.defaultScaleClamp == Float(log(1000.0 / 16)))
    }
}
