import Testing
import COCO
@testable import MaskRCNN

@Test func bitmaskTargetsMatchDetectron2() throws {
    let fixture = try MaskFixture.load()
    let gt = try ImageMask(height: fixture.image_height, width: fixture.image_width, values: bitValues(fixture.bitmask))
    #expect(fixture.bitmask_targets.count == 10)
    for c in fixture.bitmask_targets {
        let b = c.box
        let target = try MaskTarget(size: c.mask_size).target(bitmask: gt, box: (b[0], b[1], b[2], b[3]))
        #expect(target.values == bitValues(c.target), "m \(c.mask_size) box \(b)")
    }
}

@Test func bitmaskTargetHandCase() throws {
    // The left half of a 4x4 image is foreground; the box (0, 0, 4, 4) at m = 2 keeps it.
    let gt = try ImageMask(height: 4, width: 4, values: [1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0])
    #expect(try MaskTarget(size: 2).target(bitmask: gt, box: (0, 0, 4, 4)).values == [1, 0, 1, 0])
    // A box over the right half sees only background.
    #expect(try MaskTarget(size: 2).target(bitmask: gt, box: (2, 0, 4, 4)).values == [0, 0, 0, 0])
}

@Test func polygonTargetsMatchDetectron2() throws {
    let fixture = try MaskFixture.load()
    #expect(fixture.polygon_targets.count == 10)
    for c in fixture.polygon_targets {
        let b = c.box
        let target = try MaskTarget(size: c.mask_size).target(polygons: fixture.polygons, box: (b[0], b[1], b[2], b[3]))
        #expect(target.values == bitValues(c.target), "m \(c.mask_size) box \(b)")
    }
}

@Test func segmentationTargetsTakeThePathOfTheirKind() throws {
    let fixture = try MaskFixture.load()
    let (h, w) = (fixture.image_height, fixture.image_width)
    // The fixture's bitmask as an uncompressed RLE annotation goes through RoIAlign ...
    let bitmask = bitValues(fixture.bitmask)
    let rle = RLE(rowMajorMask: bitmask, height: h, width: w)
    let c = fixture.bitmask_targets[0], b = c.box
    let fromRLE = try MaskTarget(size: c.mask_size).target(
        segmentation: .uncompressedRLE(height: h, width: w, counts: rle.counts), imageHeight: h, imageWidth: w, box: (b[0], b[1], b[2], b[3]))
    #expect(fromRLE.values == bitValues(c.target))
    // ... and polygons through the rasteriser.
    let p = fixture.polygon_targets[1], pb = p.box
    let fromPolygons = try MaskTarget(size: p.mask_size).target(
        segmentation: .polygons(fixture.polygons), imageHeight: h, imageWidth: w, box: (pb[0], pb[1], pb[2], pb[3]))
    #expect(fromPolygons.values == bitValues(p.target))
    // Bad input is a named error, never a trap.
    #expect(throws: InputError.self) { _ = try MaskTarget(size: 28).target(polygons: [[1, 2, 3, 4]], box: (0, 0, 9, 9)) }
    #expect(throws: InputError.self) { _ = try MaskTarget(size: 28).target(polygons: [[1, 2, 3, .nan, 5, 6]], box: (0, 0, 9, 9)) }
    #expect(throws: InputError.self) { _ = try MaskTarget(size: -1).target(polygons: [[1, 2, 3, 4, 5, 6]], box: (0, 0, 9, 9)) }
    #expect(throws: InputError.self) {
        _ = try MaskTarget(size: 28).target(segmentation: .uncompressedRLE(height: 2, width: 2, counts: [4]),
                                            imageHeight: h, imageWidth: w, box: (0, 0, 9, 9))
    }
}

@Test func polygonTargetHandCase() throws {
    // A square covering the right half of box (0, 0, 8, 8) at m = 4: vertices scale by 4/8, so
    // (4, 0)-(8, 8) becomes (2, 0)-(4, 4); pycocotools keeps the pixels whose centres are inside.
    let target = try MaskTarget(size: 4).target(polygons: [[4, 0, 8, 0, 8, 8, 4, 8]], box: (0, 0, 8, 8))
    #expect(target.values == [0, 0, 1, 1,
                              0, 0, 1, 1,
                              0, 0, 1, 1,
                              0, 0, 1, 1])
}
