import COCO
import Testing
@testable import Datasets

struct VisualizerTests {
    static let gray = RGB(red: 100, green: 100, blue: 100)

    @Test func masksBlendInsideAndLeaveTheRestAlone() {
        let image = Image(width: 20, height: 10, color: Self.gray)
        var mask = BinaryMask(width: 20, height: 10)
        for x in 2..<6 { mask.pixels[4 * 20 + x] = 1 }
        let drawn = Visualizer.overlay([OverlayInstance(mask: mask)], on: image)
        let color = OverlayPalette.color(0)
        let expectedRed = UInt8((100 + (Float(color.red) - 100) * 0.5).rounded())
        #expect(drawn[3, 4].red == expectedRed)
        #expect(drawn[3, 5] == Self.gray && drawn[10, 4] == Self.gray)
    }

    @Test func textDrawsTheGlyphBits() {
        var image = Image(width: 12, height: 9, color: Self.gray)
        let white = RGB(red: 255, green: 255, blue: 255)
        image.drawText("1", x: 1, y: 1, color: white, background: nil)
        // "1" is 0x04,0x0C,0x04,...: the middle column is lit in every row but the first is wider.
        #expect(image[3, 1] == white && image[2, 1] != white)
        #expect(image[2, 2] == white && image[3, 2] == white)
        #expect(image[2, 7] == white && image[4, 7] == white && image[1, 7] != white && image[3, 4] == white && image[2, 4] != white)
        #expect(Image.textSize("ab1", scale: 2) == (34, 14))
    }

    @Test func boxesAndKeypointsLandWhereTheyBelong() {
        let image = Image(width: 40, height: 40, color: Self.gray)
        // Only the nose and left eye are labelled; COCO's skeleton joins them (limb [1, 2]).
        var keypoints = [Keypoint](repeating: Keypoint(x: 0, y: 0, visibility: 0), count: 17)
        keypoints[0] = Keypoint(x: 5.5, y: 30.5, visibility: 2)
        keypoints[1] = Keypoint(x: 25.5, y: 30.5, visibility: 1)
        let drawn = Visualizer.overlay([OverlayInstance(box: BoundingBox(x: 10, y: 10, width: 10, height: 8),
                                                        keypoints: keypoints)], on: image)
        #expect(drawn[10, 14] != Self.gray, "left edge of the box")
        #expect(drawn[15, 14] == Self.gray, "box interior untouched")
        #expect(drawn[5, 30] == RGB(red: 255, green: 255, blue: 255), "visible keypoint centre")
        #expect(drawn[25, 30] == RGB(red: 0, green: 0, blue: 0), "occluded keypoint centre")
        #expect(drawn[15, 30] != Self.gray, "limb between them")
        #expect(drawn[15, 25] == Self.gray && drawn[0, 0] == Self.gray)
    }

    @Test func gridPlacesImagesInRowsAndColumns() throws {
        let red = Image(width: 4, height: 3, color: RGB(red: 255, green: 0, blue: 0))
        let blue = Image(width: 2, height: 2, color: RGB(red: 0, green: 0, blue: 255))
        let grid = try #require(Visualizer.grid([red, blue, red], columns: 2, spacing: 1))
        #expect(grid.width == 2 * 4 + 3 && grid.height == 2 * 3 + 3)
        #expect(grid[1, 1] == red[0, 0] && grid[6, 1] == blue[0, 0] && grid[1, 5] == red[0, 0])
        #expect(grid[0, 0] == RGB(red: 255, green: 255, blue: 255) && grid[8, 4] == RGB(red: 255, green: 255, blue: 255))
        let decoded = try Image(encoded: grid.pngData(), source: "grid")
        #expect(decoded == grid)
    }

    @Test func detectionsDecodeMasksFilterScoresAndSortBestFirst() throws {
        let record = COCOImage(id: 3, width: 8, height: 6)
        var square = BinaryMask(width: 8, height: 6)
        for y in 1..<3 { for x in 2..<5 { square.pixels[y * 8 + x] = 1 } }
        let results = [
            COCOResult(imageID: 3, categoryID: 1, score: 0.6, segmentation: square.rleSegmentation),
            COCOResult(imageID: 3, categoryID: 1, score: 0.9, bbox: BoundingBox(x: 0, y: 0, width: 2, height: 2)),
            COCOResult(imageID: 3, categoryID: 1, score: 0.2, bbox: BoundingBox(x: 0, y: 0, width: 1, height: 1)),
            COCOResult(imageID: 4, categoryID: 1, score: 0.99, bbox: BoundingBox(x: 0, y: 0, width: 1, height: 1)),
        ]
        let instances = try Visualizer.detections(results, on: record, categories: [COCOCategory(id: 1, name: "star")])
        #expect(instances.count == 2)
        #expect(instances[0].label == "star 0.9" && instances[1].label == "star 0.6")
        #expect(instances[1].mask == square)
        #expect(instances[1].box == BoundingBox(x: 2, y: 1, width: 3, height: 2))
        let broken = [COCOResult(imageID: 3, categoryID: 1, score: 0.7,
                                 segmentation: .compressedRLE(height: 5, width: 5, counts: "0"))]
        #expect(throws: InputError.self) {
            _ = try Visualizer.detections(broken, on: record, categories: [])
        }
    }
}
