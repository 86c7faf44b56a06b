import COCO
import Foundation

/// Reads and writes the safetensors format (Hugging Face's `safetensors` package): an 8-byte
/// little-endian header length, a JSON header mapping each name to dtype, shape and byte range,
/// then the raw little-endian data. MaskBench writes F32 only and reads F32 only.
///
/// Files are written atomically (temp file + rename) so a killed run never leaves a torn
/// checkpoint. Malformed files throw `InputError` naming the file and the tensor (as `field`).
public enum SafeTensors {
    /// One header entry, as the format defines it.
    private struct Entry: Codable {
        var dtype: String
        var shape: [Int]
        var data_offsets: [Int]   // swiftlint:disable:this identifier_name
    }

    /// Either a tensor entry or the free-form `__metadata__` map.
    private enum HeaderValue: Decodable {
        case tensor(Entry)
        case metadata([String: String])

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let entry = try? container.decode(Entry.self) {
                self = .tensor(entry)
            } else {
                self = .metadata(try container.decode([String: String].self))
            }
        }
    }

    /// The tensors stored in `data` by name. `file` only labels errors.
    public static func decode(_ data: Data, file: String? = nil) throws -> [String: Tensor] {
        try decodeWithMetadata(data, file: file).tensors
    }

    /// The tensors and the `__metadata__` strings stored in `data`.
    public static func decodeWithMetadata(_ data: Data, file: String? = nil) throws
        -> (tensors: [String: Tensor], metadata: [String: String]) {
        func fail(_ field: String?, _ message: String) -> InputError {
            InputError(file: file, field: field, message: message)
        }
        guard data.count >= 8 else { throw fail(nil, "safetensors: file of \(data.count) bytes has no header length") }
        let headerLength = data.prefix(8).enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        guard headerLength <= UInt64(data.count - 8) else {
            throw fail(nil, "safetensors: header length \(headerLength) exceeds the file's \(data.count - 8) remaining bytes")
        }
        let headerStart = data.startIndex + 8
        let bodyStart = headerStart + Int(headerLength)
        let header: [String: HeaderValue]
        do {
            header = try JSONDecoder().decode([String: HeaderValue].self, from: data[headerStart..<bodyStart])
        } catch {
            throw fail(nil, "safetensors: header is not valid JSON: \(error)")
        }
        let bodyLength = data.count - 8 - Int(headerLength)
        var tensors: [String: Tensor] = [:]
        var metadata: [String: String] = [:]
        for (name, value) in header {
            guard case .tensor(let entry) = value else {
                if case .metadata(let map) = value, name == "__metadata__" { metadata = map; continue }
                throw fail(name, "safetensors: header entry is not a tensor description")
            }
            guard entry.dtype == "F32" else { throw fail(name, "dtype \(entry.dtype), expected F32") }
            guard entry.shape.allSatisfy({ $0 >= 0 }) else { throw fail(name, "negative extent in shape \(entry.shape)") }
            let (elements, overflow) = entry.shape.reduce((1, false)) { partial, extent in
                let product = partial.0.multipliedReportingOverflow(by: extent)
                return (product.partialValue, partial.1 || product.overflow)
            }
            guard !overflow, entry.data_offsets.count == 2 else { throw fail(name, "invalid shape or data_offsets") }
            let begin = entry.data_offsets[0], end = entry.data_offsets[1]
            guard begin >= 0, begin <= end, end <= bodyLength else {
                throw fail(name, "data_offsets [\(begin), \(end)] outside the body of \(bodyLength) bytes (truncated file?)")
            }
            guard end - begin == elements * 4 else {
                throw fail(name, "shape \(entry.shape) needs \(elements * 4) bytes, data_offsets give \(end - begin)")
            }
            let bytes = data[(bodyStart + begin)..<(bodyStart + end)]
            let scalars = bytes.withUnsafeBytes { raw in
                (0..<elements).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * $0, as: UInt32.self))) }
            }
            tensors[name] = Tensor(shape: entry.shape, scalars: scalars)
        }
        return (tensors, metadata)
    }

    /// Reads the tensors of the file at `url`.
    public static func read(from url: URL) throws -> [String: Tensor] {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw InputError(file: url.path, message: "cannot read safetensors file: \(error.localizedDescription)")
        }
        return try decode(data, file: url.path)
    }

    /// The safetensors bytes for `tensors`, in name order, with optional `metadata`.
    public static func encode(_ tensors: [String: Tensor], metadata: [String: String] = [:]) -> Data {
        let names = tensors.keys.sorted()
        var entries: [String] = []
        if !metadata.isEmpty {
            let pairs = metadata.keys.sorted().map { "\(jsonString($0)):\(jsonString(metadata[$0]!))" }
            entries.append("\"__metadata__\":{\(pairs.joined(separator: ","))}")
        }
        var offset = 0
        for name in names {
            let tensor = tensors[name]!
            let shape = tensor.shape.map(String.init).joined(separator: ",")
            entries.append("\(jsonString(name)):{\"dtype\":\"F32\",\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(offset + 4 * tensor.count)]}")
            offset += 4 * tensor.count
        }
        var header = Array("{\(entries.joined(separator: ","))}".utf8)
        while header.count % 8 != 0 { header.append(0x20) }   // the format pads with spaces to 8 bytes
        var data = Data(capacity: 8 + header.count + offset)
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { data.append(contentsOf: $0) }
        data.append(contentsOf: header)
        for name in names {
            tensors[name]!.withUnsafeBufferPointer { values in
                for value in values { withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
            }
        }
        return data
    }

    /// Writes `tensors` to `url` atomically (temp file + rename).
    public static func write(_ tensors: [String: Tensor], to url: URL, metadata: [String: String] = [:]) throws {
        try encode(tensors, metadata: metadata).write(to: url, options: .atomic)
    }

    /// Saves the parameters' values under their names.
    public static func save(_ parameters: [Parameter], to url: URL, metadata: [String: String] = [:]) throws {
        try write(Dictionary(parameters.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first }),
                  to: url, metadata: metadata)
    }

    /// Loads every parameter's value from `url`, checking each is present with the right shape.
    /// Nothing is changed unless all parameters load.
    public static func restore(_ parameters: [Parameter], from url: URL) throws {
        let stored = try read(from: url)
        var values: [Tensor] = []
        for parameter in parameters {
            guard let tensor = stored[parameter.name] else {
                throw InputError(file: url.path, field: parameter.name, message: "tensor missing from checkpoint")
            }
            guard tensor.shape == parameter.value.shape else {
                throw InputError(file: url.path, field: parameter.name,
                                 message: "shape \(tensor.shape) in checkpoint, model expects \(parameter.value.shape)")
            }
            values.append(tensor)
        }
        for (parameter, value) in zip(parameters, values) { parameter.value = value.requiringGradient() }
    }

    private static func jsonString(_ text: String) -> String {
        String(decoding: (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8), as: UTF8.self)
    }
}
