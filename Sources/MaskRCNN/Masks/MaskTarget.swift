import COCO

/// Training targets of the mask branch: a ground-truth mask cropped to a *proposal* box and
/// resampled to the head's m×m grid (m = 28 for FPN, 14 for C4), as detectron2 builds them.
///
/// - From a bitmask (decoded RLE): detectron2's `BitMasks.crop_and_resize`: RoIAlign with
///   aligned = true, sampling ratio 0 (adaptive), scale 1 over the 0/1 mask, kept where ≥ 0.5.
/// - From polygons: detectron2's `rasterize_polygons_within_box`: vertices are shifted by the
///   box corner, scaled by `m / max(side, 0.1)` and rasterised at m×m with COCO's polygon
///   rasteriser (available once the COCO library's `RLE(polygon:height:width:)` is merged).
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
