import CDNNL
import Dispatch
import Foundation
import Synchronization

/// The one thread-count setting for all compute: oneDNN's OpenMP pool and MaskBench's own
/// parallel loops (Dispatch).
///
/// Results depend on the thread count (reductions split work per thread) but never on timing:
/// the same seed and thread count give identical bytes on every run. A model runs its work inside
/// `withCount(config.threads)`, so two models with different counts can share a process (and tests
/// can run side by side) without changing each other's numbers through the process default.
public enum ComputeThreads {
    private static let processDefault = Mutex(ProcessInfo.processInfo.activeProcessorCount)
    @TaskLocal private static var scoped: Int?

    /// The number of threads compute on the calling thread uses: the innermost `withCount`
    /// scope's, else the process default (all cores unless set, e.g. by a command's `--threads`).
    public static var count: Int {
        get { scoped ?? processDefault.withLock { $0 } }
        set {
            precondition(newValue >= 1, "ComputeThreads.count must be at least 1, not \(newValue)")
            processDefault.withLock { $0 = newValue }
        }
    }

    /// Runs `body` with `count` compute threads on the calling thread (and in tasks it starts),
    /// then restores the previous count. Scopes nest; the process default is not touched.
    public static func withCount<Result>(_ count: Int, _ body: () throws -> Result) rethrows -> Result {
        precondition(count >= 1, "ComputeThreads.withCount needs at least 1 thread, not \(count)")
        return try $scoped.withValue(count, operation: body)
    }

    /// Runs `body` over contiguous chunks of `0..<count`, on up to `count` threads when each
    /// chunk gets at least `minimumChunk` items, else serially on the calling thread: the
    /// parallel loop for kernels in other modules (e.g. RoI operators), under this one setting.
    ///
    /// Chunk boundaries depend only on `count`, `minimumChunk` and the thread setting, so a
    /// kernel that writes disjoint ranges (and combines per-chunk partial sums in chunk order) is
    /// deterministic. Pick `minimumChunk` so a chunk is at least tens of microseconds of work:
    /// waking Dispatch threads costs more than a memory-bound pass over a few MB (tensor-bench).
    public static func parallelFor(_ count: Int, minimumChunk: Int, _ body: (Range<Int>) -> Void) {
        parallelChunks(count, minimumChunk: minimumChunk, body)
    }

    /// Applies the setting to OpenMP on the calling thread (OpenMP's thread count is a
    /// per-thread setting, so this runs before each oneDNN call).
    static func applyToOpenMP() {
        let wanted = Int32(count)
        if omp_get_max_threads() != wanted { omp_set_num_threads(wanted) }
    }
}

/// Runs `body` over `0..<count` split into contiguous chunks, in parallel when the work is
/// large enough to pay for waking threads (`minimumChunk` elements per thread).
///
/// The default chunk is large on purpose: tensor-bench measured relu on (2,64,64,64) (524K
/// elements) at 0.07 ms on one thread and over 1 ms split across two Dispatch threads on a busy
/// 2-core machine (wake-up and OpenMP's spinning workers), so memory-bound loops stay serial
/// unless they are many megabytes.
///
/// Chunk boundaries depend only on `count` and the thread setting, so per-chunk partial sums
/// combine identically on every run.
@inlinable
func parallelChunks(_ count: Int, minimumChunk: Int = 1 << 22, _ body: (Range<Int>) -> Void) {
    let chunks = chunkCount(count, minimumChunk: minimumChunk)
    if chunks <= 1 {
        if count > 0 { body(0..<count) }
        return
    }
    // Each chunk writes its own disjoint range, so sharing `body` across threads is safe.
    nonisolated(unsafe) let body = body
    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
        body(chunkRange(chunk, of: chunks, total: count))
    }
}

/// How many chunks `parallelChunks` uses for `count` items.
@usableFromInline
func chunkCount(_ count: Int, minimumChunk: Int) -> Int {
    max(1, min(ComputeThreads.count, count / max(1, minimumChunk)))
}

/// The `chunk`-th of `chunks` near-equal contiguous ranges covering `0..<total`.
@usableFromInline
func chunkRange(_ chunk: Int, of chunks: Int, total: Int) -> Range<Int> {
    (total * chunk / chunks)..<(total * (chunk + 1) / chunks)
}
