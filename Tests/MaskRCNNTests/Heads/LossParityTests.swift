import Foundation
@testable import MaskRCNN
import Tensor
import TestSupport
import Testing

/// The mask (sigmoid vs softmax, class-specific vs agnostic) and keypoint losses against
/// PyTorch's values and gradients (scripts/make_model_fixtures.py).
struct LossParityTests {
    struct MaskCase: Decodable {
        let loss: String
        let class_specific: Bool
        let shape: [Int]
        let labels: [Int]
        let targets: [UInt8]
        let logits: [Float]
        let value: Float
        let gradient: [Float]
    }
    struct KeypointCase: Decodable {
        let shape: [Int]
        let logits: [Float]
        let targets: [Int?]
        let value: Float
        let gradient: [Float]
    }
    struct File: Decodable {
        let mask: [MaskCase]
        let keypoint: KeypointCase
    }

    static let file: File = try! JSONDecoder().decode(File.self, from: Fixtures.data("model/losses.json"))

    func expectClose(_ a: [Float], _ b: [Float], tolerance: Float = 1e-5) {
        #expect(a.count == b.count)
        let worst = zip(a, b).map { abs($0 - $1) / max(1, abs($1)) }.max() ?? 0
        #expect(worst <= tolerance, "largest relative difference \(worst)")
    }

    @Test(arguments: 0..<4) func maskLoss(index: Int) throws {
        let fixture = Self.file.mask[index]
        let plane = fixture.shape[2] * fixture.shape[3]
        let targets = fixture.labels.indices.map { roi in
            try! ImageMask(height: fixture.shape[2], width: fixture.shape[3],
                           values: Array(fixture.targets[(roi * plane)..<((roi + 1) * plane)]))
        }
        let logits = Tensor(shape: fixture.shape, scalars: fixture.logits).requiringGradient()
        let loss = MaskLoss.loss(logits: logits, targets: targets, labels: fixture.labels,
                                 kind: fixture.loss == "sigmoid" ? .sigmoid : .softmax, classSpecific: fixture.class_specific)
        expectClose([loss.scalar], [fixture.value])
        loss.backward()
        expectClose(try #require(logits.grad).scalars, fixture.gradient)
    }

    @Test func keypointLoss() throws {
        let fixture = Self.file.keypoint
        let logits = Tensor(shape: fixture.shape, scalars: fixture.logits).requiringGradient()
        let k = fixture.shape[1]
        let targets = (0..<fixture.shape[0]).map { Array(fixture.targets[($0 * k)..<(($0 + 1) * k)]) }
        let loss = KeypointLoss.loss(logits: logits, targets: targets, normalization: .visibleKeypoints, expectedCount: 1)
        expectClose([loss.scalar], [fixture.value])
        loss.backward()
        expectClose(try #require(logits.grad).scalars, fixture.gradient)
    }
}
