import Testing
@testable import COCO

@Suite struct RLEPolygonTests {
    @Test func rasterisesPolygonsBitIdentically() {
        let cases = RLEFixtures.shared.polygons
        #expect(cases.count >= 400)
        for c in cases {
            let rle = RLE(polygon: c.polygon, height: c.height, width: c.width)
            #expect(rle.compressedCounts == c.string, "\(c.height)x\(c.width) \(c.polygon)")
            if let bits = c.columnMajor { #expect(rle.decodedColumnMajor() == maskBytes(bits)) }
        }
    }

    @Test func rasterisesBoxesAsPycocotools() {
        for c in RLEFixtures.shared.boxes {
            let rle = RLE(box: BoundingBox(c.box), height: c.height, width: c.width)
            #expect(rle.compressedCounts == c.string, "\(c.height)x\(c.width) \(c.box)")
        }
    }

    @Test func duplicatedVerticesDoNotTrapAndChangeNothing() {
        let triangle: [Double] = [1, 1, 8, 2, 4, 7]
        let duplicated: [Double] = [1, 1, 1, 1, 8, 2, 8, 2, 4, 7, 1, 1]
        #expect(RLE(polygon: duplicated, height: 9, width: 9) == RLE(polygon: triangle, height: 9, width: 9))
        #expect(RLE(polygon: triangle, height: 9, width: 9).area > 0)
    }

    @Test func degeneratePolygonsGiveEmptyMasks() {
        #expect(RLE(polygon: [], height: 3, width: 4).counts == [12])
        #expect(RLE(polygon: [2, 2], height: 3, width: 4).counts == [12])
    }

    @Test func farAndNonFiniteVerticesAreClampedNotTrapped() {
        // A vertex beyond the limit rasterises as the vertex on the limit.
        let far = RLE(polygon: [1, 1, 3e9, 2, 2, 3], height: 4, width: 5)
        let limit = RLE(polygon: [1, 1, RLE.polygonCoordinateLimit, 2, 2, 3], height: 4, width: 5)
        #expect(far == limit)
        let nonFinite = RLE(polygon: [.nan, 1, 2, .infinity, 3, 3], height: 3, width: 4)
        #expect(nonFinite.counts.reduce(0, +) == 12)
    }
}
