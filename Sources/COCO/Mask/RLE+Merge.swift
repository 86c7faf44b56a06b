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
        var remainingA = a.first ?? 0, remainingB = b.first ?? 0
        var indexA = 1, indexB = 1
        var valueA = false, valueB = false, value = false
        var current: UInt32 = 0
        var pending = 1
        while pending > 0 {
            let step = Swift.min(remainingA, remainingB)
            current &+= step
            remainingA -= step
            if remainingA == 0 && indexA < a.count {
                remainingA = a[indexA]
                indexA += 1
                valueA.toggle()
            }
            remainingB -= step
            if remainingB == 0 && indexB < b.count {
                remainingB = b[indexB]
                indexB += 1
                valueB.toggle()
            }
            pending = Int(remainingA) + Int(remainingB)
            if pending == 0 && (hasRuns(a, from: indexA) || hasRuns(b, from: indexB)) {
                // pycocotools stops here although nonzero runs remain (both lists sat on a
                // zero-length run), leaving a short, invalid RLE; keep walking instead.
                pending = 1
            }
            let previous = value
            value = intersect ? (valueA && valueB) : (valueA || valueB)
            if value != previous || pending == 0 {
                output.append(current)
                current = 0
            }
        }
    }

    /// Whether any run from `index` on is nonzero.
    private static func hasRuns(_ runs: [UInt32], from index: Int) -> Bool {
        runs[index...].contains { $0 != 0 }
    }
}
