import Dispatch

/// Wall-clock laps of an evaluation's phases (read, parse, index, IoU and match, accumulate,
/// summarize), for finding where the time goes on a real workload without a profiler.
///
/// `cocoeval` prints them on stderr when `MASKBENCH_EVAL_TIMING=1`. Laps are taken on the
/// calling thread only, so the type needs no locking.
public final class PhaseTimer: @unchecked Sendable {
    /// Phase names and their durations in seconds, in the order they ended.
    public private(set) var laps: [(name: String, seconds: Double)] = []
    private let start: UInt64
    private var last: UInt64

    /// Starts the clock now.
    public init() {
        start = DispatchTime.now().uptimeNanoseconds
        last = start
    }

    /// Ends the phase `name`: the time since the previous lap (or since `init`).
    public func lap(_ name: String) {
        let now = DispatchTime.now().uptimeNanoseconds
        laps.append((name, Double(now - last) / 1e9))
        last = now
    }

    /// One line per lap and a total, in milliseconds, for stderr.
    public var report: String {
        let total = Double(last - start) / 1e9
        let rows = (laps + [("total", total)]).map { lap in
            "timing: " + lap.name + String(repeating: " ", count: max(1, 13 - lap.name.count))
                + milliseconds(lap.seconds) + " ms"
        }
        return rows.joined(separator: "\n") + "\n"
    }

    private func milliseconds(_ seconds: Double) -> String {
        let tenths = Int((seconds * 1e4).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}
