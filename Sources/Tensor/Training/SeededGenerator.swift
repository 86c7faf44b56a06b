import Foundation

/// A seeded, platform-independent random generator (xoshiro256** seeded by SplitMix64), so a
/// seed gives the same initial weights, samples and shuffles on every machine and run.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    /// Creates a generator whose whole sequence is fixed by `seed`.
    public init(seed: UInt64) {
        var mixer = seed
        func splitMix() -> UInt64 {
            mixer &+= 0x9E37_79B9_7F4A_7C15
            var z = mixer
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (splitMix(), splitMix(), splitMix(), splitMix())
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = ((state.1 &* 5) << 7 | (state.1 &* 5) >> 57) &* 9
        let shifted = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= shifted
        state.3 = state.3 << 45 | state.3 >> 19
        return result
    }

    /// A uniform Float in [0, 1) from the top 24 bits (exactly representable steps).
    public mutating func nextUniform() -> Float {
        Float(next() >> 40) * (1 / Float(1 << 24))
    }

    /// A standard normal sample (Box-Muller in Double, so the tails are accurate).
    public mutating func nextNormal() -> Float {
        let u1 = (Double(next() >> 11) + 1) * (1 / 9_007_199_254_740_992.0)   // (0, 1]
        let u2 = Double(next() >> 11) * (1 / 9_007_199_254_740_992.0)
        return Float((-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2))
    }
}
