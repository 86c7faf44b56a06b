import COCO

/// A COCO folder as a source of training examples: images decode when asked for, and each
/// annotation's segmentation (polygons or RLE, as pycocotools rasterises them) becomes a mask.
///
/// Annotations without a usable box (missing, or width/height <= 0, as detectron2 drops them) are
/// left out; with `keypoints` the person keypoint file supplies the annotations.
public struct COCOFolderExamples: ExampleSource {
    /// The folder.
    public let folder: COCOFolder
    /// Whether annotations come from `person_keypoints_<split>.json`.
    public let keypoints: Bool
    private let annotationsByImage: [Int: [COCOAnnotation]]

    /// Wraps a folder; `keypoints` requires its person keypoint file.
    public init(folder: COCOFolder, keypoints: Bool = false) throws(InputError) {
        let source: COCODataset
        if keypoints {
            guard let file = folder.keypoints else {
                throw InputError(file: COCOFolder.annotationURL(in: folder.directory, kind: .personKeypoints, split: folder.split).path,
                                 message: "keypoint annotations requested but the file is missing")
            }
            source = file
        } else {
            source = folder.instances
        }
        self.folder = folder
        self.keypoints = keypoints
        annotationsByImage = Dictionary(grouping: source.annotations, by: \.imageID)
        self.sourceCategories = source.categories
    }

    private let sourceCategories: [COCOCategory]

    /// Images in annotation-file order.
    public var count: Int { folder.images.count }

    /// The categories of the annotation file in use, in label order.
    public var categories: [COCOCategory] { sourceCategories }

    /// Decodes image `index` and turns its annotations into targets.
    public func example(at index: Int) throws(InputError) -> TrainingExample {
        let record = folder.images[index]
        let image = try folder.image(id: record.id)
        let labels = Dictionary(uniqueKeysWithValues: categories.enumerated().map { ($1.id, $0 + 1) })
        let file = COCOFolder.annotationURL(in: folder.directory, kind: keypoints ? .personKeypoints : .instances,
                                            split: folder.split).path
        var targets = InstanceTargets(boxes: [], classes: [], masks: [], keypoints: [], isCrowd: [])
        for annotation in annotationsByImage[record.id] ?? [] {
            guard let box = annotation.bbox, box.width > 0, box.height > 0 else { continue }
            targets.boxes.append(box)
            targets.classes.append(labels[annotation.categoryID] ?? 0)
            targets.isCrowd.append((annotation.isCrowd ?? 0) != 0)
            if let segmentation = annotation.segmentation {
                do {
                    targets.masks.append(try BinaryMask(segmentation: segmentation, width: record.width, height: record.height))
                } catch {
                    throw InputError(file: file, field: "annotations.segmentation",
                                     message: "annotation \(annotation.id): \(error.message)")
                }
            } else {
                targets.masks.append(BinaryMask(width: record.width, height: record.height))
            }
            if keypoints, let values = annotation.keypoints {
                var points: [Keypoint] = []
                for index in stride(from: 0, to: values.count - 2, by: 3) {
                    // Checked before Int(...) so a bad file cannot trap the conversion.
                    guard [0.0, 1, 2].contains(values[index + 2]) else {
                        throw InputError(file: file, field: "annotations.keypoints",
                                         message: "annotation \(annotation.id): visibility \(values[index + 2]) is not 0, 1 or 2")
                    }
                    let visibility = Int(values[index + 2])
                    points.append(visibility > 0
                        ? Keypoint(x: values[index] + 0.5, y: values[index + 1] + 0.5, visibility: visibility)
                        : Keypoint(x: 0, y: 0, visibility: 0))
                }
                targets.keypoints.append(points)
            }
        }
        if targets.keypoints.count != targets.count { targets.keypoints = [] }
        return TrainingExample(imageID: record.id, image: image, targets: targets)
    }
}
