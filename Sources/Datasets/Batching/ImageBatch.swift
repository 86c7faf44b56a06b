/// A padded, normalised batch: the input a detector's backbone consumes.
///
/// `pixels` is NCHW Float32 (`count x 3 x height x width`), each image normalised as
/// torchvision does (`(value / 255 - mean) / std` per RGB channel) and zero-padded at the
/// bottom and right to a common size that is a multiple of the largest stride.
public struct ImageBatch: Sendable {
    /// `[count, 3, height, width]`.
    public let shape: [Int]
    /// The normalised, padded pixels, NCHW.
    public var pixels: [Float]
    /// Each image's unpadded size (width, height), so detections outside it can be clipped.
    public let imageSizes: [(width: Int, height: Int)]
    /// Each image's COCO id and its resize factor (current / original), for writing results.
    public let imageIDs: [Int]
    /// Current size over original size (x, y) per image.
    public let scales: [(x: Double, y: Double)]
    /// Targets per image, in the padded frame (padding adds no offset: it is bottom/right).
    public let targets: [InstanceTargets]

    /// ImageNet's RGB channel means, as torchvision's detection transform uses them.
    public static let imageNetMean: [Float] = [0.485, 0.456, 0.406]
    /// ImageNet's RGB channel standard deviations.
    public static let imageNetStd: [Float] = [0.229, 0.224, 0.225]

    /// Collates examples: pads every image to the batch's largest height and width rounded up
    /// to `sizeDivisor` (the largest backbone stride, e.g. 32 for C5 or FPN), and normalises.
    public init(examples: [TrainingExample], sizeDivisor: Int = 32,
                mean: [Float] = ImageBatch.imageNetMean, std: [Float] = ImageBatch.imageNetStd) {
        precondition(!examples.isEmpty, "a batch needs at least one image")
        precondition(sizeDivisor > 0 && mean.count == 3 && std.count == 3, "bad batch settings")
        func roundedUp(_ value: Int) -> Int { (value + sizeDivisor - 1) / sizeDivisor * sizeDivisor }
        let height = roundedUp(examples.map(\.image.height).max()!)
        let width = roundedUp(examples.map(\.image.width).max()!)
        shape = [examples.count, 3, height, width]
        var pixels = [Float](repeating: 0, count: examples.count * 3 * height * width)
        let scale = (0..<3).map { 1 / (255 * std[$0]) }
        let offset = (0..<3).map { -mean[$0] / std[$0] }
        for (index, example) in examples.enumerated() {
            let image = example.image
            for channel in 0..<3 {
                let plane = (index * 3 + channel) * height * width
                for y in 0..<image.height {
                    for x in 0..<image.width {
                        pixels[plane + y * width + x] = Float(image.pixels[(y * image.width + x) * 3 + channel]) * scale[channel] + offset[channel]
                    }
                }
            }
        }
        self.pixels = pixels
        imageSizes = examples.map { ($0.image.width, $0.image.height) }
        imageIDs = examples.map(\.imageID)
        scales = examples.map(\.scale)
        targets = examples.map(\.targets)
    }
}
