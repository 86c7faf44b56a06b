import Foundation

/// A small, fast, seedable random generator (SplitMix64), so datasets are byte-identical for a seed
/// on every platform and Swift version (the standard library's generators are not seedable).
/// Tensor's `SeededGenerator` (xoshiro256**) draws weights; this one draws data, addressable by
/// item index. Their streams are part of every committed result, so neither may change.
public struct SplitMixGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Creates a generator from a seed.
    public init(seed: UInt64) {
        state = seed
    }

    /// A generator for item `index` of a stream seeded by `seed`: random access without replaying
    /// earlier items, so images can be generated in any order or in parallel.
    public init(seed: UInt64, index: Int) {
        // Hash both parts: a plain offset would make item k+1's stream item k's shifted by one.
        state = Self.mix(Self.mix(seed ^ 0x5EED_0F_DA7A) ^ Self.mix(UInt64(truncatingIfNeeded: index) &+ 0x1D3A))
    }

    /// SplitMix64's finaliser: a bijective 64-bit hash.
    private static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state &- 0x9E37_79B9_7F4A_7C15)
    }

    /// A uniform double in `[0, 1)` built from the top 53 bits (not `Double.random`, whose
    /// algorithm the standard library does not promise to keep).
    public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// A uniform double in `range`.
    public mutating func uniform(_ range: ClosedRange<Double>) -> Double {
        range.lowerBound + (range.upperBound - range.lowerBound) * unit()
    }

    /// A uniform integer in `range`.
    public mutating func integer(_ range: ClosedRange<Int>) -> Int {
        let span = UInt64(range.upperBound - range.lowerBound) + 1
        return range.lowerBound + Int(next() % span)
    }

    /// A value whose logarithm is uniform in `log(range)`: object sizes spread evenly over scales.
    public mutating func logUniform(_ range: ClosedRange<Double>) -> Double {
        exp(log(range.lowerBound) + (log(range.upperBound) - log(range.lowerBound)) * unit())
    }

    /// True with probability `probability`.
    public mutating func chance(_ probability: Double) -> Bool {
        unit() < probability
    }
}
