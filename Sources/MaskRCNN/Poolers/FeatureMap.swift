import COCO

/// A batch of feature maps in NCHW layout: `values[((n * channels + c) * height + y) * width + x]`.
///
/// The RoI operators work on plain contiguous `Float` buffers so they do not depend on the
/// autograd engine; the `Tensor` wrappers convert at the edge.
public struct FeatureMap: Equatable, Sendable {
    /// N: number of images in the batch.
    public let batch: Int
    /// C: channels per image.
    public let channels: Int
    /// H: rows, in feature cells.
    public let height: Int
    /// W: columns, in feature cells.
    public let width: Int
    /// `batch * channels * height * width` values, NCHW.
    public var values: [Float]

    /// Creates a feature map after checking that `values` has `batch * channels * height * width`
    /// elements and that the sizes are non-negative and small enough for 32-bit cell offsets.
    public init(batch: Int, channels: Int, height: Int, width: Int, values: [Float]) throws(InputError) {
        guard batch >= 0, channels >= 0, height >= 0, width >= 0 else {
            throw InputError(field: "shape", message: "negative size (\(batch), \(channels), \(height), \(width))")
        }
        // Kernels address a plane with Int32 offsets.
        let (plane, planeOverflow) = height.multipliedReportingOverflow(by: width)
        guard !planeOverflow, plane < Int(Int32.max) else {
            throw InputError(field: "shape", message: "plane \(height)x\(width) too large")
        }
        let (planes, planesOverflow) = batch.multipliedReportingOverflow(by: channels)
        let (count, countOverflow) = planes.multipliedReportingOverflow(by: plane)
        guard !planesOverflow, !countOverflow, values.count == count else {
            throw InputError(field: "values", message: "expected \(batch)x\(channels)x\(height)x\(width) values, got \(values.count)")
        }
        self.init(trustedBatch: batch, channels: channels, height: height, width: width, values: values)
    }

    /// A zero-filled map of the given shape (used for gradients; the shape is trusted).
    init(zerosBatch batch: Int, channels: Int, height: Int, width: Int) {
        self.init(trustedBatch: batch, channels: channels, height: height, width: width,
                  values: [Float](repeating: 0, count: batch * channels * height * width))
    }

    /// A map whose values the caller built with exactly this shape (kernel outputs).
    init(trustedBatch batch: Int, channels: Int, height: Int, width: Int, values: [Float]) {
        assert(values.count == batch * channels * height * width)
        self.batch = batch
        self.channels = channels
        self.height = height
        self.width = width
        self.values = values
    }

    /// Cells per channel plane (`height * width`).
    public var planeSize: Int { height * width }

    /// The value at image `n`, channel `c`, row `y`, column `x`.
    public subscript(n: Int, c: Int, y: Int, x: Int) -> Float {
        values[((n * channels + c) * height + y) * width + x]
    }
}
