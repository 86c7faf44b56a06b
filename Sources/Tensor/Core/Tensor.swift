/// A dense Float32 tensor in row-major (NCHW for images) order, with value semantics.
///
/// Copies share one buffer until one of them is written (copy on write), so passing tensors
/// around is cheap. A tensor may take part in reverse-mode autograd: a leaf created with
/// `requiringGradient()` (or a `Parameter`) collects `.grad` when `backward()` runs on a scalar
/// loss computed from it; every op records its own backward (see `Tensor.record`).
///
/// Shapes are checked when a tensor is made and by every op (a mismatch is a programming error
/// and stops with a message naming the op and both shapes); data read from files is validated
/// by the loaders, which throw `InputError` instead.
public struct Tensor: @unchecked Sendable {
    // Sendable: the scalars are an Array (value type) and the autograd node is only touched by
    // the thread that builds and runs a graph.

    /// The extent of each dimension, outermost first, e.g. `[N, C, H, W]`; `[]` for a scalar.
    public let shape: [Int]
    @usableFromInline var storage: [Float]
    /// The autograd record of this value: a leaf (parameter) or the op that produced it.
    var node: GradientNode?

    /// Creates a tensor of `shape` holding `scalars` in row-major order.
    ///
    /// - Precondition: every extent is non-negative and `scalars.count` is their product.
    public init(shape: [Int], scalars: [Float]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "Tensor: negative extent in shape \(shape)")
        precondition(scalars.count == Tensor.count(of: shape),
                     "Tensor: \(scalars.count) scalars do not fill shape \(shape)")
        self.shape = shape
        self.storage = scalars
        self.node = nil
    }

    /// Creates a tensor of `shape` filled with zeros.
    public init(zeros shape: [Int]) {
        self.init(shape: shape, scalars: [Float](repeating: 0, count: Tensor.count(of: shape)))
    }

    /// Creates a tensor of `shape` with every element equal to `value`.
    public init(repeating value: Float, shape: [Int]) {
        self.init(shape: shape, scalars: [Float](repeating: value, count: Tensor.count(of: shape)))
    }

    /// Creates a 0-dimensional tensor holding `value`.
    public init(scalar value: Float) {
        self.init(shape: [], scalars: [value])
    }

    /// The number of elements (the product of `shape`).
    public var count: Int { storage.count }

    /// The number of dimensions.
    public var rank: Int { shape.count }

    /// A copy of the elements in row-major order.
    public var scalars: [Float] { storage }

    /// The single element of a one-element tensor (e.g. a loss).
    public var scalar: Float {
        precondition(storage.count == 1, "Tensor.scalar: shape \(shape) has \(storage.count) elements")
        return storage[0]
    }

    /// Calls `body` with read-only access to the elements (row-major), for kernels.
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        try storage.withUnsafeBufferPointer(body)
    }

    /// Calls `body` with write access to the elements, first copying them if the buffer is shared
    /// with another tensor value, so other copies never see the write.
    public mutating func withUnsafeMutableBufferPointer<R>(
        _ body: (inout UnsafeMutableBufferPointer<Float>) throws -> R
    ) rethrows -> R {
        try storage.withUnsafeMutableBufferPointer(body)
    }

    /// The product of the extents of `shape` (1 for a scalar).
    public static func count(of shape: [Int]) -> Int {
        shape.reduce(1, *)
    }

    /// A tensor of `shape` whose elements are written by `fill` into an uninitialised buffer.
    ///
    /// Kernels use it to make outputs without a zero-fill pass; `fill` must write every element.
    @inlinable
    public static func filled(shape: [Int], _ fill: (UnsafeMutableBufferPointer<Float>) -> Void) -> Tensor {
        let count = Tensor.count(of: shape)
        let scalars = [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            fill(buffer)
            initialized = count
        }
        return Tensor(shape: shape, scalars: scalars)
    }
}

extension Tensor {
    /// A tensor whose elements are not yet written, for kernels (such as oneDNN primitives) that
    /// overwrite every element; Float has no invalid bit patterns, so reading early is only wrong,
    /// never undefined.
    static func uninitialized(shape: [Int]) -> Tensor {
        filled(shape: shape) { _ in }
    }
}

extension Tensor: CustomStringConvertible {
    /// `Tensor([2, 3]: [..first elements..])`, short enough for logs.
    public var description: String {
        let head = storage.prefix(8).map { "\($0)" }.joined(separator: ", ")
        return "Tensor(\(shape): [\(head)\(storage.count > 8 ? ", ..." : "")])"
    }
}
