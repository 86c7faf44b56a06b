/// numpy's pairwise summation (`DOUBLE_pairwise_sum`), so means equal `np.mean` bit for bit:
/// under 8 elements a plain loop; up to 128 eight strided accumulators combined as
/// `((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7))` plus a serial tail; above, split at n/2 rounded down to
/// a multiple of 8 and recurse.
enum PairwiseSum {
    static func sum(_ values: UnsafeBufferPointer<Double>) -> Double {
        let n = values.count
        if n == 0 { return 0 }   // numpy's identity
        if n < 8 {
            var total = -0.0
            for value in values { total += value }
            return total
        }
        if n <= 128 {
            var r = (values[0], values[1], values[2], values[3], values[4], values[5], values[6], values[7])
            var i = 8
            while i < n - n % 8 {
                r.0 += values[i]; r.1 += values[i + 1]; r.2 += values[i + 2]; r.3 += values[i + 3]
                r.4 += values[i + 4]; r.5 += values[i + 5]; r.6 += values[i + 6]; r.7 += values[i + 7]
                i += 8
            }
            var total = ((r.0 + r.1) + (r.2 + r.3)) + ((r.4 + r.5) + (r.6 + r.7))
            while i < n { total += values[i]; i += 1 }
            return total
        }
        var half = n / 2
        half -= half % 8
        return sum(UnsafeBufferPointer(rebasing: values[..<half]))
            + sum(UnsafeBufferPointer(rebasing: values[half...]))
    }

    /// `np.sum` of an array.
    static func sum(_ values: [Double]) -> Double { values.withUnsafeBufferPointer { sum($0) } }

    /// `np.mean`: the pairwise sum divided by the count (NaN when empty, as numpy).
    static func mean(_ values: [Double]) -> Double { sum(values) / Double(values.count) }
}
