import COCO

/// An 8-bit RGB image: `height` rows of `width` pixels, each 3 bytes (R, G, B), row-major.
///
/// This is the one in-memory layout MaskBench uses: decoders convert every PNG/JPEG variant to it
/// and the renderers, augmentation and visualiser all read and write it.
public struct Image: Equatable, Hashable, Sendable {
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// `height * width * 3` bytes: pixel (x, y) channel c is at `(y * width + x) * 3 + c`.
    public var pixels: [UInt8]

    /// Creates an image from interleaved RGB bytes; the count must be `width * height * 3`.
    public init(width: Int, height: Int, pixels: [UInt8]) throws(InputError) {
        guard width > 0, height > 0, width <= Self.maximumSide, height <= Self.maximumSide else {
            throw InputError(message: "image size \(width)x\(height) is outside 1...\(Self.maximumSide)")
        }
        guard pixels.count == width * height * 3 else {
            throw InputError(message: "\(pixels.count) bytes do not hold a \(width)x\(height) RGB image")
        }
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// Creates an image filled with one colour.
    public init(width: Int, height: Int, color: RGB) {
        precondition(width > 0 && height > 0, "image size must be positive")
        self.width = width
        self.height = height
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        for index in stride(from: 0, to: pixels.count, by: 3) {
            pixels[index] = color.red
            pixels[index + 1] = color.green
            pixels[index + 2] = color.blue
        }
        self.pixels = pixels
    }

    /// The largest side the decoders accept; keeps `width * height * 3` far from overflow.
    public static let maximumSide = 65_535

    /// The colour at column `x`, row `y` (both must be in range).
    public subscript(x: Int, y: Int) -> RGB {
        get {
            let index = (y * width + x) * 3
            return RGB(red: pixels[index], green: pixels[index + 1], blue: pixels[index + 2])
        }
        set {
            let index = (y * width + x) * 3
            pixels[index] = newValue.red
            pixels[index + 1] = newValue.green
            pixels[index + 2] = newValue.blue
        }
    }
}

/// One 8-bit RGB colour.
public struct RGB: Equatable, Hashable, Sendable {
    /// Red, 0...255.
    public var red: UInt8
    /// Green, 0...255.
    public var green: UInt8
    /// Blue, 0...255.
    public var blue: UInt8

    /// Creates a colour from its channels.
    public init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }
}

extension Image {
    /// Creates an image whose size and byte count the caller has already validated.
    init(uncheckedWidth width: Int, height: Int, pixels: [UInt8]) {
        assert(width > 0 && height > 0 && pixels.count == width * height * 3)
        self.width = width
        self.height = height
        self.pixels = pixels
    }
}
