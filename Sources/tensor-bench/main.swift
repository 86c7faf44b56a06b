// tensor-bench: times the Tensor library's reference shapes against the sgemm ceiling measured in
// the same run. stdout: one row per shape, then `worst-fraction-of-ceiling: F`.
// Usage: tensor-bench [--threads N] [--repeats R] [--json PATH] [--plain-layouts]
@_spi(Benchmarks) import Tensor
import Dispatch
import Foundation

/// One timed shape.
struct Row: Codable {
    var name: String
    var milliseconds: Double
    var gigaflopsPerSecond: Double
    var fractionOfCeiling: Double
}

/// What `--json` writes, for scripts/bench_torch_prims.py.
struct Report: Codable {
    var threads: Int
    var sgemmGigaflopsPerSecond: Double
    var rows: [Row]
    var interplay: [String: Double]
}

let arguments = Array(CommandLine.arguments.dropFirst())
@MainActor func option(_ name: String) -> String? {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}
if let threads = option("--threads").flatMap(Int.init) { ComputeThreads.count = threads }
let repeats = option("--repeats").flatMap(Int.init) ?? 15
if arguments.contains("--plain-layouts") { BenchmarkKernels.useBlockedConvolutionLayouts(false) }

/// The median wall time of `repeats` runs of `body` after two warm-up runs, in seconds.
@MainActor func medianSeconds(_ body: () -> Void) -> Double {
    body(); body()
    var times: [Double] = []
    for _ in 0..<repeats {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return times.sorted()[times.count / 2]
}

var generator = SeededGenerator(seed: 1)
@MainActor func random(_ shape: [Int]) -> Tensor { Tensor.randomNormal(shape: shape, standardDeviation: 1, generator: &generator) }

let ceilingSeconds = BenchmarkKernels.timeSquareMatrixProduct(size: 2048, repeats: 5)
let ceiling = 2 * pow(2048.0, 3) / ceilingSeconds / 1e9

/// Convolution FLOPs of one forward pass (2 per multiply-add).
func convolutionFlops(_ input: [Int], _ weight: [Int], stride: Int, padding: Int) -> Double {
    let outputHeight = (input[2] + 2 * padding - weight[2]) / stride + 1
    let outputWidth = (input[3] + 2 * padding - weight[3]) / stride + 1
    return 2.0 * Double(input[0] * weight[0] * outputHeight * outputWidth * weight[1] * weight[2] * weight[3])
}

var rows: [Row] = []
@MainActor func record(_ name: String, flops: Double, seconds: Double) {
    let rate = flops / seconds / 1e9
    rows.append(Row(name: name, milliseconds: seconds * 1e3, gigaflopsPerSecond: rate, fractionOfCeiling: rate / ceiling))
}

/// Times forward (inference, no graph) or forward + backward for input, weight and bias gradients.
@MainActor func benchConvolution(_ name: String, input: [Int], weight: [Int], stride: Int, padding: Int, backward: Bool) {
    let x = random(input), w = random(weight), b = random([weight[0]])
    let flops = convolutionFlops(input, weight, stride: stride, padding: padding)
    if !backward {
        let seconds = medianSeconds { _ = noGrad { x.convolved(with: w, bias: b, stride: stride, padding: padding) } }
        record(name, flops: flops, seconds: seconds)
        return
    }
    let xs = x.requiringGradient(), ws = w.requiringGradient(), bs = b.requiringGradient()
    let upstream = noGrad { random(x.convolved(with: w, bias: b, stride: stride, padding: padding).shape) }
    let seconds = medianSeconds {
        xs.clearGradient(); ws.clearGradient(); bs.clearGradient()
        xs.convolved(with: ws, bias: bs, stride: stride, padding: padding).backward(gradient: upstream)
    }
    record(name, flops: 3 * flops, seconds: seconds)
}

@MainActor func benchLinear(_ name: String, rows count: Int, inputs: Int, outputs: Int, backward: Bool) {
    let x = random([count, inputs]), w = random([outputs, inputs]), b = random([outputs])
    let flops = 2.0 * Double(count * inputs * outputs)
    if !backward {
        record(name, flops: flops, seconds: medianSeconds { _ = noGrad { x.linear(weight: w, bias: b) } })
        return
    }
    let xs = x.requiringGradient(), ws = w.requiringGradient(), bs = b.requiringGradient()
    let upstream = random([count, outputs])
    let seconds = medianSeconds {
        xs.clearGradient(); ws.clearGradient(); bs.clearGradient()
        xs.linear(weight: ws, bias: bs).backward(gradient: upstream)
    }
    record(name, flops: 3 * flops, seconds: seconds)
}

benchConvolution("conv3x3 64->64 (2,64,64,64) fwd", input: [2, 64, 64, 64], weight: [64, 64, 3, 3], stride: 1, padding: 1, backward: false)
benchConvolution("conv3x3 64->64 (2,64,64,64) fwd+bwd", input: [2, 64, 64, 64], weight: [64, 64, 3, 3], stride: 1, padding: 1, backward: true)
benchConvolution("conv7x7/2 3->32 (2,3,256,256) fwd+bwd", input: [2, 3, 256, 256], weight: [32, 3, 7, 7], stride: 2, padding: 3, backward: true)
benchConvolution("conv3x3 64->64 (50,64,14,14) fwd+bwd", input: [50, 64, 14, 14], weight: [64, 64, 3, 3], stride: 1, padding: 1, backward: true)
benchLinear("linear 3136->256 (256 rows) fwd", rows: 256, inputs: 3136, outputs: 256, backward: false)
benchLinear("linear 3136->256 (256 rows) fwd+bwd", rows: 256, inputs: 3136, outputs: 256, backward: true)

// Thread interplay: an element-wise Dispatch loop alone, and right after a oneDNN convolution
// (whose OpenMP workers may still be spinning).
let activations = random([2, 64, 64, 64]), convolutionInput = random([2, 64, 64, 64]), kernel = random([64, 64, 3, 3])
let reluAlone = medianSeconds { _ = noGrad { activations.relu() } }
var reluAfterConvolution: [Double] = []
_ = medianSeconds {
    _ = noGrad { convolutionInput.convolved(with: kernel, padding: 1) }
    let start = DispatchTime.now().uptimeNanoseconds
    _ = noGrad { activations.relu() }
    reluAfterConvolution.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
}
let reluAfter = reluAfterConvolution.sorted()[reluAfterConvolution.count / 2]

print("threads: \(ComputeThreads.count)")
print(String(format: "sgemm 2048^3 ceiling: %.1f GFLOP/s (%.2f ms)", ceiling, ceilingSeconds * 1e3))
print("shape".padding(toLength: 42, withPad: " ", startingAt: 0) + "      ms   GFLOP/s  fraction")
for row in rows {
    print(row.name.padding(toLength: 42, withPad: " ", startingAt: 0)
          + String(format: "%8.3f  %8.1f  %8.3f", row.milliseconds, row.gigaflopsPerSecond, row.fractionOfCeiling))
}
print(String(format: "relu (2,64,64,64) alone: %.3f ms; right after a oneDNN conv: %.3f ms", reluAlone * 1e3, reluAfter * 1e3))
if let path = option("--json") {
    let report = Report(threads: ComputeThreads.count, sgemmGigaflopsPerSecond: ceiling, rows: rows,
                        interplay: ["reluAloneMilliseconds": reluAlone * 1e3, "reluAfterConvolutionMilliseconds": reluAfter * 1e3])
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    do { try encoder.encode(report).write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
        FileHandle.standardError.write(Data("tensor-bench: cannot write \(path): \(error)\n".utf8))
        exit(2)
    }
}
print(String(format: "worst-fraction-of-ceiling: %.3f", rows.map(\.fractionOfCeiling).min() ?? 0))
