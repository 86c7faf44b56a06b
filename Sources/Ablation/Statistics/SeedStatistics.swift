/// Mean and spread of a metric over seeds.
public struct SeedStatistics: Sendable, Equatable {
    /// The values, in seed order.
    public var values: [Double]

    /// Statistics of `values`.
    public init(_ values: [Double]) {
        self.values = values
    }

    /// The arithmetic mean (NaN when empty).
    public var mean: Double { values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count) }

    /// The sample standard deviation (n - 1 in the denominator; 0 for a single value, NaN when empty).
    public var standardDeviation: Double {
        guard values.count > 1 else { return values.isEmpty ? .nan : 0 }
        let mean = mean
        return (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count - 1)).squareRoot()
    }
}
