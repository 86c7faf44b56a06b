import COCO
import Tensor

/// One ground-truth object of a training image, in the image's pixel coordinates.
public struct GroundTruthInstance: Equatable, Sendable {
    /// The object's box.
    public var box: Box
    /// Its class label in `1...numClasses` (0 is background; the `Datasets` convention).
    public var label: Int
    /// Its image-sized binary mask (required when the mask branch is on).
    public var mask: ImageMask?
    /// Its keypoints (required when the keypoint branch is on; `keypointCount` of them).
    public var keypoints: [GroundTruthKeypoint]?

    /// Creates an instance.
    public init(box: Box, label: Int, mask: ImageMask? = nil, keypoints: [GroundTruthKeypoint]? = nil) {
        self.box = box
        self.label = label
        self.mask = mask
        self.keypoints = keypoints
    }
}

/// A training image and its objects: what the trainer consumes (the Datasets library's batches
/// convert to it).
public struct TrainingExample: Sendable {
    /// `[3, H, W]` pixels, already normalised as the model expects.
    public var image: Tensor
    /// The objects in the image.
    public var instances: [GroundTruthInstance]

    /// Creates an example.
    public init(image: Tensor, instances: [GroundTruthInstance]) {
        self.image = image
        self.instances = instances
    }

    /// The image size (height, width).
    public var size: ImageSize { ImageSize(height: image.shape[1], width: image.shape[2]) }

    /// Checks the example against `config` before training, so kernels can trust it.
    ///
    /// - Throws: `InputError` naming the example (`record`) and the field: a non-`[3, H, W]` or
    ///   non-finite image, a bad box, a label outside `1...numClasses`, a missing or mis-sized
    ///   mask, missing or non-finite keypoints.
    public func validate(config: ModelConfig, record: Int, file: String? = nil) throws(InputError) {
        func fail(_ field: String, _ message: String) -> InputError {
            InputError(file: file, record: record, field: field, message: message)
        }
        try Self.validateImage(image, record: record, file: file)
        let height = image.shape[1], width = image.shape[2]
        for (index, instance) in instances.enumerated() {
            let box = instance.box
            guard box.isFinite, box.x2 > box.x1, box.y2 > box.y1, abs(box.x1) < 1e6, abs(box.y1) < 1e6,
                  abs(box.x2) < 1e6, abs(box.y2) < 1e6 else {
                throw fail("instances[\(index)].box", "needs finite corners with x2 > x1 and y2 > y1, got \(box)")
            }
            guard (1...config.roiHeads.numClasses).contains(instance.label) else {
                throw fail("instances[\(index)].label", "\(instance.label) is outside 1...\(config.roiHeads.numClasses)")
            }
            if config.maskHead.kind != .none {
                guard let mask = instance.mask, mask.height == height, mask.width == width else {
                    throw fail("instances[\(index)].mask", "the mask branch needs a \(height)x\(width) mask")
                }
            }
            if config.keypointHead.kind != .none {
                guard let keypoints = instance.keypoints, keypoints.count == config.keypointHead.keypointCount,
                      keypoints.allSatisfy({ $0.x.isFinite && $0.y.isFinite && (0...2).contains($0.visibility) }) else {
                    throw fail("instances[\(index)].keypoints",
                               "the keypoint branch needs \(config.keypointHead.keypointCount) finite keypoints with visibility 0...2")
                }
            }
        }
    }
}

extension TrainingExample {
    /// Checks that `image` is `[3, H, W]` with `0 < H, W <= 8192` and finite pixels.
    /// - Throws: `InputError` naming `file`, `record` and the field `image`.
    static func validateImage(_ image: Tensor, record: Int, file: String? = nil) throws(InputError) {
        guard image.rank == 3, image.shape[0] == 3, image.shape[1] > 0, image.shape[2] > 0,
              image.shape[1] <= 8192, image.shape[2] <= 8192 else {
            throw InputError(file: file, record: record, field: "image",
                             message: "expected [3, H, W] pixels with 0 < H, W <= 8192, got \(image.shape)")
        }
        guard image.withUnsafeBufferPointer({ $0.allSatisfy(\.isFinite) }) else {
            throw InputError(file: file, record: record, field: "image", message: "non-finite pixel")
        }
    }
}

/// Images of different sizes padded (zeros, bottom and right) into one `[N, 3, H, W]` batch
/// whose sides are multiples of the feature layout's size divisibility.
enum PaddedBatch {
    static func make(_ images: [Tensor], divisibility: Int) -> Tensor {
        func roundUp(_ value: Int) -> Int { (value + divisibility - 1) / divisibility * divisibility }
        let height = roundUp(images.map { $0.shape[1] }.max() ?? 0)
        let width = roundUp(images.map { $0.shape[2] }.max() ?? 0)
        var values = [Float](repeating: 0, count: images.count * 3 * height * width)
        for (n, image) in images.enumerated() {
            let h = image.shape[1], w = image.shape[2]
            image.withUnsafeBufferPointer { source in
                for c in 0..<3 {
                    for y in 0..<h {
                        let from = (c * h + y) * w, to = ((n * 3 + c) * height + y) * width
                        for x in 0..<w { values[to + x] = source[from + x] }
                    }
                }
            }
        }
        return Tensor(shape: [images.count, 3, height, width], scalars: values)
    }
}
