import Synchronization

/// A small pool of 64-byte-aligned scratch buffers for reorders and oneDNN scratchpads.
///
/// Blocked-layout copies of activations are megabytes and needed on every call; reusing them
/// avoids fresh pages (page faults) per call. A few buffers per size are kept.
enum ScratchBuffers {
    private struct Buffer: @unchecked Sendable {
        // Sendable: a pooled buffer is owned by whoever took it from the pool.
        let pointer: UnsafeMutableRawPointer
    }

    private static let pool = Mutex<[Int: [Buffer]]>([:])
    private static let keptPerSize = 4

    /// Calls `body` with a buffer of at least `byteCount` bytes, returned to the pool afterwards.
    static func withBuffer<R>(byteCount: Int, _ body: (UnsafeMutableRawPointer) -> R) -> R {
        let size = max(64, byteCount)
        let buffer = pool.withLock { $0[size]?.popLast() }
            ?? Buffer(pointer: UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 64))
        defer {
            let kept = pool.withLock { table -> Bool in
                guard table[size, default: []].count < keptPerSize else { return false }
                table[size, default: []].append(buffer)
                return true
            }
            if !kept { buffer.pointer.deallocate() }
        }
        return body(buffer.pointer)
    }
}
