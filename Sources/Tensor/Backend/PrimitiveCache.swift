import Synchronization

/// Created oneDNN primitives by geometry, shared by all threads: creating a primitive JIT-compiles
/// kernels (up to milliseconds), so each geometry is made once and reused.
///
/// With a `capacity`, the table is emptied when full: shapes that vary (a RoI count at inference)
/// cannot grow it without bound, and a training loop's few shapes are re-created at most once.
final class PrimitiveCache<Key: Hashable & Sendable, Value: AnyObject & Sendable>: Sendable {
    private let table = Mutex<[Key: Value]>([:])
    /// The most geometries held at once.
    let capacity: Int

    init(capacity: Int = .max) {
        self.capacity = capacity
    }

    /// The cached value for `key`, made by `make` on first use (outside the lock: creation is
    /// slow; when two threads race, the first one stored wins).
    func value(for key: Key, make: (Key) -> Value) -> Value {
        if let hit = table.withLock({ $0[key] }) { return hit }
        let made = make(key)
        return table.withLock { table in
            if let raced = table[key] { return raced }
            if table.count >= capacity { table.removeAll() }
            table[key] = made
            return made
        }
    }

    /// How many geometries are held now.
    var count: Int { table.withLock { $0.count } }

    /// Drops every cached value (tests re-create primitives).
    func removeAll() {
        table.withLock { $0.removeAll() }
    }
}
