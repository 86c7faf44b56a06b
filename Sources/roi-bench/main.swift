// roi-bench: times every RoI operator of Table 2c on the issue's shapes (release build only).
//
// 512 RoIs on a (2, 64, 64, 64) map, spatial scale 1/4, outputs 7x7 and 14x14, forward and
// forward+backward. Prints one tab-separated row per measurement (`name<TAB>wall ms<TAB>CPU ms`), which
// `scripts/bench_torch_roi.py` parses to put torchvision beside it, then RoIWarp/RoIAlign ratios.
// The RoIs come from the same integer LCG as the script, so both time identical boxes.
import Foundation
import MaskRCNN

/// The LCG shared with scripts/bench_torch_roi.py: x <- (1103515245 x + 12345) mod 2^31.
struct SharedGenerator {
    var state: UInt64
    mutating func next() -> Double {
        state = (1_103_515_245 &* state &+ 12345) % (1 << 31)
        return Double(state) / Double(1 << 31)
    }
}

/// Process CPU time (all threads), ms: on an oversubscribed machine it counts the work done,
/// not the time spent waiting for a core.
func cpuMilliseconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) * 1e3 + Double(time.tv_nsec) / 1e6
}

/// Fastest wall time and fastest CPU time in ms of `body` over `repeats` runs after one warm-up:
/// on a shared machine the minimum is the run least disturbed by other processes
/// (scripts/bench_torch_roi.py does the same).
func fastestMilliseconds(repeats: Int, _ body: () throws -> Void) rethrows -> (wall: Double, cpu: Double) {
    try body()
    var wall = Double.infinity, cpu = Double.infinity
    for _ in 0 ..< repeats {
        let start = DispatchTime.now().uptimeNanoseconds, cpuStart = cpuMilliseconds()
        try body()
        wall = min(wall, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        cpu = min(cpu, cpuMilliseconds() - cpuStart)
    }
    return (wall, cpu)
}

let (batch, channels, size, roiCount, imageSize) = (2, 64, 64, 512, 256.0)
let repeats = Int(ProcessInfo.processInfo.environment["ROI_BENCH_REPEATS"] ?? "") ?? 7
// ROI_BENCH_FILTER=roi_align_max times only the rows whose name contains it (profiling).
let filter = ProcessInfo.processInfo.environment["ROI_BENCH_FILTER"] ?? ""
var generator = SharedGenerator(state: 2017)
let featureValues = (0 ..< batch * channels * size * size).map { _ in Float(generator.next() * 2 - 1) }
let features = try FeatureMap(batch: batch, channels: channels, height: size, width: size, values: featureValues)
var rois: [RoI] = []
for k in 0 ..< roiCount {
    let x1 = generator.next() * 224, y1 = generator.next() * 224
    let w = 8 + generator.next() * 120, h = 8 + generator.next() * 120
    rois.append(RoI(imageIndex: k % batch, x1: Float(x1), y1: Float(y1),
                    x2: Float(min(x1 + w, imageSize)), y2: Float(min(y1 + h, imageSize))))
}

let variants: [(String, RoIOperator.Kind, RoIOperator.Aggregation, Bool)] = [
    ("roi_align_avg", .roiAlign, .average, true),
    ("roi_align_max", .roiAlign, .max, true),
    ("roi_warp_avg", .roiWarp, .average, false),
    ("roi_warp_max", .roiWarp, .max, false),
    ("roi_pool", .roiPool, .max, false),
]
var measured: [String: (wall: Double, cpu: Double)] = [:]
print("# roi-bench: \(roiCount) RoIs on (\(batch),\(channels),\(size),\(size)), scale 1/4, sampling 2, fastest of \(repeats)")
for output in [7, 14] {
    for (name, kind, aggregation, aligned) in variants where filter.isEmpty || name.contains(filter) {
        let op = try RoIOperator(kind: kind, aggregation: aggregation, outputHeight: output, outputWidth: output,
                                 samplingRatio: 2, aligned: aligned)
        let gradient = (0 ..< roiCount * channels * output * output).map { Float(($0 * 7919) % 1000) / 1000 - 0.5 }
        let forward = try fastestMilliseconds(repeats: repeats) {
            _ = try op(features, rois: rois, spatialScale: 0.25)
        }
        let both = try fastestMilliseconds(repeats: repeats) {
            let pooled = try op(features, rois: rois, spatialScale: 0.25)
            _ = try pooled.inputGradient(outputGradient: gradient)
        }
        for (pass, ms) in [("forward", forward), ("forward+backward", both)] {
            let row = "\(name) \(output)x\(output) \(pass)"
            measured[row] = ms
            print("\(row)\t\(String(format: "%.2f", ms.wall))\t\(String(format: "%.2f", ms.cpu))")
        }
    }
}
// The issue's target: RoIWarp within 1.2x of RoIAlign (same aggregation, same pass), by wall
// time and by CPU time (steadier when other processes share the cores).
var worstWall = 0.0, worstCPU = 0.0
for output in [7, 14] {
    for aggregation in ["avg", "max"] {
        for pass in ["forward", "forward+backward"] {
            let suffix = "\(output)x\(output) \(pass)"
            if let warp = measured["roi_warp_\(aggregation) \(suffix)"], let align = measured["roi_align_\(aggregation) \(suffix)"] {
                worstWall = max(worstWall, warp.wall / align.wall)
                worstCPU = max(worstCPU, warp.cpu / align.cpu)
            }
        }
    }
}
print("# roi_warp/roi_align worst ratio: wall \(String(format: "%.2f", worstWall)), CPU \(String(format: "%.2f", worstCPU)) (target <= 1.2)")
