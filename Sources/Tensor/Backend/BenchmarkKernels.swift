import Dispatch

/// Raw kernels for `tensor-bench` (imported with `@_spi(Benchmarks)`), not for model code.
@_spi(Benchmarks)
public enum BenchmarkKernels {
    /// `C = A B` for square `size` x `size` matrices through the package's sgemm (oneDNN): the
    /// ceiling every benchmark row is compared with. Returns the seconds of the fastest of `repeats`.
    /// `clock` reads seconds (wall or thread CPU time, as the caller measures).
    public static func timeSquareMatrixProduct(size: Int, repeats: Int, clock: () -> Double) -> Double {
        let a = [Float](repeating: 0.5, count: size * size), b = [Float](repeating: 0.25, count: size * size)
        var c = [Float](repeating: 0, count: size * size)
        var best = Double.infinity
        for _ in 0..<repeats {
            let start = clock()
            a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in
                    c.withUnsafeMutableBufferPointer { pc in
                        DNNL.sgemm(transposeA: false, transposeB: false, m: size, n: size, k: size,
                                   a: pa.baseAddress!, lda: size, b: pb.baseAddress!, ldb: size, beta: 0,
                                   c: pc.baseAddress!, ldc: size)
                    }
                }
            }
            best = min(best, clock() - start)
        }
        return best
    }

    /// Chooses whether convolutions created from now on use oneDNN's blocked layouts
    /// (the default) or plain NCHW, and clears the primitive cache.
    public static func useBlockedConvolutionLayouts(_ blocked: Bool) {
        ConvolutionPrimitives.blockedLayouts = blocked
        ConvolutionPrimitives.clearCache()
    }
}
