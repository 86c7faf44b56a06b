import CDNNL

/// The shape of one fully connected forward product, the key of the primitive cache.
struct LinearGeometry: Hashable, Sendable {
    var rows: Int, inputs: Int, outputs: Int
    var hasBias: Bool
}

/// oneDNN's matmul primitive for `y = x W^T + b` on plain row-major buffers, created once per
/// geometry and cached (`LinearPrimitive.for(_:)`).
///
/// Why not sgemm: for the forward product the weight is `[outputs, inputs]`, i.e. the transposed
/// right operand, and oneDNN's brgemm matmul (`brg:avx512_core`) reads it in place (plain `ba`
/// layout, no per-call weight reorder) with the bias fused; measured on 256 x 3136 -> 256 at
/// 0.69-0.78x the time of `dnnl_sgemm` (N, T) on 2 threads. The backward products (weight not
/// transposed, short K) stay on sgemm, which was faster there (matmul 1.09-1.26x).
///
/// A new row count needs a new primitive: the first creation in a process JIT-compiles kernels
/// (~9 ms), later ones take 0.03-0.4 ms (oneDNN's own primitive cache keeps re-creations after an
/// eviction from ours at ~0.06 ms). A runtime row count is not an option: oneDNN 2.6 then falls
/// back to its gemm kernel, as slow as sgemm.
final class LinearPrimitive: @unchecked Sendable {
    // Sendable: immutable after creation; oneDNN primitives may be executed from any thread.

    /// Geometries kept before the cache is emptied: bounds memory when row counts vary (inference
    /// on a varying number of RoIs) while a training loop's few shapes stay hot.
    static let cacheCapacity = 64
    fileprivate static let cache = PrimitiveCache<LinearGeometry, LinearPrimitive>(capacity: cacheCapacity)

    /// The cached primitive for `geometry` (all extents positive), created on first use.
    static func `for`(_ geometry: LinearGeometry) -> LinearPrimitive {
        cache.value(for: geometry, make: LinearPrimitive.init)
    }

    let geometry: LinearGeometry
    private let primitive: Primitive
    private let source, weights, bias, destination: dnnl_memory_desc_t
    /// The implementation oneDNN chose (e.g. `brg:avx512_core`), for benchmarks and notes.
    let implementation: String

    private init(_ geometry: LinearGeometry) {
        precondition(geometry.rows > 0 && geometry.inputs > 0 && geometry.outputs > 0,
                     "linear primitive: empty geometry \(geometry)")
        self.geometry = geometry
        let name = "linear [\(geometry.rows), \(geometry.inputs)] -> \(geometry.outputs)"
        var source = DNNL.memoryDescriptor([geometry.rows, geometry.inputs], tag: dnnl_ab)
        // The weight `[outputs, inputs]` row-major is W^T `[inputs, outputs]` in `ba` layout.
        var weights = DNNL.memoryDescriptor([geometry.inputs, geometry.outputs], tag: dnnl_ba)
        var bias = DNNL.memoryDescriptor([1, geometry.outputs], tag: dnnl_ab)
        var destination = DNNL.memoryDescriptor([geometry.rows, geometry.outputs], tag: dnnl_ab)
        var descriptor = dnnl_matmul_desc_t()
        if geometry.hasBias {
            DNNL.check(dnnl_matmul_desc_init(&descriptor, &source, &weights, &bias, &destination), "matmul_desc_init \(name)")
        } else {
            DNNL.check(dnnl_matmul_desc_init(&descriptor, &source, &weights, nil, &destination), "matmul_desc_init \(name)")
        }
        (self.source, self.weights, self.bias, self.destination) = (source, weights, bias, destination)
        var primitiveDescriptor: dnnl_primitive_desc_t?
        DNNL.withAttributes { attributes in
            DNNL.check(dnnl_primitive_desc_create(&primitiveDescriptor, &descriptor, attributes, DNNL.engine, nil),
                       "primitive_desc_create \(name)")
        }
        defer { dnnl_primitive_desc_destroy(primitiveDescriptor) }
        var implementationName: UnsafePointer<CChar>?
        DNNL.check(dnnl_primitive_desc_query(primitiveDescriptor, dnnl_query_impl_info_str, 0, &implementationName),
                   "primitive_desc_query impl_info_str \(name)")
        implementation = implementationName.map { String(cString: $0) } ?? "unknown"
        primitive = DNNL.makePrimitive(primitiveDescriptor!, name)
    }

    deinit { dnnl_primitive_destroy(primitive.handle) }

    /// `output = input weight^T + bias`: `input` `[rows, inputs]`, `weight` `[outputs, inputs]`,
    /// `bias` `[outputs]` (required exactly when the geometry has one), `output` `[rows, outputs]`.
    func runForward(input: UnsafePointer<Float>, weight: UnsafePointer<Float>, bias biasValues: UnsafePointer<Float>?,
                    output: UnsafeMutablePointer<Float>) {
        precondition((biasValues != nil) == geometry.hasBias, "linear primitive: bias presence does not match its geometry")
        var arguments = [(DNNL_ARG_SRC, source, UnsafeMutableRawPointer(mutating: input)),
                         (DNNL_ARG_WEIGHTS, weights, UnsafeMutableRawPointer(mutating: weight)),
                         (DNNL_ARG_DST, destination, UnsafeMutableRawPointer(output))]
        if let biasValues { arguments.append((DNNL_ARG_BIAS, bias, UnsafeMutableRawPointer(mutating: biasValues))) }
        DNNL.execute(primitive, "linear forward", arguments)
    }
}

extension LinearPrimitive {
    /// How many geometries the cache holds now (at most `cacheCapacity`).
    static var cachedCount: Int { cache.count }

    /// Drops every cached primitive (tests re-create primitives to check they agree).
    static func clearCache() {
        cache.removeAll()
    }
}
