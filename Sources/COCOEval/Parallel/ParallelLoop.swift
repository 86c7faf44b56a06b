import Dispatch

/// Runs `chunkCount` independent chunks on at most `threads` threads.
///
/// Chunks are dealt round-robin (worker w runs chunks w, w + threads, ...), and each chunk writes
/// only its own output ranges, so results do not depend on scheduling.
enum ParallelLoop {
    static func run(chunkCount: Int, threads: Int, _ body: @Sendable (Int) -> Void) {
        let workers = max(1, min(threads, chunkCount))
        if workers == 1 {
            for chunk in 0..<chunkCount { body(chunk) }
            return
        }
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var chunk = worker
            while chunk < chunkCount {
                body(chunk)
                chunk += workers
            }
        }
    }

    /// Splits `0..<count` into about `parts` contiguous ranges.
    static func ranges(count: Int, parts: Int) -> [Range<Int>] {
        let parts = max(1, min(parts, count))
        return (0..<parts).map { count * $0 / parts ..< count * ($0 + 1) / parts }
    }
}

/// A buffer several workers write at disjoint indices.
struct SharedBuffer<Element>: @unchecked Sendable {
    let base: UnsafeMutableBufferPointer<Element>

    init(repeating value: Element, count: Int) {
        base = .allocate(capacity: count)
        base.initialize(repeating: value)
    }

    subscript(index: Int) -> Element {
        get { base[index] }
        nonmutating set { base[index] = newValue }
    }

    /// Copies the contents out and frees the buffer.
    func finish() -> [Element] {
        defer { base.deallocate() }
        return Array(base)
    }
}
