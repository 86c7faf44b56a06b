// detector-bench: prints one JSON line per timed piece at R10-FPN@256 sizes: {"name": ..., "median_ms": ..., "min_ms": ...}.
// Random RPN outputs stand in for an untrained network (little suppression, as at the start of training).
import Foundation
import MaskRCNN
import Tensor

/// Runs `body` `repetitions` times and prints the median and minimum wall time.
func measure(_ name: String, repetitions: Int = 30, _ body: () throws -> Void) rethrows {
    var samples: [Double] = []
    for _ in 0..<repetitions {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
    }
    samples.sort()
    print(#"{"name": "\#(name)", "median_ms": \#(samples[repetitions / 2]), "min_ms": \#(samples[0])}"#)
}

let config = ModelConfig.r10FPN256
var generator = SeededGenerator(seed: 1)  // fixed, so every run times the same inputs
let size = ImageSize(height: 256, width: 256)
let anchorGenerator = AnchorGenerator(config: config.anchors, strides: config.features.strides)
let levels = anchorGenerator.anchors(gridSizes: config.features.strides.map { ImageSize(height: 256 / $0, width: 256 / $0) })
let anchors = levels.flatMap { $0 }
let groundTruth = (0..<6).map { _ -> Box in
    let x = Float.random(in: 0..<200, using: &generator), y = Float.random(in: 0..<200, using: &generator)
    return Box(x1: x, y1: y, x2: x + Float.random(in: 12..<56, using: &generator), y2: y + Float.random(in: 12..<56, using: &generator))
}
func randomDelta(_ scale: Float, using generator: inout SeededGenerator) -> BoxDelta {
    BoxDelta(dx: Float.random(in: -scale..<scale, using: &generator), dy: Float.random(in: -scale..<scale, using: &generator),
             dw: Float.random(in: -scale..<scale, using: &generator), dh: Float.random(in: -scale..<scale, using: &generator))
}
let outputs = levels.map { level in
    RPNLevelOutput(anchors: level, objectnessLogits: level.map { _ in Float.random(in: -3..<3, using: &generator) },
                   deltas: level.map { _ in randomDelta(0.3, using: &generator) })
}

let assigner = RPNLabelAssigner(config: config.rpn)
measure("rpn_label_assignment") { _ = assigner.assign(anchors: anchors, groundTruth: groundTruth, imageSize: size, using: &generator) }
measure("top_k_1000_of_12288") { _ = NonMaximumSuppression.topK(outputs[0].objectnessLogits, 1000) }
let top = NonMaximumSuppression.topK(outputs[0].objectnessLogits, 1000)
let rpnCoder = BoxCoder(weights: config.rpn.boxCodingWeights)
let topBoxes = top.map { rpnCoder.decode(outputs[0].deltas[$0], relativeTo: outputs[0].anchors[$0]).clipped(toWidth: 256, height: 256) }
measure("nms_1000") { _ = NonMaximumSuppression.keep(boxes: topBoxes, scores: top.map { outputs[0].objectnessLogits[$0] }, threshold: 0.7) }
var proposals = Proposals(boxes: [], objectnessLogits: [])
try measure("proposals_train") { proposals = try ProposalSelector(config: config.rpn, training: true).select(outputs, imageSize: size) }
var testProposals = Proposals(boxes: [], objectnessLogits: [])
try measure("proposals_test") { testProposals = try ProposalSelector(config: config.rpn, training: false).select(outputs, imageSize: size) }
let sampler = RoISampler(config: config.roiHeads)
measure("roi_sampling") {
    _ = sampler.sample(proposals: proposals.boxes, groundTruth: groundTruth, groundTruthLabels: [1, 2, 3, 4, 1, 2], using: &generator)
}
let classCount = config.roiHeads.numClasses
var probabilities: [Float] = []
for _ in testProposals.boxes {
    let exponentials = (0...classCount).map { _ in exp(Float.random(in: -1..<1, using: &generator)) }
    let sum = exponentials.reduce(0, +)
    probabilities += exponentials.map { $0 / sum }
}
let boxDeltas = (0..<(testProposals.boxes.count * classCount)).map { _ in randomDelta(0.5, using: &generator) }
let selector = DetectionSelector(inference: config.inference, roiHeads: config.roiHeads)
measure("detections_\(testProposals.boxes.count)_rois") {
    _ = selector.select(proposals: testProposals.boxes, probabilities: probabilities, deltas: boxDeltas, imageSize: size)
}
