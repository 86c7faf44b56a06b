import COCO
import Dispatch
import Synchronization

/// One generated image with its COCO records and the visible mask of every annotation.
public struct SyntheticSample: Equatable, Sendable {
    /// The rendered pixels.
    public var image: Image
    /// The COCO image record (id, size, file name used when exported).
    public var record: COCOImage
    /// The annotations, in drawing order (later ones are in front).
    public var annotations: [COCOAnnotation]
    /// The visible mask of each annotation (same order), in image pixels.
    public var masks: [BinaryMask]

    /// Creates a sample from its parts.
    public init(image: Image, record: COCOImage, annotations: [COCOAnnotation], masks: [BinaryMask]) {
        self.image = image
        self.record = record
        self.annotations = annotations
        self.masks = masks
    }
}

/// A source of synthetic samples addressable by index (deterministic for its seed).
public protocol SyntheticDataset: Sendable {
    /// The COCO categories every sample's annotations refer to.
    var categories: [COCOCategory] { get }
    /// Sample `index` (0-based); its image id is `index + 1`.
    func sample(at index: Int) -> SyntheticSample
}

extension SyntheticDataset {
    /// Samples `indices`, generated on `threads` threads; the result does not depend on the
    /// thread count, since every sample is a pure function of its index.
    public func samples(_ indices: Range<Int>, threads: Int = 1) -> [SyntheticSample] {
        let workers = max(1, min(threads, indices.count))
        let results = Mutex([SyntheticSample?](repeating: nil, count: indices.count))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for offset in stride(from: worker, to: indices.count, by: workers) {
                let sample = sample(at: indices.lowerBound + offset)
                results.withLock { $0[offset] = sample }
            }
        }
        return results.withLock { $0.compactMap { $0 } }
    }

    /// Samples `0..<count` assembled into one COCO dataset (images, annotations, categories).
    public func cocoDataset(count: Int, threads: Int = 1) -> (dataset: COCODataset, images: [Image]) {
        let all = samples(0..<count, threads: threads)
        let dataset = COCODataset(images: all.map(\.record), annotations: all.flatMap(\.annotations),
                                  categories: categories)
        return (dataset, all.map(\.image))
    }
}

/// The COCO record of synthetic image `index`: id `index + 1`, file named like COCO's.
func syntheticRecord(index: Int, width: Int, height: Int) -> COCOImage {
    let id = index + 1
    let digits = String(id)
    let fileName = String(repeating: "0", count: max(0, 12 - digits.count)) + digits + ".png"
    return COCOImage(id: id, width: width, height: height, fileName: fileName)
}
