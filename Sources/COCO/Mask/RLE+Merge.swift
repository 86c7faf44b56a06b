/// Union and intersection of masks (`rleMerge` in pycocotools).
extension RLE {
    /// The union of `masks`, merged left to right as `rleMerge(..., intersect=0)`.
    ///
    /// No masks give an empty 0 x 0 RLE; masks of different sizes give an empty 0 x 0 RLE, as
    /// pycocotools does (callers that need an error check sizes first).
    public static func union(_ masks: [RLE]) -> RLE { merge(masks, intersect: false) }

    /// The intersection of `masks`, with the same size rules as ``union(_:)``.
    public static func intersection(_ masks: [RLE]) -> RLE { merge(masks, intersect: true) }

    private static func merge(_ masks: [RLE], intersect: Bool) -> RLE {
        guard let first = masks.first else { return RLE(height: 0, width: 0, counts: []) }
        if masks.count == 1 { return first }
        let height = first.height, width = first.width
        var merged = first.counts
        var output: [UInt32] = []
        for other in masks.dropFirst() {
            guard other.height == height, other.width == width else {
                return RLE(height: 0, width: 0, counts: [])
            }
            output.removeAll(keepingCapacity: true)
            mergeRuns(merged, other.counts, intersect: intersect, into: &output)
            swap(&merged, &output)
        }
        return RLE(height: height, width: width, counts: merged)
    }

    /// One step of `rleMerge`: walks both run lists together, emitting a run whenever the
    /// merged value flips or both lists are exhausted.
    private static func mergeRuns(_ a: [UInt32], _ b: [UInt32], intersect: Bool, into output: inout [UInt32]) {
        var cursorA = RunCursor(a), cursorB = RunCursor(b)
        var value = false
        var current: UInt32 = 0
        var pending = true
        while pending {
            let step = Swift.min(cursorA.remaining, cursorB.remaining)
            current &+= step
            cursorA.advance(by: step, in: a)
            cursorB.advance(by: step, in: b)
            pending = !cursorA.isFinished(in: a) || !cursorB.isFinished(in: b)
            let previous = value
            value = intersect ? (cursorA.value && cursorB.value) : (cursorA.value || cursorB.value)
            if value != previous || !pending {
                output.append(current)
                current = 0
            }
        }
    }
}

/// A position in a run list while two lists are walked together (merge, IoU).
struct RunCursor {
    /// What is left of the current run.
    var remaining: UInt32
    /// The index of the next run.
    var index = 1
    /// Whether the current run is foreground.
    var value = false

    init(_ runs: [UInt32]) { remaining = runs.first ?? 0 }

    /// Consumes `step` pixels, moving to the next run when the current one is used up.
    @inline(__always)
    mutating func advance(by step: UInt32, in runs: UnsafeBufferPointer<UInt32>) {
        remaining -= step
        if remaining == 0 && index < runs.count {
            remaining = runs[index]
            index += 1
            value.toggle()
        }
    }

    @inline(__always)
    mutating func advance(by step: UInt32, in runs: [UInt32]) {
        runs.withUnsafeBufferPointer { advance(by: step, in: $0) }
    }

    /// True once no pixels are left. pycocotools stops as soon as both lists sit on a
    /// zero-length run at once, leaving a short RLE (and a third merged mask then loops
    /// forever); walking on until no nonzero run remains gives the full mask instead.
    @inline(__always)
    func isFinished(in runs: UnsafeBufferPointer<UInt32>) -> Bool {
        remaining == 0 && !runs[Swift.min(index, runs.count)...].contains { $0 != 0 }
    }

    func isFinished(in runs: [UInt32]) -> Bool {
        runs.withUnsafeBufferPointer { isFinished(in: $0) }
    }
}
