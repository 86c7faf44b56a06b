import COCO
import Foundation
import Testing
import TestSupport
@testable import Datasets

/// Decoded pixels must equal what Pillow decodes (files and pixels from scripts/make_image_fixtures.py).
struct ImageCodecTests {
    static let decodable = [
        "rgb8.png", "gray8.png", "gray1.png", "rgba8.png", "palette.png", "gray16.png", "rgb16.png",
        "baseline.jpg", "progressive.jpg", "gray.jpg", "subsampling444.jpg",
    ]

    @Test(arguments: decodable)
    func decodesLikePillow(name: String) throws {
        let image = try Image(contentsOf: Fixtures.url("images/\(name)"))
        let expected = try [UInt8](Fixtures.data("images/\(name).rgb"))
        #expect(image.width == 53)
        #expect(image.height == 37)
        #expect(image.pixels.count == expected.count)
        let differing = zip(image.pixels, expected).filter { $0 != $1 }.count
        #expect(differing == 0, "\(differing) bytes differ from Pillow's decode of \(name)")
    }

    @Test(arguments: ["truncated.jpg.bin", "truncated.png.bin", "corrupt.jpg.bin", "corrupt.png.bin"])
    func brokenFilesThrowNamingTheFile(name: String) {
        let url = Fixtures.url("images/\(name)")
        #expect {
            _ = try Image(contentsOf: url)
        } throws: { error in
            guard let error = error as? InputError else { return false }
            return error.file == url.path && error.message.contains("corrupt")
        }
    }

    @Test func missingAndForeignFilesThrow() throws {
        let missing = Fixtures.url("images/no-such-image.png")
        #expect(throws: InputError.self) { try Image(contentsOf: missing) }
        #expect(throws: InputError.self) { try Image(encoded: Data("not an image".utf8), source: "x") }
        #expect(throws: InputError.self) { try Image(encoded: Data([0x89, 0x50, 0x4E, 0x47]), source: "x") }
    }

    @Test func pngRoundTripIsLossless() throws {
        let original = try Image(contentsOf: Fixtures.url("images/rgb8.png"))
        let decoded = try Image(encoded: original.pngData(), source: "memory")
        #expect(decoded == original)
    }

    @Test func jpegRoundTripIsClose() throws {
        let original = try Image(contentsOf: Fixtures.url("images/rgb8.png"))
        let decoded = try Image(encoded: original.jpegData(quality: 95), source: "memory")
        #expect(decoded.width == original.width && decoded.height == original.height)
        let meanError = zip(decoded.pixels, original.pixels)
            .map { abs(Int($0) - Int($1)) }.reduce(0, +) / original.pixels.count
        #expect(meanError < 12)  // noisy 4:2:0 fixture; a wrong decode is ~60+
    }

    @Test func rejectsInconsistentPixelCount() {
        #expect(throws: InputError.self) { try Image(width: 2, height: 2, pixels: [0, 0, 0]) }
        #expect(throws: InputError.self) { try Image(width: 0, height: 2, pixels: []) }
    }
}

/// Seeded random damage (truncation, byte flips) to every fixture: the decoders must return an
/// image or throw `InputError`, never crash or abort.
struct ImageCodecFuzzTests {
    @Test(arguments: ["rgb8.png", "palette.png", "gray16.png", "baseline.jpg", "progressive.jpg", "gray.jpg"])
    func damagedFilesNeverCrash(name: String) throws {
        let original = try [UInt8](Fixtures.data("images/\(name)"))
        var random = SplitMixGenerator(seed: 77, index: name.count)
        var failures = 0
        for trial in 0..<40 {
            var bytes = original
            if trial % 2 == 0 {
                bytes.removeLast(random.integer(1...(bytes.count - 3)))
            } else {
                for _ in 0..<random.integer(1...8) {
                    bytes[random.integer(2...(bytes.count - 1))] = UInt8(truncatingIfNeeded: random.next())
                }
            }
            do {
                let image = try Image(encoded: Data(bytes), source: name)
                #expect(image.pixels.count == image.width * image.height * 3)
            } catch {
                #expect(error.file == name)
                failures += 1
            }
        }
        #expect(failures >= 20, "every truncation must fail: \(failures) failures")
    }
}
