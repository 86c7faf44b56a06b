// tensor-bench: times the Tensor library's reference shapes against the sgemm ceiling measured in
// the same run. stdout: one row per shape, then `worst-fraction-of-ceiling: F`.
// Usage: tensor-bench [--threads N] [--repeats R] [--json PATH] [--plain-layouts] [--compare-layouts]
//                     [--cpu-time (with --threads 1)]
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
// --cpu-time: time by this thread's CPU clock, which on a loaded machine excludes the time other
// processes hold the core. Only meaningful with one thread (oneDNN then runs on this thread).
let usesCPUTime = arguments.contains("--cpu-time")
if usesCPUTime && ComputeThreads.count != 1 {
    FileHandle.standardError.write(Data("tensor-bench: --cpu-time needs --threads 1\n".utf8))
    exit(2)
}

/// The current time in seconds on the chosen clock.
func now() -> Double {
    if usesCPUTime {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
    return Double(DispatchTime.now().uptimeNanoseconds) / 1e9
}

/// The fastest wall time of `repeats` runs of `body` after two warm-up runs, in seconds: on a
/// shared machine the minimum is the figure least disturbed by other processes.
@MainActor func fastestSeconds(_ body: () -> Void) -> Double {
    body(); body()
    var times: [Double] = []
    for _ in 0..<repeats {
        let start = now()
        body()
        times.append(now() - start)
    }
    return times.min()!
}

var generator = SeededGenerator(seed: 1)
@MainActor func random(_ shape: [Int]) -> Tensor { Tensor.randomNormal(shape: shape, standardDeviation: 1, generator: &generator) }

let ceilingSeconds = BenchmarkKernels.timeSquareMatrixProduct(size: 2048, repeats: 5, clock: now)
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

/// Times forward (inference, no graph) or forward + backward for the weight and bias gradients and,
/// unless the input is data (a network's stem sees the image, whose gradient nobody needs), the
/// input gradient.
@MainActor func benchConvolution(_ name: String, input: [Int], weight: [Int], stride: Int, padding: Int, backward: Bool,
                                 inputIsData: Bool = false) {
    let x = random(input), w = random(weight), b = random([weight[0]])
    let flops = convolutionFlops(input, weight, stride: stride, padding: padding)
    if !backward {
        let seconds = fastestSeconds { _ = noGrad { x.convolved(with: w, bias: b, stride: stride, padding: padding) } }
        record(name, flops: flops, seconds: seconds)
        return
    }
    let xs = inputIsData ? x : x.requiringGradient(), ws = w.requiringGradient(), bs = b.requiringGradient()
    let upstream = noGrad { random(x.convolved(with: w, bias: b, stride: stride, padding: padding).shape) }
    let seconds = fastestSeconds {
        if !inputIsData { xs.clearGradient() }
        ws.clearGradient(); bs.clearGradient()
        xs.convolved(with: ws, bias: bs, stride: stride, padding: padding).backward(gradient: upstream)
    }
    record(name, flops: (inputIsData ? 2 : 3) * flops, seconds: seconds)
}

@MainActor func benchLinear(_ name: String, rows count: Int, inputs: Int, outputs: Int, backward: Bool) {
    let x = random([count, inputs]), w = random([outputs, inputs]), b = random([outputs])
    let flops = 2.0 * Double(count * inputs * outputs)
    if !backward {
        record(name, flops: flops, seconds: fastestSeconds { _ = noGrad { x.linear(weight: w, bias: b) } })
        return
    }
    let xs = x.requiringGradient(), ws = w.requiringGradient(), bs = b.requiringGradient()
    let upstream = random([count, outputs])
    let seconds = fastestSeconds {
        xs.clearGradient(); ws.clearGradient(); bs.clearGradient()
        xs.linear(weight: ws, bias: bs).backward(gradient: upstream)
    }
    record(name, flops: 3 * flops, seconds: seconds)
}

benchConvolution("conv3x3 64->64 (2,64,64,64) fwd", input: [2, 64, 64, 64], weight: [64, 64, 3, 3], stride: 1, padding: 1, backward: false)
benchConvolution("conv3x3 64->64 (2,64,64,64) fwd+bwd", input: [2, 64, 64, 64], weight: [64, 64, 3, 3], stride: 1, padding: 1, backward: true)
benchConvolution("conv7x7/2 3->32 (2,3,256,256) fwd+bwd, image input", input: [2, 3, 256, 256], weight: [32, 3, 7, 7], stride: 2, padding: 3, backward: true,
                 inputIsData: true)
benchConvolution("conv3x3 64->64 (50,64,14,14) fwd+bwd", input: [50, 64, 14, 14], weight: [64, 64, 3, 3], stride: 1, padding: 1, backward: true)
benchLinear("linear 3136->256 (256 rows) fwd", rows: 256, inputs: 3136, outputs: 256, backward: false)
benchLinear("linear 3136->256 (256 rows) fwd+bwd", rows: 256, inputs: 3136, outputs: 256, backward: true)

// Thread interplay: an element-wise Dispatch loop alone, and right after a oneDNN convolution
// (whose OpenMP workers may still be spinning).
let activations = random([2, 64, 64, 64]), convolutionInput = random([2, 64, 64, 64]), kernel = random([64, 64, 3, 3])
/// relu's fastest time alone and right after a convolution, with element-wise loops on `threads`.
@MainActor func reluTimes(threads: Int) -> (alone: Double, afterConvolution: Double) {
    let saved = ComputeThreads.count
    defer { ComputeThreads.count = saved }
    var afterConvolution: [Double] = []
    let alone = fastestSeconds { ComputeThreads.count = threads; _ = noGrad { activations.relu() } }
    _ = fastestSeconds {
        ComputeThreads.count = saved
        _ = noGrad { convolutionInput.convolved(with: kernel, padding: 1) }
        ComputeThreads.count = threads
        let start = now()
        _ = noGrad { activations.relu() }
        afterConvolution.append(now() - start)
    }
    return (alone, afterConvolution.min()!)
}
let (reluAlone, reluAfter) = reluTimes(threads: ComputeThreads.count)
let (reluAloneSingle, reluAfterSingle) = reluTimes(threads: 1)

// Blocked (oneDNN's choice) against plain NCHW layouts, alternating so load hits both alike.
var layoutComparison: [String: Double] = [:]
if arguments.contains("--compare-layouts") {
    let x = random([2, 64, 64, 64]).requiringGradient(), w = random([64, 64, 3, 3]).requiringGradient()
    let upstream = random([2, 64, 64, 64])
    for _ in 0..<3 {
        for blocked in [true, false] {
            BenchmarkKernels.useBlockedConvolutionLayouts(blocked)
            let forward = fastestSeconds { _ = noGrad { x.convolved(with: w, padding: 1) } }
            let both = fastestSeconds { x.clearGradient(); w.clearGradient(); x.convolved(with: w, padding: 1).backward(gradient: upstream) }
            let name = blocked ? "blocked" : "plain"
            layoutComparison["fwd, \(name)"] = min(layoutComparison["fwd, \(name)"] ?? .infinity, forward * 1e3)
            layoutComparison["fwd+bwd, \(name)"] = min(layoutComparison["fwd+bwd, \(name)"] ?? .infinity, both * 1e3)
        }
    }
    BenchmarkKernels.useBlockedConvolutionLayouts(true)
}

print("threads: \(ComputeThreads.count)\(usesCPUTime ? ", thread CPU time" : ", wall time")")
print(String(format: "sgemm 2048^3 ceiling: %.1f GFLOP/s (%.2f ms)", ceiling, ceilingSeconds * 1e3))
print("shape".padding(toLength: 42, withPad: " ", startingAt: 0) + "      ms   GFLOP/s  fraction")
for row in rows {
    print(row.name.padding(toLength: 42, withPad: " ", startingAt: 0)
          + String(format: "%8.3f  %8.1f  %8.3f", row.milliseconds, row.gigaflopsPerSecond, row.fractionOfCeiling))
}
print(String(format: "relu (2,64,64,64), %d threads: alone %.3f ms, right after a oneDNN conv %.3f ms; 1 thread: %.3f / %.3f ms",
             ComputeThreads.count, reluAlone * 1e3, reluAfter * 1e3, reluAloneSingle * 1e3, reluAfterSingle * 1e3))
for (name, milliseconds) in layoutComparison.sorted(by: { $0.key < $1.key }) {
    print(String(format: "conv3x3 64->64 (2,64,64,64) %@ layouts: %.3f ms", name, milliseconds))
}
if let path = option("--json") {
    let report = Report(threads: ComputeThreads.count, sgemmGigaflopsPerSecond: ceiling, rows: rows,
                        interplay: ["reluAloneMilliseconds": reluAlone * 1e3, "reluAfterConvolutionMilliseconds": reluAfter * 1e3,
                                    "reluSingleThreadAloneMilliseconds": reluAloneSingle * 1e3,
                                    "reluSingleThreadAfterConvolutionMilliseconds": reluAfterSingle * 1e3])
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    do { try encoder.encode(report).write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
        FileHandle.standardError.write(Data("tensor-bench: cannot write \(path): \(error)\n".utf8))
        exit(2)
    }
}
print(String(format: "worst-fraction-of-ceiling: %.3f", rows.map(\.fractionOfCeiling).min() ?? 0))
