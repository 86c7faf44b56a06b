import COCO
import Foundation
import Testing
import TestSupport
@testable import Datasets

struct AugmentationTests {
    static func figureExample(index: Int = 0) throws -> TrainingExample {
        var configuration = FiguresConfiguration.small
        configuration.figuresPerImage = 2...2
        let dataset = try FiguresDataset(configuration: configuration, seed: 21)
        return TrainingExample(sample: dataset.sample(at: index), categories: dataset.categories)
    }

    @Test(arguments: [(80, 56), (30, 21), (53, 74)])
    func bilinearResizeMatchesPyTorch(size: (Int, Int)) throws {
        let image = try Image(contentsOf: Fixtures.url("images/rgb8.png"))
        let resized = image.resized(width: size.0, height: size.1)
        let reference = try Fixtures.data("images/resize_\(size.0)x\(size.1).f32").withUnsafeBytes {
            Array($0.bindMemory(to: Float.self))
        }
        #expect(reference.count == resized.pixels.count)
        let worst = zip(resized.pixels, reference).map { abs(Float($0) - $1) }.max() ?? 0
        #expect(worst <= 0.5 + 1e-3, "largest difference from torch: \(worst)")
    }

    @Test func flipMirrorsBoxesMasksAndSwapsKeypoints() throws {
        let example = try Self.figureExample()
        let flipped = example.flippedHorizontally()
        let width = Double(example.image.width)
        let twice = flipped.flippedHorizontally()
        let sameImage = twice.image == example.image && twice.targets.masks == example.targets.masks
        #expect(sameImage, "flipping twice restores pixels and masks")
        #expect(twice.targets.boxes == example.targets.boxes)
        var drift = 0.0
        for (after, before) in zip(twice.targets.keypoints.joined(), example.targets.keypoints.joined()) {
            drift = max(drift, abs(after.x - before.x) + abs(after.y - before.y))
            #expect(after.visibility == before.visibility)
        }
        #expect(drift < 1e-9)
        #expect(flipped.image[0, 5] == example.image[example.image.width - 1, 5])
        for instance in 0..<example.targets.count {
            #expect(flipped.targets.masks[instance].boundingBox == flipped.targets.boxes[instance])
            let original = example.targets.keypoints[instance]
            let mirrored = flipped.targets.keypoints[instance]
            for (index, partner) in PersonKeypoints.flipIndex.enumerated() where original[partner].visibility > 0 {
                #expect(mirrored[index].x == width - original[partner].x)
                #expect(mirrored[index].visibility == original[partner].visibility)
                if mirrored[index].visibility == 2 {
                    let x = Int(mirrored[index].x), y = Int(mirrored[index].y)
                    let near = (-1...1).contains { dy in (-1...1).contains { dx in flipped.targets.masks[instance][x + dx, y + dy] } }
                    #expect(near, "flipped visible keypoint \(index) must stay on the flipped mask")
                }
            }
        }
        // The person's left wrist lies on the other side of the body centre after the flip.
        let before = example.targets.keypoints[0]
        let after = flipped.targets.keypoints[0]
        #expect(after[9].x == width - before[10].x)
    }

    @Test func resizeKeepsBoxesMasksAndKeypointsTogether() throws {
        let example = try Self.figureExample(index: 1)
        let resized = example.resized(shorterSide: 200, maxSize: 1000)
        #expect(resized.image.width == 200 && resized.image.height == 200)
        #expect(resized.scale.x == 200.0 / 128.0)
        for instance in 0..<example.targets.count {
            let box = resized.targets.boxes[instance]
            let maskBox = try #require(resized.targets.masks[instance].boundingBox)
            // Nearest-neighbour masks move edges by at most one output pixel.
            #expect(abs(maskBox.x - box.x) <= 1 && abs(maskBox.y - box.y) <= 1)
            #expect(abs(maskBox.x + maskBox.width - box.x - box.width) <= 1)
            #expect(abs(maskBox.y + maskBox.height - box.y - box.height) <= 1)
            for (before, after) in zip(example.targets.keypoints[instance], resized.targets.keypoints[instance])
            where before.visibility > 0 {
                #expect(abs(after.x - before.x * 200 / 128) < 1e-9 && after.visibility == before.visibility)
            }
        }
        #expect(resizedSize(width: 640, height: 480, shorterSide: 800, maxSize: 1333) == (1067, 800))
        #expect(resizedSize(width: 2000, height: 500, shorterSide: 800, maxSize: 1333) == (1333, 333))
    }

    @Test func batchPadsToTheStrideAndNormalises() throws {
        let first = try Self.figureExample(index: 0)
        let second = try Self.figureExample(index: 1).resized(width: 100, height: 70)
        let batch = ImageBatch(examples: [first, second], sizeDivisor: 32)
        #expect(batch.shape == [2, 3, 128, 128])
        let plane = 128 * 128
        let pixel = second.image[5, 7]
        let expectedRed = (Float(pixel.red) / 255 - 0.485) / 0.229
        #expect(abs(batch.pixels[(1 * 3 + 0) * plane + 7 * 128 + 5] - expectedRed) < 1e-5)
        #expect(batch.pixels[(1 * 3 + 2) * plane + 100 * 128 + 120] == 0, "padding is zero")
        #expect(batch.imageSizes[1] == (100, 70))
    }

    @Test func augmentationIsDeterministicForASeed() throws {
        let example = try Self.figureExample()
        let augmentation = Augmentation(shorterSides: [96, 112, 128], maxSize: 200)
        var first = SplitMixGenerator(seed: 3)
        var second = SplitMixGenerator(seed: 3)
        let outputs = (0..<4).map { _ in augmentation.apply(to: example, random: &first) }
        let repeated = outputs == (0..<4).map { _ in augmentation.apply(to: example, random: &second) }
        #expect(repeated, "same seed, same augmented examples")
        #expect(Set(outputs.map(\.image.width)).count > 1 || Set(outputs.map { $0.image.pixels[0] }).count > 1)
    }
}
