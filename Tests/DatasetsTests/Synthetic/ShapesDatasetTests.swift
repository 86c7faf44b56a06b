import COCO
import Testing
@testable import Datasets

struct ShapesDatasetTests {
    static let noiseless: ShapesConfiguration = {
        var configuration = ShapesConfiguration.tiny
        configuration.noise = 0
        configuration.crowdProbability = 0.3
        return configuration
    }()

    @Test func sameSeedSameBytesDifferentSeedDifferentImages() throws {
        let first = try ShapesDataset(configuration: .tiny, seed: 7)
        let second = try ShapesDataset(configuration: .tiny, seed: 7)
        let other = try ShapesDataset(configuration: .tiny, seed: 8)
        #expect(first.sample(at: 3) == second.sample(at: 3))
        #expect(first.sample(at: 3).image != other.sample(at: 3).image)
        // Neighbouring indices must not be shifted copies of one stream.
        #expect(first.sample(at: 2).annotations.map(\.bbox) != first.sample(at: 4).annotations.map(\.bbox))
    }

    @Test func threadCountDoesNotChangeTheSamples() throws {
        let dataset = try ShapesDataset(configuration: .tiny, seed: 12)
        let serial = dataset.samples(0..<5, threads: 1)
        let parallel = dataset.samples(0..<5, threads: 3)
        #expect(serial == parallel)
        #expect(serial.map(\.record.id) == [1, 2, 3, 4, 5])
    }

    /// Without sensor noise every pixel well inside a visible mask shows exactly one colour, and
    /// no pixel away from the mask shows it (unless another object happens to share it).
    @Test func masksAgreeWithRenderedPixels() throws {
        let dataset = try ShapesDataset(configuration: Self.noiseless, seed: 1)
        var checkedInterior = 0
        for index in 0..<12 {
            let sample = dataset.sample(at: index)
            #expect(sample.masks.count == sample.annotations.count)
            for (annotation, mask) in zip(sample.annotations, sample.masks) where annotation.isCrowd == 0 {
                let interior = Self.interiorPixels(of: mask)
                guard let first = interior.first else { continue }
                let color = sample.image[first.0, first.1]
                for (x, y) in interior {
                    #expect(sample.image[x, y] == color, "image \(index) annotation \(annotation.id) at (\(x), \(y))")
                }
                checkedInterior += interior.count
                var strays = 0
                for y in 0..<mask.height {
                    for x in 0..<mask.width where !Self.near(mask, x, y) && sample.image[x, y] == color {
                        strays += 1
                    }
                }
                #expect(strays <= mask.area / 20, "image \(index) annotation \(annotation.id): \(strays) strays")
            }
        }
        #expect(checkedInterior > 1000)
    }

    @Test func annotationsAreConsistentWithMasks() throws {
        let dataset = try ShapesDataset(configuration: .tiny, seed: 2)
        var polygons = 0, rles = 0, crowds = 0
        for index in 0..<20 {
            let sample = dataset.sample(at: index)
            #expect(sample.record.id == index + 1)
            for (annotation, mask) in zip(sample.annotations, sample.masks) {
                #expect(annotation.imageID == sample.record.id)
                #expect(ShapeCategory(rawValue: annotation.categoryID) != nil)
                #expect(annotation.bbox == mask.boundingBox)
                switch annotation.segmentation {
                case .polygons(let list):
                    polygons += 1
                    let outline = Polygon(vertices: stride(from: 0, to: list[0].count, by: 2).map {
                        Point(x: list[0][$0], y: list[0][$0 + 1])
                    })
                    let coverage = Coverage(polygons: [outline], imageWidth: mask.width, imageHeight: mask.height)
                    var redrawn = BinaryMask(width: mask.width, height: mask.height)
                    for y in 0..<mask.height {
                        for x in 0..<mask.width where coverage.value(x: x, y: y) >= 0.5 { redrawn.pixels[y * mask.width + x] = 1 }
                    }
                    #expect(redrawn == mask, "an unoccluded polygon annotation must redraw its mask")
                    // COCO's area is pycocotools' rasterisation of the polygon: a few edge pixels off.
                    let area = try #require(annotation.area)
                    #expect(abs(area - Double(mask.area)) <= 2 + Double(mask.area) * 0.03)
                case .compressedRLE:
                    rles += 1
                    let decoded = try BinaryMask(segmentation: try #require(annotation.segmentation),
                                                 width: mask.width, height: mask.height)
                    #expect(decoded == mask, "the RLE must decode to the visible mask")
                    #expect(annotation.area == Double(mask.area))
                default:
                    Issue.record("unexpected segmentation \(String(describing: annotation.segmentation))")
                }
                crowds += annotation.isCrowd ?? 0
            }
        }
        #expect(polygons > 0 && rles > 0 && crowds > 0, "\(polygons) polygons, \(rles) RLEs, \(crowds) crowds")
    }

    @Test func objectSizesSpanTheConfiguredRange() throws {
        let dataset = try ShapesDataset(configuration: .standard, seed: 3)
        var extents: [Double] = []
        for index in 0..<6 {
            for annotation in dataset.sample(at: index).annotations where annotation.isCrowd == 0 {
                if case .polygons = annotation.segmentation, let box = annotation.bbox {
                    extents.append(max(box.width, box.height))
                }
            }
        }
        #expect(extents.count >= 5)
        #expect(extents.allSatisfy { $0 >= 24 * 0.6 && $0 <= 144 * 1.6 })
    }

    @Test func standardPresetCoversCOCOSmallMediumAndLarge() throws {
        let dataset = try ShapesDataset(configuration: .standard, seed: 4)
        var counts = [0, 0, 0]
        for index in 0..<20 {
            for annotation in dataset.sample(at: index).annotations where annotation.isCrowd == 0 {
                let area = annotation.area ?? 0
                counts[area < 32 * 32 ? 0 : area < 96 * 96 ? 1 : 2] += 1
            }
        }
        let total = counts.reduce(0, +)
        #expect(counts.allSatisfy { $0 * 20 >= total }, "small/medium/large counts \(counts)")
    }

    @Test func invalidConfigurationNamesTheField() {
        var configuration = ShapesConfiguration.tiny
        configuration.objectSize = 1...500
        #expect {
            _ = try ShapesDataset(configuration: configuration)
        } throws: { ($0 as? InputError)?.field == "objectSize" }
    }

    /// Pixels whose 5x5 neighbourhood is inside (away from partially covered edge pixels).
    private static func interiorPixels(of mask: BinaryMask) -> [(Int, Int)] {
        var result: [(Int, Int)] = []
        for y in 0..<mask.height {
            for x in 0..<mask.width where (-2...2).allSatisfy({ dy in (-2...2).allSatisfy { dx in mask[x + dx, y + dy] } }) {
                result.append((x, y))
            }
        }
        return result
    }

    /// Whether (x, y) is in the mask or within two pixels of it (anti-aliased edge).
    private static func near(_ mask: BinaryMask, _ x: Int, _ y: Int) -> Bool {
        (-2...2).contains { dy in (-2...2).contains { dx in mask[x + dx, y + dy] } }
    }
}
