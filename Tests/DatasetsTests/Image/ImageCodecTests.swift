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
