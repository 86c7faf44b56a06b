import Testing
import COCO
@testable import MaskRCNN

@Test func pastingMatchesDetectron2() throws {
    let fixture = try MaskFixture.load()
    let paster = MaskPasting(imageHeight: fixture.image_height, imageWidth: fixture.image_width)
    #expect(fixture.paste.count == 12)
    for c in fixture.paste {
        let b = c.box
        let mask = try paster.paste(c.probabilities, maskHeight: c.mask_size, maskWidth: c.mask_size,
                                    box: (b[0], b[1], b[2], b[3]))
        #expect(mismatches(mask.values, bitValues(c.pasted)) == 0, "m \(c.mask_size) box \(b)")
    }
}

@Test func pastingAHandCase() throws {
    // A 2x2 map [[1, 0], [0, 0]] pasted into box (0, 0, 4, 4) of a 4x4 image: pixel centres
    // 0.5...3.5 map to cells -0.25, 0.25, 0.75, 1.25. The top-left 2x2 pixels read
    // 0.75 · 0.75 = 0.5625 of cell (0, 0) (kept); the third column reads 0.75 · 0.25 (dropped).
    let paster = MaskPasting(imageHeight: 4, imageWidth: 4)
    let mask = try paster.paste([1, 0, 0, 0], maskHeight: 2, maskWidth: 2, box: (0, 0, 4, 4))
    #expect(mask.values == [1, 1, 0, 0,
                            1, 1, 0, 0,
                            0, 0, 0, 0,
                            0, 0, 0, 0])
    // Degenerate and outside boxes paste nothing; bad input is a named error.
    #expect(try paster.paste([1, 1, 1, 1], maskHeight: 2, maskWidth: 2, box: (2, 2, 2, 3)).area == 0)
    #expect(try paster.paste([1, 1, 1, 1], maskHeight: 2, maskWidth: 2, box: (10, 10, 12, 12)).area == 0)
    #expect(throws: InputError.self) { _ = try paster.paste([1, 1, 1], maskHeight: 2, maskWidth: 2, box: (0, 0, 4, 4)) }
    #expect(throws: InputError.self) { _ = try paster.paste([1, 1, 1, 1], maskHeight: 2, maskWidth: 2, box: (0, .nan, 4, 4)) }
}
