import COCO

/// One region of interest: a box in input-image pixels on one image of the batch.
///
/// The same as a row `(batch_index, x1, y1, x2, y2)` of torchvision's `(K, 5)` RoI tensor. The
/// operator multiplies the coordinates by its spatial scale (1/stride) to reach feature cells.
public struct RoI: Hashable, Sendable {
    /// Index of the image in the feature batch (0-based).
    public var imageIndex: Int
    /// Left edge, input pixels.
    public var x1: Float
    /// Top edge, input pixels.
    public var y1: Float
    /// Right edge, input pixels.
    public var x2: Float
    /// Bottom edge, input pixels.
    public var y2: Float

    /// Creates a RoI on image `imageIndex` with corners `(x1, y1)` and `(x2, y2)` in input pixels.
    public init(imageIndex: Int, x1: Float, y1: Float, x2: Float, y2: Float) {
        self.imageIndex = imageIndex
        self.x1 = x1
        self.y1 = y1
        self.x2 = x2
        self.y2 = y2
    }

    /// Reads torchvision's `(K, 5)` layout: `rows[5k ..< 5k+5] = (batch_index, x1, y1, x2, y2)`.
    ///
    /// Throws when the count is not a multiple of 5 or a batch index is not a whole number.
    public static func fromRows(_ rows: [Float]) throws(InputError) -> [RoI] {
        guard rows.count % 5 == 0 else {
            throw InputError(field: "rois", message: "expected 5 values per RoI, got \(rows.count) values")
        }
        var rois: [RoI] = []
        rois.reserveCapacity(rows.count / 5)
        for k in 0 ..< rows.count / 5 {
            let index = rows[5 * k]
            guard index.isFinite, index >= 0, index < 16_777_216, index.rounded() == index else {
                throw InputError(record: k, field: "batch_index", message: "not a valid image index: \(index)")
            }
            rois.append(RoI(imageIndex: Int(index), x1: rows[5 * k + 1], y1: rows[5 * k + 2],
                            x2: rows[5 * k + 3], y2: rows[5 * k + 4]))
        }
        return rois
    }

    /// Largest accepted |coordinate × spatial scale|, in feature cells: keeps quantisation
    /// within `Int32` and rejects boxes that cannot come from a real image.
    static let coordinateLimit: Double = 1_048_576

    /// Checks the RoIs against a batch of `batch` images before any kernel trusts them.
    static func validate(_ rois: [RoI], batch: Int, spatialScale: Double) throws(InputError) {
        guard spatialScale.isFinite, spatialScale > 0 else {
            throw InputError(field: "spatial_scale", message: "must be finite and positive, got \(spatialScale)")
        }
        for (k, roi) in rois.enumerated() {
            guard roi.imageIndex >= 0, roi.imageIndex < batch else {
                throw InputError(record: k, field: "batch_index",
                                 message: "image \(roi.imageIndex) outside a batch of \(batch)")
            }
            for (name, value) in [("x1", roi.x1), ("y1", roi.y1), ("x2", roi.x2), ("y2", roi.y2)] {
                guard value.isFinite, abs(Double(value) * spatialScale) <= coordinateLimit else {
                    throw InputError(record: k, field: name, message: "coordinate \(value) is not finite or too large")
                }
            }
        }
    }
}
