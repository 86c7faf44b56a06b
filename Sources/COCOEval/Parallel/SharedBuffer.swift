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
