import Foundation
import MaskRCNN
import Tensor

// Seconds per training step and per inference image of `R10-FPN@256` (box-only and with
// masks), on random images with 6 random ellipse objects each, as the torch reference script
// measures. Release build only: `make bench-train`.
//
// Usage: train-bench [--steps N] [--warmup N] [--preset r10fpn|c4] [--size PX] [--config OVERRIDE.json]
// `--config` applies a JSON override (snake_case fields) over the preset, e.g. to size the
// Table 2c preset: `{"backbone": {"stage_widths": [16, 32, 64, 128]}, "roi_heads": {"rois_per_image": 32}}`.

let arguments = Array(CommandLine.arguments.dropFirst())
@MainActor func option(_ name: String, _ fallback: Int) -> Int {
    guard let index = arguments.firstIndex(of: name), arguments.index(after: index) < arguments.endIndex,
          let value = Int(arguments[arguments.index(after: index)]), value > 0 else { return fallback }
    return value
}
@MainActor func stringOption(_ name: String, _ fallback: String) -> String {
    guard let index = arguments.firstIndex(of: name), arguments.index(after: index) < arguments.endIndex else { return fallback }
    return arguments[arguments.index(after: index)]
}
let steps = option("--steps", 10), warmup = option("--warmup", 2)
let preset = stringOption("--preset", "r10fpn")
let size = option("--size", 256)

/// Random pixels and six random filled ellipses per image (class, box, mask).
@MainActor func randomExamples(count: Int, size: Int, classes: Int, seed: UInt64) -> [TrainingExample] {
    var generator = SeededGenerator(seed: seed)
    return (0..<count).map { _ in
        let pixels = (0..<(3 * size * size)).map { _ in generator.nextUniform() * 2 - 1 }
        let instances = (0..<6).map { _ -> GroundTruthInstance in
            let w = Float(size) * (0.1 + 0.3 * generator.nextUniform()), h = Float(size) * (0.1 + 0.3 * generator.nextUniform())
            let x1 = generator.nextUniform() * (Float(size) - w), y1 = generator.nextUniform() * (Float(size) - h)
            var values = [UInt8](repeating: 0, count: size * size)
            for y in 0..<size {
                for x in 0..<size {
                    let u = (Float(x) + 0.5 - x1 - w / 2) / (w / 2), v = (Float(y) + 0.5 - y1 - h / 2) / (h / 2)
                    if u * u + v * v <= 1 { values[y * size + x] = 1 }
                }
            }
            let mask = try! ImageMask(height: size, width: size, values: values)
            return GroundTruthInstance(box: Box(x1: x1, y1: y1, x2: x1 + w, y2: y1 + h),
                                       label: 1 + Int(generator.next() % UInt64(classes)), mask: mask)
        }
        return TrainingExample(image: Tensor(shape: [3, size, size], scalars: pixels), instances: instances)
    }
}

@MainActor func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

@MainActor func measure(name: String, config: ModelConfig) throws {
    let examples = randomExamples(count: 2 * (steps + warmup), size: size, classes: config.roiHeads.numClasses, seed: 7)
    let trainer = try Trainer(config: config, examples: examples)
    trainer.logPeriod = Int.max
    var stepTimes: [Double] = []
    for index in 0..<(steps + warmup) {
        let start = Date()
        try trainer.step()
        if index >= warmup { stepTimes.append(Date().timeIntervalSince(start)) }
    }
    // Inference with freshly initialised weights: near-uniform scores, so 100 detections per image.
    let model = try MaskRCNNModel(config: config)
    var inferenceTimes: [Double] = []
    var detections = 0
    for index in 0..<(steps + warmup) {
        let batch = [examples[2 * index].image, examples[2 * index + 1].image]
        let start = Date()
        let predictions = try model.predict(batch)
        if index >= warmup {
            inferenceTimes.append(Date().timeIntervalSince(start) / 2)
            detections += predictions.reduce(0) { $0 + $1.detections.count }
        }
    }
    print(String(format: "%@ train_step_s %.4f infer_image_s %.4f detections_per_image %.1f",
                 name, median(stepTimes), median(inferenceTimes), Double(detections) / Double(2 * steps)))
}

/// The preset with the `--config` override applied, if any.
@MainActor func configured(_ base: ModelConfig) throws -> ModelConfig {
    let path = stringOption("--config", "")
    guard !path.isEmpty else { return base }
    return try ModelConfig.decode(Data(contentsOf: URL(fileURLWithPath: path)), over: base, file: path)
}

do {
    switch preset {
    case "c4":
        var config = try configured(ModelConfig.c4)
        config.input = InputConfig(shorterSide: size, maxSize: size)
        try measure(name: "C4@\(size)", config: config)
        config.maskHead.kind = .none
        try measure(name: "C4@\(size)-box", config: config)
    default:
        let reference = try configured(ModelConfig.r10FPN256)
        var boxOnly = reference
        boxOnly.maskHead.kind = .none
        try measure(name: "R10-FPN@256-box", config: boxOnly)
        try measure(name: "R10-FPN@256-mask", config: reference)
    }
} catch {
    FileHandle.standardError.write(Data("train-bench: \(error)\n".utf8))
    exit(2)
}
