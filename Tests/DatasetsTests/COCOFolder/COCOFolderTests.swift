import COCO
import Foundation
import Testing
import TestSupport
@testable import Datasets

struct COCOFolderTests {
    /// A fresh empty directory for one test.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("maskbench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func exportThenReloadEqualsTheInMemorySet() throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let shapes = try ShapesDataset(configuration: .tiny, seed: 11)
        let (dataset, images) = shapes.cocoDataset(count: 4)
        try COCOFolder.write(dataset, images: images, to: root, split: "val")
        let folder = try COCOFolder(directory: root, split: "val")
        #expect(folder.instances == dataset)
        #expect(folder.keypoints == nil)
        for (record, image) in zip(dataset.images, images) {
            #expect(try folder.image(id: record.id) == image)
        }
    }

    @Test func exportingTwiceWritesIdenticalBytes() throws {
        let first = try Self.temporaryDirectory(), second = try Self.temporaryDirectory()
        defer {
            try? FileManager.default.removeItem(at: first)
            try? FileManager.default.removeItem(at: second)
        }
        for root in [first, second] {
            let (dataset, images) = try FiguresDataset(configuration: .tiny, seed: 5).cocoDataset(count: 3)
            try COCOFolder.write(dataset, images: images, to: root, split: "train")
        }
        let files = ["annotations/instances_train.json", "train/000000000001.png", "train/000000000003.png"]
        for file in files {
            let a = try Data(contentsOf: first.appendingPathComponent(file))
            let b = try Data(contentsOf: second.appendingPathComponent(file))
            #expect(!a.isEmpty && a == b, "\(file) differs between two exports of one seed")
        }
    }

    @Test func annotationOnUnknownImageNamesFileAndRecord() throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let broken = COCODataset(images: [COCOImage(id: 1, width: 4, height: 4, fileName: "a.png")],
                                 annotations: [COCOAnnotation(id: 1, imageID: 1, categoryID: 1),
                                               COCOAnnotation(id: 2, imageID: 99, categoryID: 1)],
                                 categories: [COCOCategory(id: 1, name: "thing")])
        let url = COCOFolder.annotationURL(in: root, kind: .instances, split: "val")
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try COCOFolder.writeJSON(broken, to: url)
        #expect {
            _ = try COCOFolder(directory: root, split: "val")
        } throws: { error in
            let error = error as? InputError
            return error?.file == url.path && error?.record == 1 && error?.field == "annotations.image_id"
        }
    }

    @Test func missingAnnotationsMalformedJSONAndBadImagesAreErrors() throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(throws: InputError.self) { _ = try COCOFolder(directory: root, split: "val") }

        let url = COCOFolder.annotationURL(in: root, kind: .instances, split: "val")
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(#"{"images": [{"id": 1, "width": "wide", "height": 4}], "annotations": [], "categories": []}"#.utf8).write(to: url)
        #expect {
            _ = try COCOFolder(directory: root, split: "val")
        } throws: { error in
            let error = error as? InputError
            return error?.file == url.path && (error?.field ?? "").contains("width")
        }

        let records = [COCOImage(id: 1, width: 53, height: 37, fileName: "missing.png"),
                       COCOImage(id: 2, width: 53, height: 37, fileName: "truncated.jpg"),
                       COCOImage(id: 3, width: 50, height: 37, fileName: "wrong-size.png")]
        try COCOFolder.writeJSON(COCODataset(images: records, annotations: [], categories: []), to: url)
        let images = root.appendingPathComponent("val")
        try FileManager.default.createDirectory(at: images, withIntermediateDirectories: true)
        try Fixtures.data("images/truncated.jpg.bin").write(to: images.appendingPathComponent("truncated.jpg"))
        try Fixtures.data("images/rgb8.png").write(to: images.appendingPathComponent("wrong-size.png"))
        let folder = try COCOFolder(directory: root, split: "val")
        for (id, name) in [(1, "missing.png"), (2, "truncated.jpg"), (3, "wrong-size.png")] {
            #expect {
                _ = try folder.image(id: id)
            } throws: { ($0 as? InputError)?.file?.hasSuffix("val/\(name)") == true }
        }
        #expect(throws: InputError.self) { _ = try folder.image(id: 42) }
    }
}
