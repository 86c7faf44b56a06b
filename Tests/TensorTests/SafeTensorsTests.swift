import COCO
import Foundation
import Testing
import TestSupport
@testable import Tensor

/// safetensors cross-loading with Python's `safetensors` package, both ways, and clear errors.
@Suite struct SafeTensorsTests {
    /// The tensors of `Tests/Fixtures/tensor/from_swift.safetensors`; scripts/check_swift_safetensors.py
    /// checks the same values after loading the committed file with Python.
    static let swiftWritten: [String: Tensor] = [
        "alpha": Tensor(shape: [2, 3], scalars: (0..<6).map { Float($0) * 0.5 - 1 }),
        "beta": Tensor(shape: [4], scalars: [1e-30, -0.0, 3.4e38, 1.0 / 3]),
        "scalar": Tensor(scalar: 7.25),
        "empty": Tensor(zeros: [0, 3]),
    ]
    static let swiftMetadata = ["writer": "MaskBench"]

    @Test func writerReproducesTheFilePythonVerified() throws {
        let encoded = SafeTensors.encode(Self.swiftWritten, metadata: Self.swiftMetadata)
        if ProcessInfo.processInfo.environment["MASKBENCH_WRITE_FIXTURES"] == "1" {
            try encoded.write(to: Fixtures.url("tensor/from_swift.safetensors"), options: .atomic)
        }
        #expect(encoded == (try Fixtures.data("tensor/from_swift.safetensors")))
    }

    @Test func readsTheFilePythonWrote() throws {
        let (tensors, metadata) = try SafeTensors.decodeWithMetadata(try Fixtures.data("tensor/torch_parity.safetensors"))
        #expect(metadata["generator"] == "scripts/make_tensor_fixtures.py")
        #expect(tensors["conv.w"]?.shape == [4, 3, 3, 3])
        #expect(tensors["sgd.lrs"]?.shape == [8])
        // The warm-up starts at 0.1 * 0.05 and PyTorch stores Float32 bits we must read exactly.
        #expect(tensors["sgd.lrs"]?.scalars.first == Float(0.005))
    }

    @Test func roundTripsThroughAtomicWrite() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("maskbench-\(UUID()).safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try SafeTensors.write(Self.swiftWritten, to: url)
        let back = try SafeTensors.read(from: url)
        #expect(Set(back.keys) == Set(Self.swiftWritten.keys))
        for (name, tensor) in Self.swiftWritten {
            #expect(back[name]?.shape == tensor.shape)
            #expect(back[name]?.scalars.map(\.bitPattern) == tensor.scalars.map(\.bitPattern))
        }
    }

    /// The body of a one-tensor file with the given header JSON.
    func file(header: String, body: [UInt8]) -> Data {
        var data = Data()
        withUnsafeBytes(of: UInt64(header.utf8.count).littleEndian) { data.append(contentsOf: $0) }
        data.append(contentsOf: Array(header.utf8))
        data.append(contentsOf: body)
        return data
    }

    @Test func truncatedBodyNamesTheTensor() {
        let data = file(header: #"{"w":{"dtype":"F32","shape":[2,2],"data_offsets":[0,16]}}"#, body: [UInt8](repeating: 0, count: 12))
        #expect(throws: InputError(file: "ckpt", field: "w",
                                   message: "data_offsets [0, 16] outside the body of 12 bytes (truncated file?)")) {
            try SafeTensors.decode(data, file: "ckpt")
        }
    }

    @Test func wrongDtypeNamesTheTensor() {
        let data = file(header: #"{"w":{"dtype":"F16","shape":[2],"data_offsets":[0,4]}}"#, body: [0, 0, 0, 0])
        #expect(throws: InputError(file: "ckpt", field: "w", message: "dtype F16, expected F32")) {
            try SafeTensors.decode(data, file: "ckpt")
        }
    }

    @Test func shapeDisagreeingWithOffsetsNamesTheTensor() {
        let data = file(header: #"{"w":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#, body: [UInt8](repeating: 0, count: 8))
        #expect(throws: InputError(file: "ckpt", field: "w", message: "shape [3] needs 12 bytes, data_offsets give 8")) {
            try SafeTensors.decode(data, file: "ckpt")
        }
    }

    @Test func headerLongerThanFileIsReported() {
        var data = Data()
        withUnsafeBytes(of: UInt64(1 << 40).littleEndian) { data.append(contentsOf: $0) }
        #expect(throws: InputError.self) { try SafeTensors.decode(data, file: "ckpt") }
        #expect(throws: InputError.self) { try SafeTensors.decode(Data([1, 2]), file: "ckpt") }
    }

    @Test func restoreChecksShapesAndLeavesParametersAloneOnError() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("maskbench-\(UUID()).safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try SafeTensors.write(["a": Tensor(zeros: [2]), "b": Tensor(zeros: [3])], to: url)
        let a = Parameter("a", Tensor(repeating: 1, shape: [2]))
        let b = Parameter("b", Tensor(repeating: 1, shape: [4]))
        #expect(throws: InputError(file: url.path, field: "b", message: "shape [3] in checkpoint, model expects [4]")) {
            try SafeTensors.restore([a, b], from: url)
        }
        #expect(a.value.scalars == [1, 1])
        let c = Parameter("c", Tensor(zeros: [1]))
        #expect(throws: InputError(file: url.path, field: "c", message: "tensor missing from checkpoint")) {
            try SafeTensors.restore([c], from: url)
        }
        try SafeTensors.restore([a], from: url)
        #expect(a.value.scalars == [0, 0] && a.value.requiresGrad)
    }
}
