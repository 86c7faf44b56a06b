import COCO
import Foundation

extension COCOFolder {
    /// Writes a dataset in COCO's folder layout: the annotation JSON and one PNG per image
    /// (`DIR/<split>/<file_name>`), each file atomically. `images` pairs with `dataset.images`.
    public static func write(_ dataset: COCODataset, images: [Image], to directory: URL, split: String,
                             kind: AnnotationKind = .instances) throws(InputError) {
        precondition(images.count == dataset.images.count, "one image per image record")
        let imageDirectory = directory.appendingPathComponent(split)
        let annotationURL = annotationURL(in: directory, kind: kind, split: split)
        do {
            try FileManager.default.createDirectory(at: imageDirectory, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: annotationURL.deletingLastPathComponent(),
                                                    withIntermediateDirectories: true)
        } catch {
            throw InputError(file: directory.path, message: "cannot create folders: \(error.localizedDescription)")
        }
        for (record, image) in zip(dataset.images, images) {
            try image.writePNG(to: imageDirectory.appendingPathComponent(record.fileName ?? "\(record.id).png"))
        }
        try writeJSON(dataset, to: annotationURL)
    }

    /// Writes only the annotation file of a split (the images already exist), atomically.
    ///
    /// Keys are sorted so one seed gives byte-identical files; `COCODataset.write(to:)` leaves
    /// key order to the encoder, which on Linux varies between runs.
    public static func writeJSON(_ dataset: COCODataset, to url: URL) throws(InputError) {
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            try encoder.encode(dataset).write(to: url, options: .atomic)
        } catch {
            throw InputError(file: url.path, message: "cannot write annotations: \(error.localizedDescription)")
        }
    }
}
