import COCO
import Datasets
import Foundation
import MaskRCNN
import Tensor

/// The images of one job, in the model's terms: training examples, and the validation images
/// with the COCO ground truth they are scored against.
///
/// The data does not depend on the job's seed: every variant and seed of a table sees the same
/// training and validation images, so the seeds vary only the model (initial weights, sampling,
/// data order) and the paired bootstrap over validation images compares like with like.
public struct JobData: Sendable {
    /// The training set, normalised `[3, H, W]` images with their non-crowd objects.
    public var training: [MaskRCNN.TrainingExample]
    /// The validation images, normalised `[3, H, W]`, resized to the config's input size.
    public var validationImages: [Tensor]
    /// Each validation image's size before resizing, so predictions map back to the ground truth.
    public var validationSizes: [ImageSize]
    /// The validation ground truth (the evaluator's input), ids matching `validationImages`.
    public var groundTruth: COCODataset

    /// The COCO id of each class index `0..<K` (the model's classes are the categories in order).
    public var categoryIDs: [Int] { groundTruth.categories.map(\.id) }

    /// The seed of the embedded training images; the validation split uses a separate stream of
    /// it, as `ablate export-data` does, so an exported folder passed as `--data` gives the same images.
    public static let syntheticSeed: UInt64 = 0
    /// The stream offset of the validation split (`ablate export-data`'s).
    public static let validationStream: UInt64 = 0x7A11_DA7A

    /// Loads the data of `job`: the embedded synthetic set of its preset, or its COCO folder.
    /// - Throws: `InputError` naming the file, record and field of bad data, or a class count
    ///   that differs from the config's `roi_heads.num_classes`.
    public static func load(_ job: AblationJob) throws(InputError) -> JobData {
        let train = try split(of: job, validation: false)
        let validation = try split(of: job, validation: true)
        let classes = job.config.roiHeads.numClasses
        guard train.categories.count == classes else {
            throw InputError(file: train.file, field: "categories",
                             message: "\(train.categories.count) categories, but roi_heads.num_classes is \(classes)")
        }
        guard validation.categories.map(\.id) == train.categories.map(\.id) else {
            throw InputError(file: validation.file, field: "categories", message: "differ from the training split's")
        }
        let input = job.config.input
        let training = try train.samples.enumerated().map { index, sample throws(InputError) in
            let example = Datasets.TrainingExample(sample: sample, categories: train.categories)
                .resized(shorterSide: input.shorterSide, maxSize: input.maxSize)
            return try modelExample(example, record: index, file: train.file)
        }
        let groundTruth = COCODataset(images: validation.samples.map(\.record),
                                      annotations: validation.samples.flatMap(\.annotations),
                                      categories: validation.categories)
        return JobData(training: training, validationImages: validation.samples.map { modelInput($0, categories: validation.categories, input: input) },
                       validationSizes: validation.samples.map { ImageSize(height: $0.record.height, width: $0.record.width) },
                       groundTruth: groundTruth)
    }

    /// The first `limit` (default: the preset's count) images of the job's training or validation
    /// split, at their original size, with the split's categories and annotation file (nil for
    /// the embedded data). The report's prediction panel draws on these validation images.
    public static func split(of job: AblationJob, validation: Bool, limit: Int? = nil) throws(InputError)
        -> (samples: [SyntheticSample], categories: [COCOCategory], file: String?) {
        let settings = job.settings
        let count = min(limit ?? Int.max, validation ? settings.valImages : settings.trainImages)
        switch job.data {
        case .synthetic:
            let seed = validation ? syntheticSeed &+ validationStream : syntheticSeed
            let source: any SyntheticDataset = switch settings.dataset {
            case .shapes: try ShapesDataset(configuration: settings.imageSize.shapes, seed: seed)
            case .figures: try FiguresDataset(configuration: settings.imageSize.figures, seed: seed)
            }
            return (source.samples(0..<count, threads: max(1, job.config.threads)), source.categories, nil)
        case .cocoFolder(let path):
            return try folderSamples(URL(fileURLWithPath: path), split: validation ? "val" : "train", limit: count)
        }
    }

    /// A validation sample as the model predicts it: resized to the config's input size, normalised `[3, H, W]`.
    static func modelInput(_ sample: SyntheticSample, categories: [COCOCategory], input: InputConfig) -> Tensor {
        normalisedImage(Datasets.TrainingExample(sample: sample, categories: categories)
            .resized(shorterSide: input.shorterSide, maxSize: input.maxSize))
    }

    /// The image as the model expects it: ImageNet-normalised `[3, H, W]` (the batch collation's own).
    static func normalisedImage(_ example: Datasets.TrainingExample) -> Tensor {
        let batch = ImageBatch(examples: [example], sizeDivisor: 1)
        return Tensor(shape: Array(batch.shape.dropFirst()), scalars: batch.pixels)
    }

    /// The model's training example of `example`; crowd regions and empty boxes are left out
    /// (the detector learns no ignore regions).
    static func modelExample(_ example: Datasets.TrainingExample, record: Int, file: String?) throws(InputError) -> MaskRCNN.TrainingExample {
        let targets = example.targets
        var instances: [GroundTruthInstance] = []
        for index in 0..<targets.count where !targets.isCrowd[index] {
            let bbox = targets.boxes[index]
            guard bbox.width > 0, bbox.height > 0 else { continue }
            let box = Box(x1: Float(bbox.x), y1: Float(bbox.y), x2: Float(bbox.x + bbox.width), y2: Float(bbox.y + bbox.height))
            let source = targets.masks[index]
            let mask: ImageMask
            do {
                mask = try ImageMask(height: source.height, width: source.width, values: source.pixels.map { $0 == 0 ? 0 : 1 })
            } catch {
                throw InputError(file: file, record: record, field: "annotations[\(index)].segmentation", message: error.message)
            }
            let keypoints = targets.keypoints.isEmpty ? nil : targets.keypoints[index].map { point in
                GroundTruthKeypoint(x: Float(point.x), y: Float(point.y), visibility: point.visibility)
            }
            instances.append(GroundTruthInstance(box: box, label: targets.classes[index], mask: mask, keypoints: keypoints))
        }
        return MaskRCNN.TrainingExample(image: normalisedImage(example), instances: instances)
    }

    /// The first `limit` images of a COCO folder's split as samples (images decoded, masks rasterised).
    static func folderSamples(_ directory: URL, split: String, limit: Int) throws(InputError)
        -> (samples: [SyntheticSample], categories: [COCOCategory], file: String?) {
        let folder = try COCOFolder(directory: directory, split: split)
        let file = COCOFolder.annotationURL(in: directory, kind: .instances, split: split).path
        let dataset = folder.keypoints ?? folder.instances
        let byImage = Dictionary(grouping: dataset.annotations, by: \.imageID)
        var samples: [SyntheticSample] = []
        for record in dataset.images.prefix(limit) {
            let image = try folder.image(id: record.id)
            let annotations = byImage[record.id] ?? []
            var masks: [BinaryMask] = []
            for (index, annotation) in annotations.enumerated() {
                guard let segmentation = annotation.segmentation else {
                    throw InputError(file: file, record: index, field: "annotations.segmentation",
                                     message: "missing (image \(record.id)): training needs masks")
                }
                let rle = try RLE(segmentation: segmentation, height: record.height, width: record.width)
                masks.append(BinaryMask(width: record.width, height: record.height, pixels: rle.decodedRowMajor()))
            }
            samples.append(SyntheticSample(image: image, record: record, annotations: annotations, masks: masks))
        }
        return (samples, dataset.categories, file)
    }
}
