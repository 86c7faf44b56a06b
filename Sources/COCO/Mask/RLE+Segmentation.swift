/// From a JSON segmentation to a mask, as pycocotools' `COCO.annToRLE`.
extension RLE {
    /// The mask of an annotation's segmentation, in an image of `height x width` pixels.
    ///
    /// - Polygons: each rasterised with ``init(polygon:height:width:)``, then the union.
    ///   `frPyObjects`' quirk is kept: when the first polygon has exactly 4 numbers, every
    ///   "polygon" is a box `[x, y, width, height]` (cocoapi#369). An empty list gives an empty
    ///   mask (pycocotools raises IndexError).
    /// - Uncompressed RLE: uses its **own** size, not the image's (cocoapi#488).
    /// - Compressed RLE: decoded with its own size.
    /// - Throws: ``InputError`` (field `segmentation...`) for runs that do not sum to h*w, a bad
    ///   counts string, boxes mixed with polygons, or a first polygon of fewer than 4 numbers.
    public init(segmentation: Segmentation, height: Int, width: Int) throws(InputError) {
        switch segmentation {
        case .polygons(let polygons):
            _ = try RLE.pixelCount(height: height, width: width)
            guard let first = polygons.first else {
                self = RLE.empty(height: height, width: width)
                return
            }
            if first.count == 4 {
                guard polygons.allSatisfy({ $0.count == 4 }) else {
                    throw InputError(field: "segmentation",
                                     message: "a first polygon of 4 numbers makes every polygon a box [x, y, w, h]; got mixed lengths")
                }
                self = RLE.union(polygons.map {
                    RLE(box: BoundingBox(x: $0[0], y: $0[1], width: $0[2], height: $0[3]), height: height, width: width)
                })
            } else {
                guard first.count > 4 else {
                    throw InputError(field: "segmentation",
                                     message: "polygon with \(first.count) numbers; need at least 6 (3 points)")
                }
                self = RLE.union(polygons.map { RLE(polygon: $0, height: height, width: width) })
            }
        case .uncompressedRLE(let ownHeight, let ownWidth, let counts):
            self = try RLE(validatingCounts: counts, height: ownHeight, width: ownWidth)
        case .compressedRLE(let ownHeight, let ownWidth, let counts):
            self = try RLE(compressedCounts: counts, height: ownHeight, width: ownWidth)
        }
    }
}
