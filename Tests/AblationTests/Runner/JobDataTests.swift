import Ablation
import COCO
import Datasets
import Foundation
import MaskRCNN
import Testing

@Suite struct JobDataTests {
    @Test func everySeedSeesTheSameImages() throws {
        let jobs = try TrainerTable.jobs()
        let first = try JobData.load(jobs[0]), second = try JobData.load(jobs[1])
        #expect(jobs[0].seed != jobs[1].seed)
        #expect(first.groundTruth == second.groundTruth)
        #expect(first.training.map(\.image.scalars) == second.training.map(\.image.scalars))
        #expect(first.training.count == 4 && first.validationImages.count == 3)
        #expect(first.groundTruth.images.map(\.id) == [1, 2, 3])
    }

    @Test func examplesKeepTheNonCrowdObjectsWithOneBasedLabels() throws {
        let job = try TrainerTable.jobs()[0]
        let data = try JobData.load(job)
        let source = try ShapesDataset(configuration: .tiny, seed: JobData.syntheticSeed)
        let samples = source.samples(0..<4)
        for (example, sample) in zip(data.training, samples) {
            let kept = sample.annotations.enumerated().filter { ($0.element.isCrowd ?? 0) == 0 }
            #expect(example.instances.count == kept.count)
            for (instance, (index, annotation)) in zip(example.instances, kept) {
                let label = source.categories.firstIndex { $0.id == annotation.categoryID }! + 1
                #expect(instance.label == label)
                #expect(instance.mask?.values == sample.masks[index].pixels)
                let box = try #require(annotation.bbox)
                #expect(instance.box == Box(x1: Float(box.x), y1: Float(box.y), x2: Float(box.x + box.width), y2: Float(box.y + box.height)))
            }
        }
    }

    @Test func imagesAreImageNetNormalisedChannelPlanes() throws {
        let data = try JobData.load(TrainerTable.jobs()[0])
        let sample = try ShapesDataset(configuration: .tiny, seed: JobData.syntheticSeed).sample(at: 0)
        let image = data.training[0].image
        #expect(image.shape == [3, 64, 64])
        let mean: [Float] = [0.485, 0.456, 0.406], std: [Float] = [0.229, 0.224, 0.225]
        for (x, y) in [(0, 0), (17, 5), (63, 63)] {
            let pixel = sample.image[x, y]
            let bytes = [pixel.red, pixel.green, pixel.blue]
            for channel in 0..<3 {
                let expected = (Float(bytes[channel]) / 255 - mean[channel]) / std[channel]
                #expect(abs(image.scalars[channel * 64 * 64 + y * 64 + x] - expected) < 1e-5)
            }
        }
    }

    @Test func anExportedFolderGivesTheEmbeddedData() throws {
        let directory = TrainerTable.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let job = try TrainerTable.jobs()[0]
        for (split, count, seed) in [("train", 4, JobData.syntheticSeed), ("val", 3, JobData.syntheticSeed &+ JobData.validationStream)] {
            let (dataset, images) = try ShapesDataset(configuration: .tiny, seed: seed).cocoDataset(count: count)
            try COCOFolder.write(dataset, images: images, to: directory, split: split)
        }
        let embedded = try JobData.load(job)
        let folder = try JobData.load(TrainerTable.jobs(data: .cocoFolder(path: directory.path))[0])
        #expect(folder.groundTruth.images == embedded.groundTruth.images)
        #expect(folder.groundTruth.annotations.count == embedded.groundTruth.annotations.count)
        let folderInstances = folder.training.flatMap(\.instances), embeddedInstances = embedded.training.flatMap(\.instances)
        #expect(folderInstances.map(\.box) == embeddedInstances.map(\.box))
        #expect(folderInstances.map(\.label) == embeddedInstances.map(\.label))
        let differentMaskPixels = zip(folderInstances, embeddedInstances).map { a, b in
            zip(a.mask!.values, b.mask!.values).filter { $0 != $1 }.count
        }
        // Unoccluded shapes are stored as exact polygons, which the folder path rasterises as
        // pycocotools does; the embedded masks are the rendered coverage: edges may differ.
        for (different, instance) in zip(differentMaskPixels, embeddedInstances) {
            #expect(Double(different) <= 0.03 * Double(instance.mask!.area))
        }
        #expect(folder.validationImages.map(\.scalars) == embedded.validationImages.map(\.scalars))
    }

    @Test func aClassCountOtherThanTheDatasetsNamesTheCategories() throws {
        var job = try TrainerTable.jobs()[0]
        job.config.roiHeads.numClasses = 2
        let error = try #require(throws: InputError.self) { try JobData.load(job) }
        #expect(error.field == "categories")
        #expect(error.message.contains("num_classes is 2"))
    }
}
