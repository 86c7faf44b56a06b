import Foundation

/// RoIPool forward and backward, following `torchvision/csrc/ops/cpu/roi_pool_kernel.cpp`.
///
/// The RoI is rounded to whole cells (C `round`, half away from zero, computed in double as
/// torchvision does), its end is inclusive (`+1`), bins are `floor`/`ceil` cuts of a float bin
/// size, clipped to the map; an empty bin outputs 0 with arg-max −1; otherwise the first
/// strictly greater value in raster order wins.
enum RoIPoolKernel {
    /// Bin boundaries of one RoI, in cells, already clipped to the map.
    struct Bins {
        var rowStart: [Int], rowEnd: [Int], columnStart: [Int], columnEnd: [Int]

        init(_ roi: RoI, spatialScale: Double, outputHeight: Int, outputWidth: Int, height: Int, width: Int) {
            func cell(_ v: Float) -> Int { Int((Double(v) * spatialScale).rounded()) }
            let xs = cell(roi.x1), ys = cell(roi.y1), xe = cell(roi.x2), ye = cell(roi.y2)
            func cuts(start: Int, end: Int, bins: Int, limit: Int) -> ([Int], [Int]) {
                let binSize = Float(max(end - start + 1, 1)) / Float(bins)
                var lower: [Int] = [], upper: [Int] = []
                for p in 0 ..< bins {
                    let a = Int((Float(p) * binSize).rounded(.down)), b = Int((Float(p + 1) * binSize).rounded(.up))
                    lower.append(min(max(a + start, 0), limit))
                    upper.append(min(max(b + start, 0), limit))
                }
                return (lower, upper)
            }
            (rowStart, rowEnd) = cuts(start: ys, end: ye, bins: outputHeight, limit: height)
            (columnStart, columnEnd) = cuts(start: xs, end: xe, bins: outputWidth, limit: width)
        }
    }

    /// Pooled maxima (R, C, PH, PW) and, per output element, the plane offset of its arg-max (−1: empty bin).
    /// Runs channels-last, one RoI per task, each bin scanning its cells in raster order.
    static func forward(_ features: FeatureMap, rois: [RoI], spatialScale: Double,
                        outputHeight: Int, outputWidth: Int) -> (output: FeatureMap, indices: [Int32]) {
        let bins = outputHeight * outputWidth, channels = features.channels, width = features.width
        var output = [Float].unfilled(count: rois.count * channels * bins)
        var argmax = [Int32].unfilled(count: output.count)
        argmax.withUnsafeMutableBufferPointer { argmaxCells in
            nonisolated(unsafe) let argmaxBase = argmaxCells.baseAddress
            BilinearPoolKernel.forEachRoIChannelsLast(features, roiImages: rois.map(\.imageIndex), bins: bins,
                                                      into: &output) { r, cells, out in
                guard let argmaxBase else { return }
                let cut = Bins(rois[r], spatialScale: spatialScale, outputHeight: outputHeight, outputWidth: outputWidth,
                               height: features.height, width: width)
                let vectorChannels = channels - channels % ChannelsLast.lanes
                BilinearPoolKernel.withStaging(bins: bins, channels: channels, out: out, argmax: argmaxBase + r * channels * bins) { values, choices in
                    for ph in 0 ..< outputHeight {
                        let h0 = cut.rowStart[ph], h1 = cut.rowEnd[ph]
                        for pw in 0 ..< outputWidth {
                            let w0 = cut.columnStart[pw], w1 = cut.columnEnd[pw], row = (ph * outputWidth + pw) * channels
                            guard h1 > h0, w1 > w0 else { continue }  // empty bin: 0, arg-max −1
                            for c0 in stride(from: 0, to: vectorChannels, by: ChannelsLast.lanes) {
                                var maximum = RunningMaximum(initial: -.greatestFiniteMagnitude)
                                for h in h0 ..< h1 {
                                    for w in w0 ..< w1 {
                                        let cell = h * width + w
                                        maximum.keep(ChannelsLast.load16(cells + cell * channels + c0), index: Int32(truncatingIfNeeded: cell))
                                    }
                                }
                                maximum.store(values: values + row + c0, choices: choices + row + c0)
                            }
                            for c in vectorChannels ..< channels {
                                var best = -Float.greatestFiniteMagnitude, choice: Int32 = -1
                                for h in h0 ..< h1 {
                                    for w in w0 ..< w1 where cells[(h * width + w) * channels + c] > best {
                                        best = cells[(h * width + w) * channels + c]
                                        choice = Int32(truncatingIfNeeded: h * width + w)
                                    }
                                }
                                values[row + c] = best
                                choices[row + c] = choice
                            }
                        }
                    }
                }
            }
        }
        let map = FeatureMap(trustedBatch: rois.count, channels: channels, height: outputHeight, width: outputWidth,
                             values: output)
        return (map, argmax)
    }

    /// Adds each output gradient to its bin's arg-max cell; empty bins pass nothing back.
    static func backward(outputGradient: [Float], argmax: [Int32], bins: Int, roisByImage: [[Int]],
                         into gradient: inout FeatureMap) {
        argmax.withUnsafeBufferPointer { argmax in
            RoIScatter.forEachRoIOfPlane(outputGradient: outputGradient, bins: bins, roisByImage: roisByImage,
                                         into: &gradient) { _, rowOffset, gradRows, plane in
                for b in 0 ..< bins {
                    let cell = Int(argmax[rowOffset + b])
                    if cell >= 0 { plane[cell] += gradRows[b] }
                }
            }
        }
    }
}
