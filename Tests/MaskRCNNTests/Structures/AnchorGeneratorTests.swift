import Testing
@testable import MaskRCNN

@Suite struct AnchorGeneratorTests {
    struct Case: Decodable {
        let sizes: [[Double]]; let aspect_ratios: [Double]; let strides: [Int]; let offset: Double
        let grids: [[Int]]; let anchors: [[Double]]
    }

    @Test func handComputedPositions() {
        let generator = AnchorGenerator(sizes: [[16]], aspectRatios: [0.5, 1, 2], strides: [4])
        let anchors = generator.anchors(level: 0, gridHeight: 2, gridWidth: 3)
        #expect(anchors.count == 2 * 3 * 3)
        // ratio 1 at cell (0, 0): a 16x16 square centred on the origin (offset 0).
        #expect(anchors[1] == Box(x1: -8, y1: -8, x2: 8, y2: 8))
        // ratio 0.5 (h/w): w = sqrt(256 / 0.5) = 22.627, h = 11.314, at cell (row 1, column 2) = (8, 4).
        let w = Float((256.0 / 0.5).squareRoot()), h = Float(0.5 * (256.0 / 0.5).squareRoot())
        let cell = anchors[(1 * 3 + 2) * 3]
        #expect(cell == Box(x1: 8 - w / 2, y1: 4 - h / 2, x2: 8 + w / 2, y2: 4 + h / 2))
        // ratio 2 keeps the area: 2 w^2 = 256.
        let tall = anchors[2]
        #expect(abs(tall.area - 256) < 1e-3 && abs(tall.height / tall.width - 2) < 1e-5)
        let shifted = AnchorGenerator(sizes: [[16]], aspectRatios: [1], strides: [8], offset: 0.5)
        #expect(shifted.anchors(level: 0, gridHeight: 1, gridWidth: 2) == [Box(x1: -4, y1: -4, x2: 12, y2: 12), Box(x1: 4, y1: -4, x2: 20, y2: 12)])
    }

    @Test func equalsDetectron2RulesInTorch() throws {
        for c in try DetectorFixture<Case>.load("anchors.json") {
            let generator = AnchorGenerator(sizes: c.sizes, aspectRatios: c.aspect_ratios, strides: c.strides, offset: c.offset)
            let levels = generator.anchors(gridSizes: c.grids.map { ImageSize(height: $0[0], width: $0[1]) })
            #expect(levels.map(flat) == c.anchors.map { $0.map { Float($0) } })
        }
    }

    @Test func configBuildsOneLevelPerStride() {
        let config = ModelConfig()
        let generator = AnchorGenerator(config: config.anchors, strides: config.features.strides)
        #expect(generator.strides == [4, 8, 16, 32, 64])
        #expect((0..<5).map { generator.anchorsPerCell(level: $0) } == [3, 3, 3, 3, 3])
        #expect(AnchorGenerator(config: ModelConfig.c4.anchors, strides: [16]).anchorsPerCell(level: 0) == 12)
    }
}
