import COCO
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

    /// `[body(0), body(1), ...]` computed on up to `threads` threads. When some calls throw, the
    /// error of the lowest index is thrown, as a sequential loop would.
    static func map<Value: Sendable>(
        count: Int, threads: Int, _ body: @Sendable (Int) throws(InputError) -> Value
    ) throws(InputError) -> [Value] {
        let chunks = ranges(count: count, parts: max(1, threads) * 8)
        let errors = SharedBuffer<InputError?>(repeating: nil, count: chunks.count)
        // How many values each chunk wrote, to release them if another chunk failed.
        let written = SharedBuffer(repeating: 0, count: chunks.count)
        // Workers initialise the result in place: no optional staging array and no copies
        // (500k results per evaluation).
        let values = [Value](unsafeUninitializedCapacity: count) { buffer, initialized in
            let output = SharedBuffer(base: buffer)
            run(chunkCount: chunks.count, threads: threads) { chunk in
                for index in chunks[chunk] {
                    do throws(InputError) {
                        (output.base.baseAddress! + index).initialize(to: try body(index))
                        written[chunk] += 1
                    } catch {
                        errors[chunk] = error
                        return
                    }
                }
            }
            if (0..<chunks.count).allSatisfy({ errors[$0] == nil }) {
                initialized = count
            } else {
                for chunk in chunks.indices {
                    (buffer.baseAddress! + chunks[chunk].lowerBound).deinitialize(count: written[chunk])
                }
                initialized = 0
            }
        }
        written.release()
        if let error = errors.finish().lazy.compactMap({ $0 }).first { throw error }
        return values
    }

    /// Two arrays filled in one parallel pass, `(first[i], second[i]) = body(i)`: a gather that
    /// reads its source at random once per index instead of once per output array.
    static func map<First: Sendable, Second: Sendable>(
        count: Int, threads: Int, _ body: @Sendable (Int) -> (First, Second)
    ) -> ([First], [Second]) {
        let chunks = ranges(count: count, parts: max(1, threads) * 8)
        var second: [Second] = []
        let first = [First](unsafeUninitializedCapacity: count) { firstBuffer, firstCount in
            second = [Second](unsafeUninitializedCapacity: count) { secondBuffer, secondCount in
                let (firsts, seconds) = (SharedBuffer(base: firstBuffer), SharedBuffer(base: secondBuffer))
                run(chunkCount: chunks.count, threads: threads) { chunk in
                    for index in chunks[chunk] {
                        let (a, b) = body(index)
                        (firsts.base.baseAddress! + index).initialize(to: a)
                        (seconds.base.baseAddress! + index).initialize(to: b)
                    }
                }
                secondCount = count
            }
            firstCount = count
        }
        return (first, second)
    }
}
