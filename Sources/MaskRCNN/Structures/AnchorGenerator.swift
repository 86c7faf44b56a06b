/// The RPN's anchors per feature level, detectron2's `DefaultAnchorGenerator` rules.
///
/// A cell anchor of size `s` and ratio `r` (height/width) has `w = sqrt(s^2 / r)`, `h = r w`,
/// centred at the origin; anchors sit at `(stride (j + offset), stride (i + offset))` for feature
/// cell `(i, j)`. Order within a level: row-major over cells, then sizes, then ratios, as in
/// detectron2 (so anchor `k` matches channel `k % A` of the RPN head at cell `k / A`).
public struct AnchorGenerator: Sendable {
    /// Sizes per level (square root of the area, pixels).
    public let sizes: [[Double]]
    /// Height/width ratios, shared by every level.
    public let aspectRatios: [Double]
    /// Stride of each level, pixels.
    public let strides: [Int]
    /// Centre offset in cells (detectron2's OFFSET, 0 by default).
    public let offset: Double
    /// The centred anchors of one cell at each level, computed in Double and rounded to Float
    /// as detectron2 does when it builds the tensor from Python floats.
    public let cellAnchors: [[Box]]

    /// Creates the generator of a validated config's anchors for its feature levels.
    public init(config: AnchorConfig, strides: [Int]) {
        self.init(sizes: config.sizes, aspectRatios: config.aspectRatios, strides: strides, offset: config.offset)
    }

    /// Creates a generator; `sizes` has one entry per stride.
    public init(sizes: [[Double]], aspectRatios: [Double], strides: [Int], offset: Double = 0) {
        precondition(sizes.count == strides.count, "one list of anchor sizes per level; ModelConfig.validate checks this")
        self.sizes = sizes
        self.aspectRatios = aspectRatios
        self.strides = strides
        self.offset = offset
        cellAnchors = sizes.map { levelSizes in
            levelSizes.flatMap { size in
                aspectRatios.map { ratio in
                    let w = (size * size / ratio).squareRoot()
                    let h = ratio * w
                    return Box(x1: Float(-w / 2), y1: Float(-h / 2), x2: Float(w / 2), y2: Float(h / 2))
                }
            }
        }
    }

    /// Anchors per feature cell at `level`.
    public func anchorsPerCell(level: Int) -> Int { cellAnchors[level].count }

    /// All anchors of `level` over a `gridHeight x gridWidth` feature map.
    public func anchors(level: Int, gridHeight: Int, gridWidth: Int) -> [Box] {
        let stride = Double(strides[level])
        let cell = cellAnchors[level]
        var result: [Box] = []
        result.reserveCapacity(gridHeight * gridWidth * cell.count)
        for i in 0..<gridHeight {
            // torch.arange(offset * stride, ..., step: stride) accumulates in double.
            let shiftY = Float(offset * stride + stride * Double(i))
            for j in 0..<gridWidth {
                let shiftX = Float(offset * stride + stride * Double(j))
                for base in cell {
                    result.append(Box(x1: shiftX + base.x1, y1: shiftY + base.y1,
                                      x2: shiftX + base.x2, y2: shiftY + base.y2))
                }
            }
        }
        return result
    }

    /// The anchors of every level for feature maps of the given sizes, finest level first.
    public func anchors(gridSizes: [ImageSize]) -> [[Box]] {
        gridSizes.enumerated().map { level, grid in
            anchors(level: level, gridHeight: grid.height, gridWidth: grid.width)
        }
    }
}
