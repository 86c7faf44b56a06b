import Foundation

/// Two independent pieces of work side by side: `first` on a new `Thread` (not a Dispatch
/// worker, so `second`'s own parallel loops keep every worker), `second` on the caller's.
package enum ThreadPair {
    /// Runs both and returns both results once both are done.
    package static func run<First: Sendable, Second>(
        _ first: @escaping @Sendable () -> First, alongside second: () -> Second
    ) -> (First, Second) {
        let slot = Slot<First>()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            slot.value = first()
            done.signal()
        }
        thread.stackSize = 16 << 20   // the JSON readers recurse
        thread.start()
        let secondResult = second()
        done.wait()
        return (slot.value!, secondResult)
    }

    /// Written by the thread before it signals, read after the wait.
    private final class Slot<Value>: @unchecked Sendable {
        var value: Value?
    }
}
