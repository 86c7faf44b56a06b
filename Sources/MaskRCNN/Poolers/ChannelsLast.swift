/// Channels-last (NHWC) views for the RoI kernels.
///
/// In NCHW a bilinear sample costs four scattered loads per channel. Transposed to NHWC, the C
/// values of a cell are contiguous, so one sample becomes four contiguous C-long vector
/// multiply-adds (the compiler vectorises the channel loops). The arithmetic per element is
/// unchanged (same operations, same order), so results stay bit-identical to the scalar form.
enum ChannelsLast {
    /// Channels handled together in registers by the max kernels.
    static let lanes = 16

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
        var result = [Float].unfilled(count: values.count)
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

    /// Copies one RoI's results from channels-last staging `(bins, C)` to its output rows
    /// `(C, bins)`: staging keeps the kernels' stores contiguous, and this small transpose stays
    /// in cache, where writing `(C, bins)` directly scatters a store per channel per bin.
    @inline(__always)
    static func unstage<Element>(_ staged: UnsafePointer<Element>, into rows: UnsafeMutablePointer<Element>, channels: Int, bins: Int) {
        for c in 0 ..< channels {
            for b in 0 ..< bins { rows[c * bins + b] = staged[b * channels + c] }
        }
    }

    /// The 16 channels starting at `p`.
    @inline(__always)
    static func load16(_ p: UnsafePointer<Float>) -> SIMD16<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD16<Float>.self)
    }

    /// One bilinear sample of the 16 channels at offset `channel`: `w1·a + w2·b + w3·c + w4·d`
    /// lane by lane, in torchvision's order.
    @inline(__always)
    static func sample16(_ cells: UnsafePointer<Float>, channels: Int, channel: Int,
                         _ corners: SIMD4<Int32>, _ weights: SIMD4<Float>) -> SIMD16<Float> {
        let a = load16(cells + Int(corners.x) * channels + channel), b = load16(cells + Int(corners.y) * channels + channel)
        let c = load16(cells + Int(corners.z) * channels + channel), d = load16(cells + Int(corners.w) * channels + channel)
        return weights.x * a + weights.y * b + weights.z * c + weights.w * d
    }

    /// One sample of one channel, the scalar form of ``sample16(_:channels:channel:_:_:)``.
    @inline(__always)
    static func sample(_ cells: UnsafePointer<Float>, channels: Int, channel: Int,
                       _ corners: SIMD4<Int32>, _ weights: SIMD4<Float>) -> Float {
        weights.x * cells[Int(corners.x) * channels + channel] + weights.y * cells[Int(corners.y) * channels + channel]
            + weights.z * cells[Int(corners.z) * channels + channel] + weights.w * cells[Int(corners.w) * channels + channel]
    }

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

/// The running maximum and arg-max of 16 channels, kept in registers while a bin's cells or
/// samples stream past; the first strictly greater value wins, as in torchvision and mmcv.
struct RunningMaximum {
    /// Largest value so far, per channel.
    var best: SIMD16<Float>
    /// Index of the value in `best` (cell offset or sample number), −1 before any.
    var choice = SIMD16<Int32>(repeating: -1)

    init(initial: Float) { best = SIMD16(repeating: initial) }

    /// Offers `values` found at `index`.
    @inline(__always)
    mutating func keep(_ values: SIMD16<Float>, index: Int32) {
        let greater = values .> best
        best.replace(with: values, where: greater)
        choice.replace(with: SIMD16(repeating: index), where: greater)
    }

    /// Stores the 16 channels' results contiguously at `values` and `choices` (a channels-last
    /// staging row; see ``ChannelsLast/unstage(_:into:channels:bins:)``).
    @inline(__always)
    func store(values: UnsafeMutablePointer<Float>, choices: UnsafeMutablePointer<Int32>) {
        UnsafeMutableRawPointer(values).storeBytes(of: best, as: SIMD16<Float>.self)
        UnsafeMutableRawPointer(choices).storeBytes(of: choice, as: SIMD16<Int32>.self)
    }
}
