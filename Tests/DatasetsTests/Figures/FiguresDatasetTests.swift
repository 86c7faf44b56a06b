import COCO
import Testing
@testable import Datasets

struct FiguresDatasetTests {
    @Test func keypointsAreCOCOShapedAndVisibilityIsHonest() throws {
        var configuration = FiguresConfiguration.small
        configuration.occluderProbability = 0.6
        let dataset = try FiguresDataset(configuration: configuration, seed: 4)
        var counts = [0, 0, 0]
        for index in 0..<10 {
            let sample = dataset.sample(at: index)
            for (annotation, mask) in zip(sample.annotations, sample.masks) {
                let keypoints = try #require(annotation.keypoints)
                #expect(keypoints.count == 51)
                #expect(annotation.categoryID == 1)
                let decoded = try BinaryMask(segmentation: try #require(annotation.segmentation), width: mask.width, height: mask.height)
                #expect(abs(Double(decoded.area) - Double(mask.area)) <= 2 + Double(mask.area) * 0.05)
                #expect(annotation.area == Double(decoded.area), "area as pycocotools computes it")
                #expect(annotation.bbox == mask.boundingBox)
                for joint in 0..<17 {
                    let (x, y, v) = (keypoints[3 * joint], keypoints[3 * joint + 1], Int(keypoints[3 * joint + 2]))
                    counts[v] += 1
                    let column = Int((x + 0.5).rounded(.down)), row = Int((y + 0.5).rounded(.down))
                    switch v {
                    case 0: #expect(x == 0 && y == 0)
                    case 1: #expect(!mask[column, row], "an occluded keypoint cannot sit on the visible mask")
                    default:
                        let nearMask = (-1...1).contains { dy in (-1...1).contains { dx in mask[column + dx, row + dy] } }
                        #expect(nearMask, "image \(index) keypoint \(PersonKeypoints.names[joint]) is visible but off the mask")
                    }
                }
                let labelled = stride(from: 2, to: 51, by: 3).filter { keypoints[$0] > 0 }.count
                #expect(annotation.numKeypoints == labelled)
            }
        }
        #expect(counts[2] > 50 && counts[1] > 0 && counts[0] > 0, "visibility counts \(counts)")
    }

    @Test func deterministicAndCategoryDescribesTheSkeleton() throws {
        let first = try FiguresDataset(configuration: .tiny, seed: 9)
        #expect(first.sample(at: 1) == (try FiguresDataset(configuration: .tiny, seed: 9)).sample(at: 1))
        let category = try #require(first.categories.first)
        #expect(category.keypoints?.count == 17)
        #expect(category.skeleton?.flatMap { $0 }.allSatisfy { (1...17).contains($0) } == true)
        // Flipping twice is the identity and every pair swaps a left with a right.
        #expect(PersonKeypoints.flipIndex.map { PersonKeypoints.flipIndex[$0] } == Array(0..<17))
        for (index, mirror) in PersonKeypoints.flipIndex.enumerated() where index != mirror {
            let name = PersonKeypoints.names[index], other = PersonKeypoints.names[mirror]
            #expect(name.replacingOccurrences(of: "left", with: "right") == other
                    || name.replacingOccurrences(of: "right", with: "left") == other)
        }
    }
}
