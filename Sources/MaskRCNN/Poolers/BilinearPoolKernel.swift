/// Forward and backward kernels of RoIAlign and RoIWarp over a ``BilinearSamplingPlan``.
///
/// Forward passes run one RoI per task (each writes its own output rows); backward passes run one
/// (image, channel) plane per task, so accumulation is race-free and its order fixed.
enum BilinearPoolKernel {
    /// The bilinear value of one planned sample on one channel plane.
    @inline(__always)
    static func sample(_ plane: UnsafePointer<Float>, _ c: SIMD4<Int32>, _ w: SIMD4<Float>) -> Float {
        // torchvision's order: w1*v1 + w2*v2 + w3*v3 + w4*v4, left to right.
        w.x * plane[Int(c.x)] + w.y * plane[Int(c.y)] + w.z * plane[Int(c.z)] + w.w * plane[Int(c.w)]
    }

    /// Adds `g` times the sample's weights to its four corners.
    @inline(__always)
    static func scatter(_ g: Float, _ plane: UnsafeMutablePointer<Float>, _ c: SIMD4<Int32>, _ w: SIMD4<Float>) {
        plane[Int(c.x)] += g * w.x
        plane[Int(c.y)] += g * w.y
        plane[Int(c.z)] += g * w.z
        plane[Int(c.w)] += g * w.w
    }

    /// Runs `body(roi, inputPlanes, outputRows)` per RoI in parallel, where `inputPlanes` is the
    /// RoI's image (C planes) and `outputRows` its C·PH·PW outputs.
    static func forEachRoI(_ features: FeatureMap, roiImages: [Int], bins: Int, into output: inout [Float],
                           _ body: (Int, UnsafePointer<Float>, UnsafeMutablePointer<Float>) -> Void) {
        let imageSize = features.channels * features.planeSize, outputSize = features.channels * bins
        features.values.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                guard let inputBase = input.baseAddress, let outBase = out.baseAddress else { return }
                nonisolated(unsafe) let sharedOut = outBase
                RoIScatter.forEach(roiImages.count) { r in
                    body(r, inputBase + roiImages[r] * imageSize, sharedOut + r * outputSize)
                }
            }
        }
    }

    /// Average pooling: the mean of the bin's samples, out-of-range samples counted as 0.
    static func averageForward(_ features: FeatureMap, plan: BilinearSamplingPlan, roiImages: [Int]) -> FeatureMap {
        let bins = plan.outputHeight * plan.outputWidth, channels = features.channels, planeSize = features.planeSize
        var output = [Float](repeating: 0, count: roiImages.count * channels * bins)
        plan.corners.withUnsafeBufferPointer { corners in
            plan.weights.withUnsafeBufferPointer { weights in
                forEachRoI(features, roiImages: roiImages, bins: bins, into: &output) { r, image, out in
                    let perBin = plan.samplesPerBin[r], divisor = plan.divisor[r], first = plan.firstSample[r]
                    for c in 0 ..< channels {
                        let plane = image + c * planeSize
                        for b in 0 ..< bins {
                            var sum: Float = 0
                            let start = first + b * perBin
                            for s in start ..< start + perBin { sum += sample(plane, corners[s], weights[s]) }
                            out[c * bins + b] = sum / divisor
                        }
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
        let bins = plan.outputHeight * plan.outputWidth, channels = features.channels, planeSize = features.planeSize
        var output = [Float](repeating: 0, count: roiImages.count * channels * bins)
        var argmax = [Int32](repeating: -1, count: output.count)
        plan.corners.withUnsafeBufferPointer { corners in
            plan.weights.withUnsafeBufferPointer { weights in
                argmax.withUnsafeMutableBufferPointer { argmaxCells in
                    nonisolated(unsafe) let argmaxBase = argmaxCells.baseAddress!
                    forEachRoI(features, roiImages: roiImages, bins: bins, into: &output) { r, image, out in
                        let perBin = plan.samplesPerBin[r], first = plan.firstSample[r]
                        guard perBin > 0 else { return }  // outputs stay 0, arg-max −1
                        let argmaxRows = argmaxBase + r * channels * bins
                        for c in 0 ..< channels {
                            let plane = image + c * planeSize
                            for b in 0 ..< bins {
                                let start = first + b * perBin
                                var best = -Float.infinity, bestIndex: Int32 = -1
                                for s in 0 ..< perBin {
                                    let v = sample(plane, corners[start + s], weights[start + s])
                                    // Branch-free select: random data mispredicts a branch half the time.
                                    let greater = v > best
                                    bestIndex = greater ? Int32(truncatingIfNeeded: s) : bestIndex
                                    best = greater ? v : best
                                }
                                out[c * bins + b] = best
                                argmaxRows[c * bins + b] = bestIndex
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


    /// Average backward: every sample adds `g / count · wᵢ` to its four corners.
    static func averageBackward(outputGradient: [Float], plan: BilinearSamplingPlan, roisByImage: [[Int]],
                                into gradient: inout FeatureMap) {
        let bins = plan.outputHeight * plan.outputWidth
        plan.corners.withUnsafeBufferPointer { corners in
            plan.weights.withUnsafeBufferPointer { weights in
                RoIScatter.forEachRoIOfPlane(outputGradient: outputGradient, bins: bins, roisByImage: roisByImage,
                                             into: &gradient) { r, _, gradRows, plane in
                    let perBin = plan.samplesPerBin[r], divisor = plan.divisor[r], first = plan.firstSample[r]
                    for b in 0 ..< bins {
                        let g = gradRows[b] / divisor
                        let start = first + b * perBin
                        for s in start ..< start + perBin { scatter(g, plane, corners[s], weights[s]) }
                    }
                }
            }
        }
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
                            scatter(gradRows[b], plane, corners[s], weights[s])
                        }
                    }
                }
            }
        }
    }
}
