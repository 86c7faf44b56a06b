import COCO

/// Pastes an m×m mask probability map into the image inside its detection box (inference).
///
/// detectron2's convention (`layers/mask_ops.py: _do_paste_mask` with `paste_masks_in_image`,
/// threshold 0.5), chosen over Detectron's cv2 resize of a padded mask because it is better
/// documented and scores about +0.5 mask AP: each image pixel centre `(i + 0.5)` is mapped to
/// `g = (i + 0.5 − x1) / (x2 − x1) · 2 − 1`, then sampled as `grid_sample(bilinear,
/// padding zeros, align_corners false)` does (`u = (g + 1) · m/2 − 0.5`, the four neighbours
/// weighted by the fractional parts, cells outside the map read as 0), and kept where the
/// value is ≥ 0.5. Arithmetic is Float in torch's order, so thresholds agree with detectron2.
/// Only pixels within one pixel of the box are visited (detectron2's `skip_empty` window);
/// outside it the bilinear value is always below 0.5. A box with `x2 ≤ x1` or `y2 ≤ y1`
/// pastes nothing.
public struct MaskPasting: Hashable, Sendable {
    /// Image rows, pixels.
    public var imageHeight: Int
    /// Image columns, pixels.
    public var imageWidth: Int
    /// Probabilities at or above this are foreground (0.5 in the paper and detectron2).
    public var threshold: Float

    /// Creates a paster for images of `imageHeight × imageWidth` pixels.
    public init(imageHeight: Int, imageWidth: Int, threshold: Float = 0.5) {
        self.imageHeight = imageHeight
        self.imageWidth = imageWidth
        self.threshold = threshold
    }

    /// The binary image mask of `probabilities` (row-major `maskHeight × maskWidth`, the
    /// predicted class's sigmoid output) placed in `box` = (x1, y1, x2, y2), image pixels.
    ///
    /// - Throws: `InputError` for a probability count that does not match the mask size, a
    ///   non-finite or NaN probability or box coordinate, or a negative image size.
    public func paste(_ probabilities: [Float], maskHeight: Int, maskWidth: Int,
                      box: (x1: Float, y1: Float, x2: Float, y2: Float)) throws(InputError) -> ImageMask {
        guard imageHeight >= 0, imageWidth >= 0, imageHeight <= 1 << 20, imageWidth <= 1 << 20 else {
            throw InputError(field: "image_size", message: "invalid image size \(imageHeight)x\(imageWidth)")
        }
        guard maskHeight > 0, maskWidth > 0, probabilities.count == maskHeight * maskWidth else {
            throw InputError(field: "mask", message: "expected \(maskHeight)x\(maskWidth) probabilities, got \(probabilities.count)")
        }
        guard probabilities.allSatisfy(\.isFinite) else { throw InputError(field: "mask", message: "non-finite probability") }
        for (name, v) in [("x1", box.x1), ("y1", box.y1), ("x2", box.x2), ("y2", box.y2)] where !v.isFinite || abs(v) > 16_777_216 {
            throw InputError(field: "box.\(name)", message: "coordinate \(v) is not finite or too large")
        }
        var values = [UInt8](repeating: 0, count: imageHeight * imageWidth)
        guard box.x2 > box.x1, box.y2 > box.y1 else { return ImageMask(trustedHeight: imageHeight, width: imageWidth, values: values) }
        // detectron2's skip_empty window: [floor(x1) - 1, ceil(x2) + 1) clipped to the image.
        let x0 = max(Int(box.x1.rounded(.down)) - 1, 0), xEnd = min(Int(box.x2.rounded(.up)) + 1, imageWidth)
        let y0 = max(Int(box.y1.rounded(.down)) - 1, 0), yEnd = min(Int(box.y2.rounded(.up)) + 1, imageHeight)
        guard x0 < xEnd, y0 < yEnd else { return ImageMask(trustedHeight: imageHeight, width: imageWidth, values: values) }
        let columns = (x0 ..< xEnd).map { Self.gridCoordinate(pixel: $0, low: box.x1, high: box.x2, size: maskWidth) }
        for y in y0 ..< yEnd {
            let row = Self.gridCoordinate(pixel: y, low: box.y1, high: box.y2, size: maskHeight)
            for (k, column) in columns.enumerated() {
                let v = Self.sample(probabilities, height: maskHeight, width: maskWidth, row: row, column: column)
                values[y * imageWidth + x0 + k] = v >= threshold ? 1 : 0
            }
        }
        return ImageMask(trustedHeight: imageHeight, width: imageWidth, values: values)
    }

    /// Pixel centre -> normalised grid coordinate -> mask cell coordinate, in torch's Float order.
    static func gridCoordinate(pixel: Int, low: Float, high: Float, size: Int) -> Float {
        let g = (Float(pixel) + 0.5 - low) / (high - low) * 2 - 1
        // Beyond one cell outside the map every neighbour reads 0, so clamping there changes
        // nothing and keeps a huge (tiny-box) coordinate away from Int conversion.
        return min(max((g + 1) * (Float(size) / 2) - 0.5, -2), Float(size) + 1)
    }

    /// `grid_sample` bilinear with zero padding at cell coordinate (row, column).
    static func sample(_ map: [Float], height: Int, width: Int, row: Float, column: Float) -> Float {
        let north = row.rounded(.down), west = column.rounded(.down)
        let n = row - north, w = column - west
        let s = 1 - n, e = 1 - w
        let iy = Int(north), ix = Int(west)
        func value(_ y: Int, _ x: Int) -> Float {
            y >= 0 && y < height && x >= 0 && x < width ? map[y * width + x] : 0
        }
        return value(iy, ix) * (s * e) + value(iy, ix + 1) * (s * w) + value(iy + 1, ix) * (n * e) + value(iy + 1, ix + 1) * (n * w)
    }
}
