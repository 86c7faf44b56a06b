import CDNNL
import Synchronization

/// The one place that talks to oneDNN's C API: every call goes through `check`, which turns a
/// non-success `dnnl_status_t` into a stop naming the operation (inputs are validated before
/// they reach here, so a failure is a bug, not bad input).
enum DNNL {
    /// Stops with the op and oneDNN's status name unless `status` is success.
    static func check(_ status: dnnl_status_t, _ operation: @autoclosure () -> String) {
        guard status != dnnl_success else { return }
        preconditionFailure("oneDNN \(operation()) failed: \(statusName(status))")
    }

    private static func statusName(_ status: dnnl_status_t) -> String {
        switch status {
        case dnnl_out_of_memory: return "out of memory"
        case dnnl_invalid_arguments: return "invalid arguments"
        case dnnl_unimplemented: return "unimplemented"
        case dnnl_iterator_ends: return "iterator ends"
        case dnnl_runtime_error: return "runtime error"
        case dnnl_not_required: return "not required"
        default: return "status \(status.rawValue)"
        }
    }

    /// The CPU engine, created once.
    nonisolated(unsafe) static let engine: dnnl_engine_t = {
        var engine: dnnl_engine_t?
        check(dnnl_engine_create(&engine, dnnl_cpu, 0), "engine_create")
        return engine!
    }()

    /// The stream all primitives run on; CPU execution is synchronous, and `executionLock`
    /// keeps calls from different threads from sharing it at once.
    nonisolated(unsafe) private static let stream: dnnl_stream_t = {
        var stream: dnnl_stream_t?
        check(dnnl_stream_create(&stream, engine, dnnl_stream_default_flags.rawValue), "stream_create")
        return stream!
    }()
    private static let executionLock = Mutex(())

    /// A plain (row-major) f32 memory descriptor of `dims` with `tag`, or `format_tag_any`.
    static func memoryDescriptor(_ dims: [Int], tag: dnnl_format_tag_t) -> dnnl_memory_desc_t {
        var descriptor = dnnl_memory_desc_t()
        let dims64 = dims.map(Int64.init)
        check(dnnl_memory_desc_init_by_tag(&descriptor, Int32(dims.count), dims64, dnnl_f32, tag),
              "memory_desc_init_by_tag \(dims)")
        return descriptor
    }

    /// The memory descriptor a primitive descriptor chose for `query` (e.g. `dnnl_query_src_md`).
    static func chosenDescriptor(_ primitiveDescriptor: dnnl_primitive_desc_t, _ query: dnnl_query_t) -> dnnl_memory_desc_t {
        guard let descriptor = dnnl_primitive_desc_query_md(primitiveDescriptor, query, 0) else {
            preconditionFailure("oneDNN primitive_desc_query_md: no memory for query \(query.rawValue)")
        }
        return descriptor.pointee
    }

    /// Whether two memory descriptors describe the same layout.
    static func sameLayout(_ a: dnnl_memory_desc_t, _ b: dnnl_memory_desc_t) -> Bool {
        withUnsafePointer(to: a) { pa in withUnsafePointer(to: b) { pb in dnnl_memory_desc_equal(pa, pb) != 0 } }
    }

    /// The byte size of memory laid out as `descriptor`.
    static func byteCount(_ descriptor: dnnl_memory_desc_t) -> Int {
        withUnsafePointer(to: descriptor) { dnnl_memory_desc_get_size($0) }
    }

    /// Primitive attributes with a user-managed scratchpad. oneDNN's default (library) scratchpad
    /// is a per-thread global tied to the creating thread, which crashed when a primitive created
    /// on one Dispatch thread ran on another; each execution passes its own scratchpad instead.
    static func withAttributes<R>(_ body: (dnnl_primitive_attr_t) -> R) -> R {
        var attributes: dnnl_primitive_attr_t?
        check(dnnl_primitive_attr_create(&attributes), "primitive_attr_create")
        defer { dnnl_primitive_attr_destroy(attributes) }
        check(dnnl_primitive_attr_set_scratchpad_mode(attributes, dnnl_scratchpad_mode_user), "set_scratchpad_mode")
        return body(attributes!)
    }

    /// Creates the primitive for `primitiveDescriptor`, naming `operation` on failure.
    static func makePrimitive(_ primitiveDescriptor: dnnl_primitive_desc_t, _ operation: String) -> Primitive {
        var primitive: dnnl_primitive_t?
        check(dnnl_primitive_create(&primitive, primitiveDescriptor), "primitive_create \(operation)")
        let scratchpad = chosenDescriptor(primitiveDescriptor, dnnl_query_scratchpad_md)
        return Primitive(handle: primitive!, scratchpad: scratchpad, scratchpadByteCount: byteCount(scratchpad))
    }

    /// Runs `primitive` with arguments `(DNNL_ARG_*, descriptor, pointer)`, wrapping each pointer
    /// in a oneDNN memory object for the duration of the call.
    static func execute(_ primitive: Primitive, _ operation: String,
                        _ arguments: [(Int32, dnnl_memory_desc_t, UnsafeMutableRawPointer)]) {
        ScratchBuffers.withBuffer(byteCount: primitive.scratchpadByteCount) { scratchpad in
            execute(primitive, operation, arguments, scratchpad: scratchpad)
        }
    }

    private static func execute(_ primitive: Primitive, _ operation: String,
                                _ arguments: [(Int32, dnnl_memory_desc_t, UnsafeMutableRawPointer)],
                                scratchpad: UnsafeMutableRawPointer) {
        let arguments = arguments + (primitive.scratchpadByteCount > 0
            ? [(DNNL_ARG_SCRATCHPAD, primitive.scratchpad, scratchpad)] : [])
        var memories: [dnnl_memory_t?] = []
        memories.reserveCapacity(arguments.count)
        for (_, descriptor, pointer) in arguments {
            var memory: dnnl_memory_t?
            withUnsafePointer(to: descriptor) {
                check(dnnl_memory_create(&memory, $0, engine, pointer), "memory_create \(operation)")
            }
            memories.append(memory)
        }
        defer { for memory in memories { dnnl_memory_destroy(memory) } }
        let execArguments = zip(arguments, memories).map { dnnl_exec_arg_t(arg: $0.0.0, memory: $0.1) }
        ComputeThreads.applyToOpenMP()
        executionLock.withLock { _ in
            check(dnnl_primitive_execute(primitive.handle, stream, Int32(execArguments.count), execArguments),
                  "execute \(operation)")
            check(dnnl_stream_wait(stream), "stream_wait \(operation)")
        }
    }

    /// Row-major single-precision GEMM, `C = alpha * op(A) * op(B) + beta * C`, through oneDNN.
    ///
    /// The package's GEMM entry point, so another BLAS can be swapped in here; the one other
    /// matrix product is `linear`'s forward pass, on oneDNN's matmul primitive (`LinearPrimitive`,
    /// measured faster for its transposed weight).
    static func sgemm(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float = 1,
                      a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                      beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int) {
        guard m > 0, n > 0 else { return }
        ComputeThreads.applyToOpenMP()
        check(dnnl_sgemm(transposeA ? 84 : 78, transposeB ? 84 : 78, Int64(m), Int64(n), Int64(k), alpha,
                         a, Int64(lda), b, Int64(ldb), beta, c, Int64(ldc)),
              "sgemm \(m)x\(n)x\(k)")
    }
}

/// A created oneDNN primitive and the scratchpad each execution must supply.
struct Primitive: @unchecked Sendable {
    // Sendable: oneDNN primitives are immutable and may be executed from any thread.
    let handle: dnnl_primitive_t
    let scratchpad: dnnl_memory_desc_t
    let scratchpadByteCount: Int
}

/// A layout bridge for one primitive argument: the plain row-major layout our tensors use and
/// the (possibly blocked) layout the primitive chose, with the reorders between them.
final class LayoutBridge: @unchecked Sendable {
    // Sendable: immutable after creation; oneDNN primitives may be executed from any thread.
    let plain: dnnl_memory_desc_t
    let chosen: dnnl_memory_desc_t
    /// Reorders plain -> chosen and chosen -> plain; `nil` when the layouts are the same.
    private let toChosen: Primitive?
    private let toPlain: Primitive?
    let chosenByteCount: Int

    init(plain: dnnl_memory_desc_t, chosen: dnnl_memory_desc_t, name: String) {
        self.plain = plain
        self.chosen = chosen
        self.chosenByteCount = DNNL.byteCount(chosen)
        if DNNL.sameLayout(plain, chosen) {
            toChosen = nil
            toPlain = nil
        } else {
            toChosen = LayoutBridge.reorder(from: plain, to: chosen, name)
            toPlain = LayoutBridge.reorder(from: chosen, to: plain, name)
        }
    }

    /// Whether the primitive works in a different layout than the plain one.
    var needsReorder: Bool { toChosen != nil }

    private static func reorder(from source: dnnl_memory_desc_t, to destination: dnnl_memory_desc_t,
                                _ name: String) -> Primitive {
        var descriptor: dnnl_primitive_desc_t?
        withUnsafePointer(to: source) { s in
            withUnsafePointer(to: destination) { d in
                DNNL.withAttributes { attributes in
                    DNNL.check(dnnl_reorder_primitive_desc_create(&descriptor, s, DNNL.engine, d, DNNL.engine, attributes),
                               "reorder_primitive_desc_create \(name)")
                }
            }
        }
        defer { dnnl_primitive_desc_destroy(descriptor) }
        return DNNL.makePrimitive(descriptor!, "reorder \(name)")
    }

    /// Calls `body` with `plainPointer`'s data in the chosen layout (reordered into a scratch
    /// buffer when needed); for inputs of a primitive.
    func withChosenInput<R>(_ plainPointer: UnsafeRawPointer, _ body: (UnsafeMutableRawPointer) -> R) -> R {
        let mutablePlain = UnsafeMutableRawPointer(mutating: plainPointer)
        guard let toChosen else { return body(mutablePlain) }
        return ScratchBuffers.withBuffer(byteCount: chosenByteCount) { scratch in
            DNNL.execute(toChosen, "reorder to blocked", [(DNNL_ARG_FROM, plain, mutablePlain), (DNNL_ARG_TO, chosen, scratch)])
            return body(scratch)
        }
    }

    /// Calls `body` with a buffer in the chosen layout, then leaves its contents in plain layout
    /// at `plainPointer`; for outputs of a primitive.
    func withChosenOutput(_ plainPointer: UnsafeMutableRawPointer, _ body: (UnsafeMutableRawPointer) -> Void) {
        guard let toPlain else { return body(plainPointer) }
        ScratchBuffers.withBuffer(byteCount: chosenByteCount) { scratch in
            body(scratch)
            DNNL.execute(toPlain, "reorder to plain", [(DNNL_ARG_FROM, chosen, scratch), (DNNL_ARG_TO, plain, plainPointer)])
        }
    }
}
