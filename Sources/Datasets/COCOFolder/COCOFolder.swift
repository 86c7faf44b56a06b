import COCO
import Foundation

/// A dataset in COCO's own folder layout: `DIR/annotations/instances_<split>.json` (and,
/// optionally, `person_keypoints_<split>.json`) with the images in `DIR/<split>/`.
///
/// Annotations are read and checked up front (an annotation on an unknown image or category is
/// an error naming the file and record); images decode lazily, one at a time, when asked for.
public struct COCOFolder: Sendable {
    /// The dataset root.
    public let directory: URL
    /// The split name, e.g. `val2017`.
    public let split: String
    /// The instance annotations (`instances_<split>.json`).
    public let instances: COCODataset
    /// The person keypoint annotations, when `person_keypoints_<split>.json` exists.
    public let keypoints: COCODataset?
    private let recordsByID: [Int: COCOImage]

    /// Reads and checks the annotation files of `split` under `directory`.
    public init(directory: URL, split: String) throws(InputError) {
        self.directory = directory
        self.split = split
        let instancesURL = Self.annotationURL(in: directory, kind: .instances, split: split)
        instances = try Self.load(instancesURL)
        let keypointsURL = Self.annotationURL(in: directory, kind: .personKeypoints, split: split)
        keypoints = FileManager.default.fileExists(atPath: keypointsURL.path) ? try Self.load(keypointsURL) : nil
        var records: [Int: COCOImage] = [:]
        for (index, image) in instances.images.enumerated() {
            guard records[image.id] == nil else {
                throw InputError(file: instancesURL.path, record: index, field: "images.id", message: "duplicate image id \(image.id)")
            }
            records[image.id] = image
        }
        recordsByID = records
    }

    /// The two annotation files COCO ships per split.
    public enum AnnotationKind: String, Sendable {
        /// `instances_<split>.json`: boxes and masks of every category.
        case instances
        /// `person_keypoints_<split>.json`: persons with keypoints.
        case personKeypoints = "person_keypoints"
    }

    /// `DIR/annotations/<kind>_<split>.json`.
    public static func annotationURL(in directory: URL, kind: AnnotationKind, split: String) -> URL {
        directory.appendingPathComponent("annotations").appendingPathComponent("\(kind.rawValue)_\(split).json")
    }

    /// The image records, in file order.
    public var images: [COCOImage] { instances.images }

    /// The file of an image: `DIR/<split>/<file_name>`.
    public func imageURL(for record: COCOImage) -> URL {
        directory.appendingPathComponent(split).appendingPathComponent(record.fileName ?? "\(record.id).jpg")
    }

    /// Decodes image `id`, checking that its size matches the annotation file's record.
    public func image(id: Int) throws(InputError) -> Image {
        guard let record = recordsByID[id] else {
            throw InputError(file: Self.annotationURL(in: directory, kind: .instances, split: split).path,
                             field: "image_id", message: "unknown image id \(id)")
        }
        let url = imageURL(for: record)
        let image = try Image(contentsOf: url)
        guard image.width == record.width, image.height == record.height else {
            throw InputError(file: url.path, message: "decoded size \(image.width)x\(image.height) differs from the "
                             + "annotation's \(record.width)x\(record.height) (image id \(id))")
        }
        return image
    }

    /// Reads one annotation file and checks the references between its arrays.
    static func load(_ url: URL) throws(InputError) -> COCODataset {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw InputError(file: url.path, message: "annotation file not found")
        }
        let dataset = try COCODataset.load(contentsOf: url)
        for (index, image) in dataset.images.enumerated() where image.width <= 0 || image.height <= 0
            || image.width > Image.maximumSide || image.height > Image.maximumSide {
            throw InputError(file: url.path, record: index, field: "images.width", message: "size \(image.width)x\(image.height) out of range")
        }
        let imageIDs = Set(dataset.images.map(\.id))
        let categoryIDs = Set(dataset.categories.map(\.id))
        for (index, annotation) in dataset.annotations.enumerated() {
            guard imageIDs.contains(annotation.imageID) else {
                throw InputError(file: url.path, record: index, field: "annotations.image_id",
                                 message: "annotation \(annotation.id) refers to unknown image \(annotation.imageID)")
            }
            guard categoryIDs.contains(annotation.categoryID) else {
                throw InputError(file: url.path, record: index, field: "annotations.category_id",
                                 message: "annotation \(annotation.id) refers to unknown category \(annotation.categoryID)")
            }
        }
        return dataset
    }
}
