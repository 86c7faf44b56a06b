import COCO

/// `--shard i/n`: job j belongs to shard `j mod n`, with 0 <= i < n (Slurm's
/// `SLURM_ARRAY_TASK_ID` for `--array=0-(n-1)`). Round-robin spreads variants and seeds evenly.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    /// This shard's index, 0-based.
    public var index: Int
    /// How many shards there are.
    public var count: Int

    /// The whole job list.
    public static let all = Shard(uncheckedIndex: 0, count: 1)

    private init(uncheckedIndex index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// Parses `i/n`.
    public init(parsing text: String) throws(InputError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]),
              count >= 1, count <= 100_000, index >= 0, index < count else {
            throw InputError(field: "--shard", message: "expected i/n with 0 <= i < n, got \"\(text)\"")
        }
        self.init(uncheckedIndex: index, count: count)
    }

    /// The elements of `jobs` that belong to this shard, in order.
    public func slice<Element>(_ jobs: [Element]) -> [Element] {
        jobs.enumerated().filter { $0.offset % count == index }.map(\.element)
    }

    /// `i/n`.
    public var description: String { "\(index)/\(count)" }
}
