import COCO
import Foundation
import Testing
import TestSupport
@testable import Datasets

struct COCOFolderExamplesTests {
    @Test func examplesFromAnExportMatchTheInMemoryOnes() throws {
        let root = try COCOFolderTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let figures = try FiguresDataset(configuration: .small, seed: 8)
        let (dataset, images) = figures.cocoDataset(count: 3)
        try COCOFolder.write(dataset, images: images, to: root, split: "val")
        try COCOFolder.writeJSON(dataset, to: COCOFolder.annotationURL(in: root, kind: .personKeypoints, split: "val"))
        let source = try COCOFolderExamples(folder: COCOFolder(directory: root, split: "val"), keypoints: true)
        #expect(source.count == 3)
        for index in 0..<3 {
            let loaded = try source.example(at: index)
            let expected = TrainingExample(sample: figures.sample(at: index), categories: figures.categories)
            #expect(loaded.image == expected.image)
            #expect(loaded.targets.boxes == expected.targets.boxes)
            #expect(loaded.targets.classes == expected.targets.classes)
            for (annotation, (mask, reference)) in zip(dataset.annotations.filter { $0.imageID == index + 1 },
                                                        zip(loaded.targets.masks, expected.targets.masks)) {
                if case .polygons = annotation.segmentation {
                    // pycocotools' polygon rasterisation against our anti-aliased coverage.
                    let differing = zip(mask.pixels, reference.pixels).filter { $0 != $1 }.count
                    #expect(differing <= 2 + reference.area / 20)
                } else {
                    #expect(mask == reference)
                }
            }
            for (after, before) in zip(loaded.targets.keypoints.joined(), expected.targets.keypoints.joined()) {
                #expect(abs(after.x - before.x) < 1e-9 && abs(after.y - before.y) < 1e-9 && after.visibility == before.visibility)
            }
            #expect(loaded.targets.keypoints.count == expected.targets.keypoints.count)
        }
    }

    @Test func badKeypointVisibilityAndMissingKeypointFileAreErrors() throws {
        let root = try COCOFolderTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        var keypoints = [Double](repeating: 0, count: 51)
        keypoints[2] = 1e300
        let dataset = COCODataset(
            images: [COCOImage(id: 1, width: 53, height: 37, fileName: "a.png")],
            annotations: [COCOAnnotation(id: 7, imageID: 1, categoryID: 1,
                                         bbox: BoundingBox(x: 1, y: 1, width: 5, height: 5), keypoints: keypoints)],
            categories: [PersonKeypoints.category])
        try COCOFolder.write(dataset, images: [try Image(contentsOf: Fixtures.url("images/rgb8.png"))], to: root, split: "val")
        let folder = try COCOFolder(directory: root, split: "val")
        #expect(throws: InputError.self) { _ = try COCOFolderExamples(folder: folder, keypoints: true) }
        try COCOFolder.writeJSON(dataset, to: COCOFolder.annotationURL(in: root, kind: .personKeypoints, split: "val"))
        let source = try COCOFolderExamples(folder: COCOFolder(directory: root, split: "val"), keypoints: true)
        #expect {
            _ = try source.example(at: 0)
        } throws: { ($0 as? InputError)?.field == "annotations.keypoints" }
    }
}
