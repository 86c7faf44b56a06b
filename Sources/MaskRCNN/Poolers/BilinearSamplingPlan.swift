import COCO
import Foundation

/// Where RoIAlign and RoIWarp sample, computed once per forward pass and reused by the backward.
///
/// For each RoI: its `gh × gw` sampling grid per bin, the divisor `count = max(gh·gw, 1)` of the
/// average, and per sample the four plane offsets `(y_low·W + x_low, y_low·W + x_high,
/// y_high·W + x_low, y_high·W + x_high)` with bilinear weights `(hy·hx, hy·lx, ly·hx, ly·lx)`.
/// Samples are stored RoI by RoI, bin by bin in raster order, then `iy`, `ix` in raster order:
/// torchvision's `pre_calc` order, so sums come out in its order. Out-of-range samples have
/// zero weights at offset 0: they add 0 to averages and are 0-valued max candidates.
/// All arithmetic follows `torchvision/csrc/ops/cpu/roi_align_common.h` in `Float`.
struct BilinearSamplingPlan: Sendable {
    /// PH, PW.
    let outputHeight: Int, outputWidth: Int
    /// Per RoI: samples in each of its bins (`gh·gw`, 0 when the grid is empty).
    let samplesPerBin: [Int]
    /// Per RoI: the average's divisor, `max(gh·gw, 1)` as torchvision computes it.
    let divisor: [Float]
    /// Per RoI: index of its first sample in `corners` / `weights`.
    let firstSample: [Int]
    /// Per sample: the four corner offsets in the (H, W) plane.
    let corners: [SIMD4<Int32>]
    /// Per sample: the four bilinear weights, in `corners` order.
    let weights: [SIMD4<Float>]

    /// Largest plan we build (32 bytes per sample): guards against absurd adaptive grids.
    static let sampleLimit = 1 << 25

    /// Plans the samples of every RoI.
    ///
    /// - Parameter quantised: RoIWarp: round the corners to whole cells as RoIPool does
    ///   (`round(x·s)`, C rounding), then sample like legacy RoIAlign.
    /// - Throws: `InputError` when an adaptive grid would exceed ``sampleLimit`` samples.
    init(rois: [RoI], featureHeight: Int, featureWidth: Int, spatialScale: Double,
         outputHeight: Int, outputWidth: Int, samplingRatio: Int, aligned: Bool, quantised: Bool) throws(InputError) {
        self.outputHeight = outputHeight
        self.outputWidth = outputWidth
        let bins = outputHeight * outputWidth
        var geometry: [Geometry] = []
        geometry.reserveCapacity(rois.count)
        var first: [Int] = [], perBin: [Int] = [], divisor: [Float] = []
        var total = 0
        for (k, roi) in rois.enumerated() {
            let g = Geometry(roi, spatialScale: spatialScale, outputHeight: outputHeight, outputWidth: outputWidth,
                             samplingRatio: samplingRatio, aligned: aligned, quantised: quantised)
            let samples = g.gridHeight > 0 && g.gridWidth > 0 ? g.gridHeight * g.gridWidth : 0
            first.append(total)
            perBin.append(samples)
            divisor.append(Float(max(g.gridHeight * g.gridWidth, 1)))
            total += samples * bins
            guard total <= Self.sampleLimit else {
                throw InputError(record: k, field: "sampling_ratio",
                                 message: "adaptive sampling needs over \(Self.sampleLimit) samples; RoI too large for the map")
            }
            geometry.append(g)
        }
        self.firstSample = first
        self.samplesPerBin = perBin
        self.divisor = divisor
        var corners = [SIMD4<Int32>](repeating: .zero, count: total)
        var weights = [SIMD4<Float>](repeating: .zero, count: total)
        corners.withUnsafeMutableBufferPointer { cornerCells in
            weights.withUnsafeMutableBufferPointer { weightCells in
                nonisolated(unsafe) let cornerBase = cornerCells.baseAddress
                nonisolated(unsafe) let weightBase = weightCells.baseAddress
                RoIScatter.forEach(rois.count) { k in
                    guard let cornerBase, let weightBase else { return }
                    geometry[k].fill(corners: cornerBase + first[k], weights: weightBase + first[k],
                                     featureHeight: featureHeight, featureWidth: featureWidth)
                }
            }
        }
        self.corners = corners
        self.weights = weights
    }

    /// One RoI's continuous extent in feature cells and its sampling grid.
    struct Geometry {
        var startY: Float, startX: Float, binHeight: Float, binWidth: Float
        var gridHeight: Int, gridWidth: Int
        var outputHeight: Int, outputWidth: Int

        init(_ roi: RoI, spatialScale: Double, outputHeight: Int, outputWidth: Int,
             samplingRatio: Int, aligned: Bool, quantised: Bool) {
            // torchvision: `rois[1] * spatial_scale - offset` is evaluated in double, stored as float.
            func scaled(_ v: Float) -> Float {
                quantised ? Float((Double(v) * spatialScale).rounded()) : Float(Double(v) * spatialScale - (aligned ? 0.5 : 0))
            }
            let startX = scaled(roi.x1), startY = scaled(roi.y1)
            var roiWidth = scaled(roi.x2) - startX, roiHeight = scaled(roi.y2) - startY
            if !aligned {  // legacy: force malformed RoIs to 1x1
                roiWidth = max(roiWidth, 1)
                roiHeight = max(roiHeight, 1)
            }
            self.startY = startY
            self.startX = startX
            self.binHeight = roiHeight / Float(outputHeight)
            self.binWidth = roiWidth / Float(outputWidth)
            self.gridHeight = samplingRatio > 0 ? samplingRatio : Int((roiHeight / Float(outputHeight)).rounded(.up))
            self.gridWidth = samplingRatio > 0 ? samplingRatio : Int((roiWidth / Float(outputWidth)).rounded(.up))
            self.outputHeight = outputHeight
            self.outputWidth = outputWidth
        }

        /// Writes this RoI's samples (bins in raster order, then the grid in raster order).
        func fill(corners: UnsafeMutablePointer<SIMD4<Int32>>, weights: UnsafeMutablePointer<SIMD4<Float>>,
                  featureHeight: Int, featureWidth: Int) {
            guard gridHeight > 0, gridWidth > 0 else { return }
            var i = 0
            for ph in 0 ..< outputHeight {
                for pw in 0 ..< outputWidth {
                    for iy in 0 ..< gridHeight {
                        let y = startY + Float(ph) * binHeight + (Float(iy) + 0.5) * binHeight / Float(gridHeight)
                        for ix in 0 ..< gridWidth {
                            let x = startX + Float(pw) * binWidth + (Float(ix) + 0.5) * binWidth / Float(gridWidth)
                            let (c, w) = Self.bilinear(y: y, x: x, height: featureHeight, width: featureWidth)
                            corners[i] = c
                            weights[i] = w
                            i += 1
                        }
                    }
                }
            }
        }

        /// torchvision's `bilinear_interpolate` setup for one sample point (cell units).
        static func bilinear(y: Float, x: Float, height: Int, width: Int) -> (SIMD4<Int32>, SIMD4<Float>) {
            guard height > 0, width > 0,
                  y >= -1, y <= Float(height), x >= -1, x <= Float(width) else { return (.zero, .zero) }
            let (yLow, yHigh, ly) = neighbours(y, size: height), (xLow, xHigh, lx) = neighbours(x, size: width)
            let hy = 1 - ly, hx = 1 - lx
            let corners = SIMD4<Int32>(Int32(yLow * width + xLow), Int32(yLow * width + xHigh),
                                       Int32(yHigh * width + xLow), Int32(yHigh * width + xHigh))
            return (corners, SIMD4(hy * hx, hy * lx, ly * hx, ly * lx))
        }

        /// Along one axis: the low and high neighbour cells of coordinate `v` (already known to
        /// be in [−1, size]) and the fraction toward the high one; at the last cell both
        /// neighbours are that cell and the fraction is 0.
        static func neighbours(_ v: Float, size: Int) -> (low: Int, high: Int, fraction: Float) {
            let v = max(v, 0), low = Int(v)
            if low >= size - 1 { return (size - 1, size - 1, 0) }
            return (low, low + 1, v - Float(low))
        }
    }
}
