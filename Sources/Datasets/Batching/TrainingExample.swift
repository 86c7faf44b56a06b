import COCO

/// One keypoint in continuous pixel coordinates (pixel (i, j) covers `[i, i+1) x [j, j+1)`),
/// with COCO's visibility: 0 unlabelled, 1 labelled but hidden, 2 visible.
public struct Keypoint: Equatable, Hashable, Sendable {
    /// Horizontal position in pixels (continuous).
    public var x: Double
    /// Vertical position in pixels (continuous).
    public var y: Double
    /// COCO's `v`: 0 unlabelled (x, y meaningless), 1 hidden, 2 visible.
    public var visibility: Int

    /// Creates a keypoint.
    public init(x: Double, y: Double, visibility: Int) {
        self.x = x
        self.y = y
        self.visibility = visibility
    }
}

/// The ground truth of one image, in the image's current pixel frame, ready for target matching.
///
/// Boxes are COCO `[x, y, width, height]` (continuous coordinates); masks are full-image binary
/// masks; `classes` are contiguous 1-based labels (the position of the category in the dataset's
/// category list, 0 being background), as detectors index their class outputs.
public struct InstanceTargets: Equatable, Sendable {
    /// One box per instance.
    public var boxes: [BoundingBox]
    /// One contiguous class label (1...K) per instance.
    public var classes: [Int]
    /// One full-image mask per instance.
    public var masks: [BinaryMask]
    /// 17 (or K) keypoints per instance, or empty when the dataset has none.
    public var keypoints: [[Keypoint]]
    /// Crowd regions, which detectors ignore rather than learn.
    public var isCrowd: [Bool]

    /// Creates targets from parallel arrays.
    public init(boxes: [BoundingBox], classes: [Int], masks: [BinaryMask], keypoints: [[Keypoint]], isCrowd: [Bool]) {
        self.boxes = boxes
        self.classes = classes
        self.masks = masks
        self.keypoints = keypoints
        self.isCrowd = isCrowd
    }

    /// The number of instances.
    public var count: Int { boxes.count }
}

/// An image and its targets: what augmentation transforms and batching collects.
public struct TrainingExample: Equatable, Sendable {
    /// The COCO image id, kept so predictions can be written back as COCO results.
    public var imageID: Int
    /// The pixels in the current frame.
    public var image: Image
    /// The ground truth in the same frame.
    public var targets: InstanceTargets
    /// Current size over original size (x, y), so predictions map back to original pixels.
    public var scale: (x: Double, y: Double) = (1, 1)

    /// Creates an example.
    public init(imageID: Int, image: Image, targets: InstanceTargets) {
        self.imageID = imageID
        self.image = image
        self.targets = targets
    }

    /// An example from a synthetic sample: COCO keypoints (pixel indices) become continuous
    /// coordinates by adding 0.5, as detectron2 does when it loads COCO.
    public init(sample: SyntheticSample, categories: [COCOCategory]) {
        let labels = Dictionary(uniqueKeysWithValues: categories.enumerated().map { ($1.id, $0 + 1) })
        let keypoints: [[Keypoint]] = sample.annotations.compactMap { annotation in
            annotation.keypoints.map { values in
                stride(from: 0, to: values.count - 2, by: 3).map { index in
                    let visibility = Int(values[index + 2])
                    return visibility > 0
                        ? Keypoint(x: values[index] + 0.5, y: values[index + 1] + 0.5, visibility: visibility)
                        : Keypoint(x: 0, y: 0, visibility: 0)
                }
            }
        }
        self.init(imageID: sample.record.id, image: sample.image, targets: InstanceTargets(
            boxes: sample.annotations.map { $0.bbox ?? BoundingBox(x: 0, y: 0, width: 0, height: 0) },
            classes: sample.annotations.map { labels[$0.categoryID] ?? 0 },
            masks: sample.masks,
            keypoints: keypoints.count == sample.annotations.count ? keypoints : [],
            isCrowd: sample.annotations.map { ($0.isCrowd ?? 0) != 0 }))
    }

    /// Equal when ids, pixels, targets and scale factors are (the tuple scale needs spelling out).
    public static func == (lhs: TrainingExample, rhs: TrainingExample) -> Bool {
        lhs.imageID == rhs.imageID && lhs.image == rhs.image && lhs.targets == rhs.targets
            && lhs.scale == rhs.scale
    }
}
