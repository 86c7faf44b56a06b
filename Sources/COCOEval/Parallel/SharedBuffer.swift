/// A buffer several workers write at disjoint indices.
struct SharedBuffer<Element>: @unchecked Sendable {
    let base: UnsafeMutableBufferPointer<Element>

    init(repeating value: Element, count: Int) {
        base = .allocate(capacity: count)
        base.initialize(repeating: value)
    }

    /// Wraps memory someone else owns (and frees); do not call `finish` or `release` on it.
    init(base: UnsafeMutableBufferPointer<Element>) {
        self.base = base
    }

    subscript(index: Int) -> Element {
        get { base[index] }
        nonmutating set { base[index] = newValue }
    }

    /// Frees a buffer whose contents are no longer needed.
    func release() {
        base.deinitialize()
        base.deallocate()
    }

    /// Copies the contents out and frees the buffer.
    func finish() -> [Element] {
        defer { base.deallocate() }
        return Array(base)
    }
}
