import COCO

/// A binary mask over an image or a mask grid, row-major: `values[y * width + x]` is 0 or 1.
///
/// Row-major like the image and the network's m×m outputs; the COCO library converts it to the
/// column-major RLE the evaluator scores.
public struct ImageMask: Equatable, Sendable {
    /// Rows, pixels.
    public let height: Int
    /// Columns, pixels.
    public let width: Int
    /// `height * width` values, 0 or 1, row-major.
    public var values: [UInt8]

    /// Creates a mask, checking the value count and that every value is 0 or 1.
    public init(height: Int, width: Int, values: [UInt8]) throws(InputError) {
        guard height >= 0, width >= 0, !height.multipliedReportingOverflow(by: width).overflow,
              values.count == height * width else {
            throw InputError(field: "mask", message: "expected \(height)x\(width) values, got \(values.count)")
        }
        guard values.allSatisfy({ $0 <= 1 }) else { throw InputError(field: "mask", message: "values must be 0 or 1") }
        self.height = height
        self.width = width
        self.values = values
    }

    /// A mask whose values the caller built with this shape.
    init(trustedHeight height: Int, width: Int, values: [UInt8]) {
        self.height = height
        self.width = width
        self.values = values
    }

    /// Number of foreground pixels.
    public var area: Int { values.reduce(0) { $0 + Int($1) } }
}
