import CImageCodecs
import COCO
import Foundation

/// The container formats MaskBench reads and writes.
public enum ImageFormat: Sendable {
    /// PNG, through libpng.
    case png
    /// JPEG (JFIF/EXIF), through libjpeg(-turbo).
    case jpeg

    /// The format announced by the first bytes of a file, or nil for anything else.
    public init?(signatureOf data: Data) {
        if data.starts(with: [0x89, 0x50, 0x4E, 0x47]) {
            self = .png
        } else if data.starts(with: [0xFF, 0xD8]) {
            self = .jpeg
        } else {
            return nil
        }
    }
}

extension Image {
    /// Decodes a PNG or JPEG file (format chosen by its signature, not its extension).
    ///
    /// Missing, truncated or corrupt files throw an `InputError` naming the file; libpng and
    /// libjpeg errors (and libjpeg's truncation warning) come back through the C shim, never abort.
    public init(contentsOf url: URL) throws(InputError) {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw InputError(file: url.path, message: "cannot read image: \(error.localizedDescription)")
        }
        try self.init(encoded: data, source: url.path)
    }

    /// Decodes PNG or JPEG bytes; `source` names them in errors.
    public init(encoded data: Data, source: String) throws(InputError) {
        guard let format = ImageFormat(signatureOf: data) else {
            throw InputError(file: source, message: "not a PNG or JPEG file")
        }
        let kind = format == .png ? "PNG" : "JPEG"
        var message = [CChar](repeating: 0, count: 256)
        var width: Int32 = 0
        var height: Int32 = 0
        let headerStatus = data.withUnsafeBytes { bytes in
            message.withUnsafeMutableBufferPointer { error in
                let base = bytes.bindMemory(to: UInt8.self).baseAddress
                return format == .png
                    ? mb_png_read_size(base, bytes.count, &width, &height, error.baseAddress, error.count)
                    : mb_jpeg_read_size(base, bytes.count, &width, &height, error.baseAddress, error.count)
            }
        }
        guard headerStatus == 0 else {
            throw InputError(file: source, message: "corrupt \(kind): \(Self.string(from: message))")
        }
        // Checked before allocating, so a forged header cannot request gigabytes.
        guard width > 0, height > 0, Int(width) * Int(height) <= Self.maximumPixels else {
            throw InputError(file: source, message: "\(kind) size \(width)x\(height) is outside 1...\(Self.maximumPixels) pixels")
        }
        let count = Int(width) * Int(height) * 3
        var status: Int32 = 0
        // Decode straight into the array's storage: no intermediate buffer or copy.
        let pixels = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            status = data.withUnsafeBytes { bytes in
                message.withUnsafeMutableBufferPointer { error in
                    let base = bytes.bindMemory(to: UInt8.self).baseAddress
                    return format == .png
                        ? mb_png_decode_rgb(base, bytes.count, buffer.baseAddress, count, error.baseAddress, error.count)
                        : mb_jpeg_decode_rgb(base, bytes.count, buffer.baseAddress, count, error.baseAddress, error.count)
                }
            }
            if status != 0 { buffer.initialize(repeating: 0) }
            initialized = count
        }
        guard status == 0 else {
            throw InputError(file: source, message: "corrupt \(kind): \(Self.string(from: message))")
        }
        self.init(uncheckedWidth: Int(width), height: Int(height), pixels: pixels)
    }

    /// The most pixels a decoded image may have (about 100 megapixels, 300 MB as RGB).
    public static let maximumPixels = 100_000_000

    /// The image as PNG bytes (8-bit RGB, zlib level 6).
    public func pngData() throws(InputError) -> Data {
        try encode { pixels, encoded, size, error, capacity in
            mb_png_encode(pixels, Int32(width), Int32(height), 3, encoded, size, error, capacity)
        }
    }

    /// The image as baseline JPEG bytes at `quality` (1...100).
    public func jpegData(quality: Int = 90) throws(InputError) -> Data {
        guard (1...100).contains(quality) else {
            throw InputError(field: "quality", message: "JPEG quality \(quality) is outside 1...100")
        }
        return try encode { pixels, encoded, size, error, capacity in
            mb_jpeg_encode_rgb(pixels, Int32(width), Int32(height), Int32(quality), encoded, size, error, capacity)
        }
    }

    /// Writes the image as a PNG, atomically (temporary file + rename).
    public func writePNG(to url: URL) throws(InputError) {
        let data = try pngData()
        do {
            try data.write(to: url, options: .atomic)
        } catch {
            throw InputError(file: url.path, message: "cannot write PNG: \(error.localizedDescription)")
        }
    }

    private typealias Encoder = (
        UnsafePointer<UInt8>, UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>, UnsafeMutablePointer<Int>,
        UnsafeMutablePointer<CChar>, Int
    ) -> Int32

    private func encode(_ encoder: Encoder) throws(InputError) -> Data {
        var encoded: UnsafeMutablePointer<UInt8>?
        var size = 0
        var message = [CChar](repeating: 0, count: 256)
        let status = pixels.withUnsafeBufferPointer { pixels in
            message.withUnsafeMutableBufferPointer { error in
                encoder(pixels.baseAddress!, &encoded, &size, error.baseAddress!, error.count)
            }
        }
        defer { mb_codec_free(encoded) }
        guard status == 0, let encoded else {
            throw InputError(message: "cannot encode image: \(Self.string(from: message))")
        }
        return Data(bytes: encoded, count: size)
    }

    private static func string(from message: [CChar]) -> String {
        message.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }
}
