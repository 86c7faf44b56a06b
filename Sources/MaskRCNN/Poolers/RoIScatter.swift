import Tensor

/// Deterministic parallel loops shared by the RoI kernels.
///
/// Forward passes split over RoIs (each RoI owns its output slice). Backward passes split over
/// (image, channel) planes of the input gradient, so no two threads ever add into the same cell
/// and the summation order is fixed whatever the number of threads.
enum RoIScatter {
    /// For each image of the batch, the indices of its RoIs in increasing order.
    static func roiIndicesByImage(_ rois: [RoI], batch: Int) -> [[Int]] {
        var byImage = [[Int]](repeating: [], count: batch)
        for (k, roi) in rois.enumerated() { byImage[roi.imageIndex].append(k) }
        return byImage
    }

    /// Runs `body(i)` for `i` in `0 ..< count` on the Tensor library's compute threads
    /// (``ComputeThreads``, the one thread-count setting); each `i` must write disjoint memory.
    /// Every item here is a RoI, a plane or a block of planes: enough work to split at one item.
    static func forEach(_ count: Int, _ body: (Int) -> Void) {
        ComputeThreads.parallelFor(count, minimumChunk: 1) { range in
            for i in range { body(i) }
        }
    }

    /// Runs `body(image, channel, plane)` for every (image, channel) plane of `gradient`, in
    /// parallel, giving each call the plane's mutable cells.
    static func forEachPlane(of gradient: inout FeatureMap,
                             _ body: (_ image: Int, _ channel: Int, _ plane: UnsafeMutablePointer<Float>) -> Void) {
        let channels = gradient.channels, planeSize = gradient.planeSize
        let planes = gradient.batch * channels
        gradient.values.withUnsafeMutableBufferPointer { cells in
            guard let base = cells.baseAddress else { return }
            nonisolated(unsafe) let shared = base
            forEach(planes) { p in
                body(p / channels, p % channels, shared + p * planeSize)
            }
        }
    }

    /// Runs `body(roi, rowOffset, gradientRows, plane)` for every RoI of every (image, channel)
    /// plane of `gradient`, RoIs in index order; `rowOffset = (roi·C + channel)·bins` locates the
    /// RoI's PH·PW output gradients (`gradientRows`) for that channel.
    static func forEachRoIOfPlane(outputGradient: [Float], bins: Int, roisByImage: [[Int]], into gradient: inout FeatureMap,
                                  _ body: (Int, Int, UnsafePointer<Float>, UnsafeMutablePointer<Float>) -> Void) {
        let channels = gradient.channels
        outputGradient.withUnsafeBufferPointer { gradOut in
            guard let gradBase = gradOut.baseAddress else { return }
            forEachPlane(of: &gradient) { n, c, plane in
                for r in roisByImage[n] {
                    let rowOffset = (r * channels + c) * bins
                    body(r, rowOffset, gradBase + rowOffset, plane)
                }
            }
        }
    }
}

extension Array where Element: BitwiseCopyable {
    /// An array of `count` elements whose memory is not cleared: every element must be written
    /// before it is read. The kernels' outputs are written in full, and skipping the zero-fill
    /// pass saves a sweep over tens of megabytes per call.
    static func unfilled(count: Int) -> [Element] {
        [Element](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
    }
}
