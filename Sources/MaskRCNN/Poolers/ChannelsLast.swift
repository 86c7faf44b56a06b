/// Channels-last (NHWC) views for the RoI kernels.
///
/// In NCHW a bilinear sample costs four scattered loads per channel. Transposed to NHWC, the C
/// values of a cell are contiguous, so one sample becomes four contiguous C-long vector
/// multiply-adds (the compiler vectorises the channel loops). The arithmetic per element is
/// unchanged (same operations, same order), so results stay bit-identical to the scalar form.
enum ChannelsLast {
    /// `values` (N, C, H·W) transposed to (N, H·W, C).
    static func fromChannelsFirst(_ values: [Float], batch: Int, channels: Int, planeSize: Int) -> [Float] {
        transpose(values, batch: batch, rows: channels, columns: planeSize)
    }

    /// `values` (N, H·W, C) transposed back to (N, C, H·W).
    static func toChannelsFirst(_ values: [Float], batch: Int, channels: Int, planeSize: Int) -> [Float] {
        transpose(values, batch: batch, rows: planeSize, columns: channels)
    }

    /// Per image, a (rows, columns) matrix transposed to (columns, rows); parallel over images
    /// and row blocks, each task writing its own output columns.
    private static func transpose(_ values: [Float], batch: Int, rows: Int, columns: Int) -> [Float] {
        var result = [Float](repeating: 0, count: values.count)
        let block = 16, rowBlocks = (rows + block - 1) / block
        values.withUnsafeBufferPointer { source in
            result.withUnsafeMutableBufferPointer { target in
                guard let from = source.baseAddress, let to = target.baseAddress else { return }
                nonisolated(unsafe) let shared = to
                RoIScatter.forEach(batch * rowBlocks) { task in
                    let n = task / rowBlocks, r0 = (task % rowBlocks) * block, r1 = min(r0 + block, rows)
                    let image = n * rows * columns
                    for column in 0 ..< columns {
                        for row in r0 ..< r1 { shared[image + column * rows + row] = from[image + row * columns + column] }
                    }
                }
            }
        }
        return result
    }

    /// `sum[k] += w1·a[k] + w2·b[k] + w3·c[k] + w4·d[k]` for the C channels of one sample's corners.
    @inline(__always)
    static func accumulate(_ sum: UnsafeMutablePointer<Float>, _ cells: UnsafePointer<Float>, channels: Int,
                           _ corners: SIMD4<Int32>, _ weights: SIMD4<Float>) {
        let a = cells + Int(corners.x) * channels, b = cells + Int(corners.y) * channels
        let c = cells + Int(corners.z) * channels, d = cells + Int(corners.w) * channels
        let (w1, w2, w3, w4) = (weights.x, weights.y, weights.z, weights.w)
        for k in 0 ..< channels { sum[k] += w1 * a[k] + w2 * b[k] + w3 * c[k] + w4 * d[k] }
    }

    /// Keeps, per channel, the larger of `best[k]` and this sample's value (first maximum wins),
    /// recording the sample index in `choice[k]`.
    @inline(__always)
    static func keepMaximum(_ best: UnsafeMutablePointer<Float>, _ choice: UnsafeMutablePointer<Int32>, index: Int32,
                            _ cells: UnsafePointer<Float>, channels: Int, _ corners: SIMD4<Int32>, _ weights: SIMD4<Float>) {
        let a = cells + Int(corners.x) * channels, b = cells + Int(corners.y) * channels
        let c = cells + Int(corners.z) * channels, d = cells + Int(corners.w) * channels
        let (w1, w2, w3, w4) = (weights.x, weights.y, weights.z, weights.w)
        // Explicit 4-lane selects: the auto-vectoriser turns the choice update into per-lane branches.
        var k = 0
        while k + 4 <= channels {
            let v = w1 * vector(a + k) + w2 * vector(b + k) + w3 * vector(c + k) + w4 * vector(d + k)
            keep(v, index: SIMD4(repeating: index), best + k, choice + k)
            k += 4
        }
        for k in k ..< channels {
            let v = w1 * a[k] + w2 * b[k] + w3 * c[k] + w4 * d[k], greater = v > best[k]
            choice[k] = greater ? index : choice[k]
            best[k] = greater ? v : best[k]
        }
    }

    /// Keeps, per channel, the larger of `best[k]` and the cell's value `cell[k]` (first maximum
    /// wins), recording `index` (the cell's plane offset) in `choice[k]`: RoIPool's inner step.
    @inline(__always)
    static func keepMaximum(_ best: UnsafeMutablePointer<Float>, _ choice: UnsafeMutablePointer<Int32>, index: Int32,
                            cell: UnsafePointer<Float>, channels: Int) {
        var k = 0
        while k + 4 <= channels {
            keep(vector(cell + k), index: SIMD4(repeating: index), best + k, choice + k)
            k += 4
        }
        for k in k ..< channels {
            let v = cell[k], greater = v > best[k]
            choice[k] = greater ? index : choice[k]
            best[k] = greater ? v : best[k]
        }
    }

    /// Four lanes of the running max and arg-max.
    @inline(__always)
    private static func keep(_ v: SIMD4<Float>, index: SIMD4<Int32>, _ best: UnsafeMutablePointer<Float>,
                             _ choice: UnsafeMutablePointer<Int32>) {
        let current = vector(best), greater = v .> current
        UnsafeMutableRawPointer(best).storeBytes(of: current.replacing(with: v, where: greater), as: SIMD4<Float>.self)
        let chosen = UnsafeRawPointer(choice).loadUnaligned(as: SIMD4<Int32>.self)
        UnsafeMutableRawPointer(choice).storeBytes(of: chosen.replacing(with: index, where: greater), as: SIMD4<Int32>.self)
    }

    /// Four consecutive floats.
    @inline(__always)
    private static func vector(_ p: UnsafePointer<Float>) -> SIMD4<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD4<Float>.self)
    }

    @inline(__always)
    private static func vector(_ p: UnsafeMutablePointer<Float>) -> SIMD4<Float> { vector(UnsafePointer(p)) }

    /// `gradient[corner·stride + k] += g[k] · wᵢ`, k < count, for the four corners of one sample.
    @inline(__always)
    static func scatter(_ g: UnsafePointer<Float>, into cells: UnsafeMutablePointer<Float>, stride: Int, count: Int,
                        _ corners: SIMD4<Int32>, _ weights: SIMD4<Float>) {
        let a = cells + Int(corners.x) * stride, b = cells + Int(corners.y) * stride
        let c = cells + Int(corners.z) * stride, d = cells + Int(corners.w) * stride
        let (w1, w2, w3, w4) = (weights.x, weights.y, weights.z, weights.w)
        // Corners may coincide (clamped at the map's edge): add in torchvision's order, one at a time.
        for k in 0 ..< count { a[k] += g[k] * w1 }
        for k in 0 ..< count { b[k] += g[k] * w2 }
        for k in 0 ..< count { c[k] += g[k] * w3 }
        for k in 0 ..< count { d[k] += g[k] * w4 }
    }
}
