/// Forward and backward kernels of RoIAlign and RoIWarp over a ``BilinearSamplingPlan``.
///
/// Forward passes transpose the features to channels-last and run one RoI per task (each writes
/// its own output rows). The average backward accumulates channels-last, one (image, channel
/// block) per task; the max backward scatters one sample per bin, one (image, channel) plane
/// per task. Either way no two tasks add into the same cell and the order is fixed.
enum BilinearPoolKernel {
    /// Channels per backward task: enough contiguous work to vectorise, enough tasks to balance.
    static let channelBlock = 16

    /// Runs `body(roi, imageCells, outputRows)` per RoI in parallel, where `imageCells` is the
    /// RoI's image in `input` (C·H·W values, any layout) and `outputRows` its C·PH·PW outputs.
    static func forEachRoI(_ input: [Float], imageSize: Int, roiImages: [Int], outputSize: Int, into output: inout [Float],
                           _ body: (Int, UnsafePointer<Float>, UnsafeMutablePointer<Float>) -> Void) {
        input.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                guard let inputBase = input.baseAddress, let outBase = out.baseAddress else { return }
                nonisolated(unsafe) let sharedOut = outBase
                RoIScatter.forEach(roiImages.count) { r in
                    body(r, inputBase + roiImages[r] * imageSize, sharedOut + r * outputSize)
                }
            }
        }
    }

    /// Runs `body(roi, cells, outputRows, scratch)` per RoI on channels-last features, with a
    /// scratch buffer of `scratchCount` floats per call.
    static func forEachRoIChannelsLast(_ features: FeatureMap, roiImages: [Int], bins: Int, into output: inout [Float],
                                       _ body: (Int, UnsafePointer<Float>, UnsafeMutablePointer<Float>) -> Void) {
        let cells = ChannelsLast.fromChannelsFirst(features.values, batch: features.batch, channels: features.channels,
                                                   planeSize: features.planeSize)
        forEachRoI(cells, imageSize: features.channels * features.planeSize, roiImages: roiImages,
                   outputSize: features.channels * bins, into: &output, body)
    }

    /// Runs `body(values, choices)` on channels-last `(bins, C)` staging buffers for one RoI's
    /// max results (pre-filled with 0 and −1, the empty-bin result), then unstages them to the
    /// RoI's output rows and arg-max rows.
    static func withStaging(bins: Int, channels: Int, out: UnsafeMutablePointer<Float>, argmax: UnsafeMutablePointer<Int32>,
                            _ body: (UnsafeMutablePointer<Float>, UnsafeMutablePointer<Int32>) -> Void) {
        withUnsafeTemporaryAllocation(of: Float.self, capacity: bins * channels) { values in
            withUnsafeTemporaryAllocation(of: Int32.self, capacity: bins * channels) { choices in
                guard let values = values.baseAddress, let choices = choices.baseAddress else { return }
                values.initialize(repeating: 0, count: bins * channels)
                choices.initialize(repeating: -1, count: bins * channels)
                body(values, choices)
                ChannelsLast.unstage(values, into: out, channels: channels, bins: bins)
                ChannelsLast.unstage(choices, into: argmax, channels: channels, bins: bins)
            }
        }
    }

    /// Average pooling: the mean of the bin's samples, out-of-range samples counted as 0.
    static func averageForward(_ features: FeatureMap, plan: BilinearSamplingPlan, roiImages: [Int]) -> FeatureMap {
        let bins = plan.outputHeight * plan.outputWidth, channels = features.channels
        var output = [Float].unfilled(count: roiImages.count * channels * bins)
        plan.corners.withUnsafeBufferPointer { corners in
            plan.weights.withUnsafeBufferPointer { weights in
                forEachRoIChannelsLast(features, roiImages: roiImages, bins: bins, into: &output) { r, cells, out in
                    let perBin = plan.samplesPerBin[r], divisor = plan.divisor[r], first = plan.firstSample[r]
                    withUnsafeTemporaryAllocation(of: Float.self, capacity: bins * channels) { staged in
                        guard let staged = staged.baseAddress else { return }
                        staged.initialize(repeating: 0, count: bins * channels)
                        for b in 0 ..< bins {
                            let sum = staged + b * channels, start = first + b * perBin
                            for s in start ..< start + perBin {
                                ChannelsLast.accumulate(sum, cells, channels: channels, corners[s], weights[s])
                            }
                            for c in 0 ..< channels { sum[c] /= divisor }
                        }
                        ChannelsLast.unstage(staged, into: out, channels: channels, bins: bins)
                    }
                }
            }
        }
        return FeatureMap(trustedBatch: roiImages.count, channels: channels,
                          height: plan.outputHeight, width: plan.outputWidth, values: output)
    }

    /// Max pooling over the interpolated samples (mmcv's `pool_mode=0`); also returns, per output
    /// element, the index of the arg-max sample within its bin (first maximum; −1 for no sample).
    static func maxForward(_ features: FeatureMap, plan: BilinearSamplingPlan, roiImages: [Int]) -> (FeatureMap, [Int32]) {
        let bins = plan.outputHeight * plan.outputWidth, channels = features.channels
        var output = [Float].unfilled(count: roiImages.count * channels * bins)
        var argmax = [Int32].unfilled(count: output.count)
        plan.corners.withUnsafeBufferPointer { corners in
            plan.weights.withUnsafeBufferPointer { weights in
                argmax.withUnsafeMutableBufferPointer { argmaxCells in
                    nonisolated(unsafe) let argmaxBase = argmaxCells.baseAddress
                    forEachRoIChannelsLast(features, roiImages: roiImages, bins: bins, into: &output) { r, cells, out in
                        let perBin = plan.samplesPerBin[r], first = plan.firstSample[r]
                        guard let argmaxBase else { return }
                        let vectorChannels = channels - channels % ChannelsLast.lanes
                        withStaging(bins: bins, channels: channels, out: out, argmax: argmaxBase + r * channels * bins) { values, choices in
                            guard perBin > 0 else { return }  // no samples: outputs 0, arg-max −1
                            for b in 0 ..< bins {
                                let start = first + b * perBin, row = b * channels
                                for c0 in stride(from: 0, to: vectorChannels, by: ChannelsLast.lanes) {
                                    var maximum = RunningMaximum(initial: -.infinity)
                                    for s in 0 ..< perBin {
                                        maximum.keep(ChannelsLast.sample16(cells, channels: channels, channel: c0,
                                                                           corners[start + s], weights[start + s]),
                                                     index: Int32(truncatingIfNeeded: s))
                                    }
                                    maximum.store(values: values + row + c0, choices: choices + row + c0)
                                }
                                for c in vectorChannels ..< channels {
                                    var best = -Float.infinity, choice: Int32 = -1
                                    for s in 0 ..< perBin {
                                        let v = ChannelsLast.sample(cells, channels: channels, channel: c, corners[start + s], weights[start + s])
                                        if v > best { best = v; choice = Int32(truncatingIfNeeded: s) }
                                    }
                                    values[row + c] = best
                                    choices[row + c] = choice
                                }
                            }
                        }
                    }
                }
            }
        }
        let map = FeatureMap(trustedBatch: roiImages.count, channels: channels,
                             height: plan.outputHeight, width: plan.outputWidth, values: output)
        return (map, argmax)
    }

    /// Average backward: every sample adds `g / count · wᵢ` to its four corners. Accumulated
    /// channels-last, one (image, block of ``channelBlock`` channels) per task, then transposed.
    static func averageBackward(outputGradient: [Float], plan: BilinearSamplingPlan, roisByImage: [[Int]],
                                into gradient: inout FeatureMap) {
        let bins = plan.outputHeight * plan.outputWidth, channels = gradient.channels, planeSize = gradient.planeSize
        let blocks = (channels + channelBlock - 1) / channelBlock
        var cells = [Float](repeating: 0, count: gradient.values.count)
        plan.corners.withUnsafeBufferPointer { corners in
            plan.weights.withUnsafeBufferPointer { weights in
                outputGradient.withUnsafeBufferPointer { gradOut in
                    cells.withUnsafeMutableBufferPointer { cellBuffer in
                        guard let gradBase = gradOut.baseAddress, let cellBase = cellBuffer.baseAddress else { return }
                        nonisolated(unsafe) let shared = cellBase
                        RoIScatter.forEach(gradient.batch * blocks) { task in
                            let n = task / blocks, c0 = (task % blocks) * channelBlock
                            let count = min(channelBlock, channels - c0)
                            let imageCells = shared + n * planeSize * channels + c0
                            withUnsafeTemporaryAllocation(of: Float.self, capacity: channelBlock) { g in
                                guard let g = g.baseAddress else { return }
                                for r in roisByImage[n] {
                                    let perBin = plan.samplesPerBin[r], divisor = plan.divisor[r], first = plan.firstSample[r]
                                    let rows = gradBase + (r * channels + c0) * bins
                                    for b in 0 ..< bins {
                                        for k in 0 ..< count { g[k] = rows[k * bins + b] / divisor }
                                        let start = first + b * perBin
                                        for s in start ..< start + perBin {
                                            ChannelsLast.scatter(g, into: imageCells, stride: channels, count: count,
                                                                 corners[s], weights[s])
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        gradient.values = ChannelsLast.toChannelsFirst(cells, batch: gradient.batch, channels: channels, planeSize: planeSize)
    }

    /// Max backward: only the arg-max sample adds `g · wᵢ` to its four corners.
    static func maxBackward(outputGradient: [Float], plan: BilinearSamplingPlan, argmax: [Int32], roisByImage: [[Int]],
                            into gradient: inout FeatureMap) {
        let bins = plan.outputHeight * plan.outputWidth
        plan.corners.withUnsafeBufferPointer { corners in
            plan.weights.withUnsafeBufferPointer { weights in
                argmax.withUnsafeBufferPointer { argmax in
                    RoIScatter.forEachRoIOfPlane(outputGradient: outputGradient, bins: bins, roisByImage: roisByImage,
                                                 into: &gradient) { r, rowOffset, gradRows, plane in
                        let perBin = plan.samplesPerBin[r], first = plan.firstSample[r]
                        for b in 0 ..< bins {
                            let a = Int(argmax[rowOffset + b])
                            guard a >= 0 else { continue }
                            let s = first + b * perBin + a
                            let (c, w, g) = (corners[s], weights[s], gradRows[b])
                            plane[Int(c.x)] += g * w.x
                            plane[Int(c.y)] += g * w.y
                            plane[Int(c.z)] += g * w.z
                            plane[Int(c.w)] += g * w.w
                        }
                    }
                }
            }
        }
    }
}
