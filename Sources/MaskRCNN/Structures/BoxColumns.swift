/// Boxes stored as contiguous columns `x1 | y1 | x2 | y2 | area`, so the O(n x m) kernels (IoU
/// matrix, NMS) run branch-free over contiguous Floats and vectorise.
struct BoxColumns {
    /// Pointers to the five columns, each `count` long.
    struct Pointers {
        let x1: UnsafePointer<Float>
        let y1: UnsafePointer<Float>
        let x2: UnsafePointer<Float>
        let y2: UnsafePointer<Float>
        let area: UnsafePointer<Float>
    }

    /// Number of boxes.
    let count: Int
    private var storage: [Float]

    /// The columns of `boxes`, in their order.
    init(_ boxes: some Collection<Box>) {
        count = boxes.count
        storage = [Float](repeating: 0, count: 5 * count)
        for (j, box) in boxes.enumerated() {
            storage[j] = box.x1
            storage[count + j] = box.y1
            storage[2 * count + j] = box.x2
            storage[3 * count + j] = box.y2
            storage[4 * count + j] = box.area
        }
    }

    /// Runs `body` with pointers to the columns (valid only inside `body`).
    func withPointers<Result>(_ body: (Pointers) -> Result) -> Result {
        storage.withUnsafeBufferPointer { buffer in
            // A zero-capacity array may have no base address; any pointer will do for 0 reads.
            let base = buffer.baseAddress ?? UnsafePointer(bitPattern: MemoryLayout<Float>.alignment)!
            return body(Pointers(x1: base, y1: base + count, x2: base + 2 * count, y2: base + 3 * count,
                                 area: base + 4 * count))
        }
    }
}
