import COCO

/// Training targets of the mask branch: a ground-truth mask cropped to a *proposal* box and
/// resampled to the head's m×m grid (m = 28 for FPN, 14 for C4), as detectron2 builds them.
///
/// - From a bitmask (decoded RLE): detectron2's `BitMasks.crop_and_resize`: RoIAlign with
///   aligned = true, sampling ratio 0 (adaptive), scale 1 over the 0/1 mask, kept where ≥ 0.5.
/// - From polygons: detectron2's `rasterize_polygons_within_box`: vertices are shifted by the
///   box corner, scaled by `m / max(side, 0.1)` and rasterised at m×m with the COCO library's
///   polygon rasteriser (pycocotools' `frPyObjects`, bit for bit), polygons united.
/// - From an annotation's ``COCO/Segmentation``: polygons as above, RLE decoded then as a bitmask.
public struct MaskTarget: Hashable, Sendable {
    /// m: the target grid side, in cells.
    public var size: Int

    /// Creates a target builder for an m×m mask head.
    public init(size: Int) {
        self.size = size
    }

    /// The m×m target of `mask` (an image-sized binary mask) inside `box` = (x1, y1, x2, y2),
    /// image pixels (detectron2's `BitMasks.crop_and_resize`).
    ///
    /// - Throws: `InputError` for a non-positive size or a non-finite or absurd box coordinate.
    public func target(bitmask mask: ImageMask, box: (x1: Float, y1: Float, x2: Float, y2: Float)) throws(InputError) -> ImageMask {
        let op = try RoIOperator(kind: .roiAlign, aggregation: .average, outputHeight: size, outputWidth: size,
                                 samplingRatio: 0, aligned: true)
        let features = try FeatureMap(batch: 1, channels: 1, height: mask.height, width: mask.width,
                                      values: mask.values.map(Float.init))
        let pooled = try op(features, rois: [RoI(imageIndex: 0, x1: box.x1, y1: box.y1, x2: box.x2, y2: box.y2)],
                            spatialScale: 1)
        return ImageMask(trustedHeight: size, width: size, values: pooled.output.values.map { $0 >= 0.5 ? 1 : 0 })
    }
}

extension MaskTarget {
    /// The m×m target of an annotation's polygons inside `box` = (x1, y1, x2, y2), image pixels
    /// (detectron2's `PolygonMasks.crop_and_resize` / `rasterize_polygons_within_box`).
    ///
    /// Vertices are shifted by the box corner (in Double, as numpy's float64 polygons), then
    /// scaled by `m / max(side, 0.1)`, where the side is the Float difference of the corners and
    /// the ratio is Float when the side wins (numpy's float32 scalar) and Double when 0.1 does;
    /// each polygon is rasterised by the COCO library exactly as pycocotools, and their union kept.
    /// - Throws: `InputError` (field `segmentation`) for a polygon with fewer than 3 points, an
    ///   odd count or a non-finite coordinate, and for a non-finite box.
    public func target(polygons: [[Double]], box: (x1: Float, y1: Float, x2: Float, y2: Float)) throws(InputError) -> ImageMask {
        guard (1 ... 1024).contains(size) else {
            throw InputError(field: "mask_size", message: "must be 1...1024, got \(size)")
        }
        for (name, v) in [("x1", box.x1), ("y1", box.y1), ("x2", box.x2), ("y2", box.y2)] where !v.isFinite {
            throw InputError(field: "box.\(name)", message: "coordinate \(v) is not finite")
        }
        for (k, polygon) in polygons.enumerated() {
            guard polygon.count >= 6, polygon.count % 2 == 0 else {
                throw InputError(record: k, field: "segmentation", message: "polygon with \(polygon.count) numbers; need an even count of at least 6")
            }
            guard polygon.allSatisfy({ $0.isFinite && abs($0) < 1e8 }) else {
                throw InputError(record: k, field: "segmentation", message: "polygon coordinate not finite or too large")
            }
        }
        func ratio(_ side: Float) -> Double {
            // numpy: `max(side, 0.1)` compares in float32; `m / side` stays float32, `m / 0.1` is float64.
            Float(0.1) > side ? Double(size) / 0.1 : Double(Float(size) / side)
        }
        let ratioX = ratio(box.x2 - box.x1), ratioY = ratio(box.y2 - box.y1)
        let masks = polygons.map { polygon in
            let local = polygon.enumerated().map { i, v in
                i % 2 == 0 ? (v - Double(box.x1)) * ratioX : (v - Double(box.y1)) * ratioY
            }
            return RLE(polygon: local, height: size, width: size)
        }
        let union = masks.isEmpty ? RLE(rowMajorMask: [UInt8](repeating: 0, count: size * size), height: size, width: size) : RLE.union(masks)
        return ImageMask(trustedHeight: size, width: size, values: union.decodedRowMajor())
    }
}

extension MaskTarget {
    /// The m×m target of a COCO annotation's segmentation in an `imageHeight × imageWidth`
    /// image: polygons are rasterised within the box, RLE masks decoded and resampled (as
    /// detectron2 keeps polygons as `PolygonMasks` and RLE as `BitMasks`).
    /// - Throws: `InputError` for a malformed segmentation (bad RLE counts, short polygons), an
    ///   RLE whose size differs from the image, or a bad box.
    public func target(segmentation: Segmentation, imageHeight: Int, imageWidth: Int,
                       box: (x1: Float, y1: Float, x2: Float, y2: Float)) throws(InputError) -> ImageMask {
        if case .polygons(let polygons) = segmentation { return try target(polygons: polygons, box: box) }
        let rle = try RLE(segmentation: segmentation, height: imageHeight, width: imageWidth)
        guard rle.height == imageHeight, rle.width == imageWidth else {
            throw InputError(field: "segmentation.size", message: "RLE is \(rle.height)x\(rle.width), image is \(imageHeight)x\(imageWidth)")
        }
        return try target(bitmask: ImageMask(trustedHeight: rle.height, width: rle.width, values: rle.decodedRowMajor()), box: box)
    }
}
