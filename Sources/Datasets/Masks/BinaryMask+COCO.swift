import COCO

extension BinaryMask {
    /// The mask as a COCO compressed-RLE segmentation (pycocotools' string encoding).
    public var rleSegmentation: Segmentation {
        .compressedRLE(height: height, width: width,
                       counts: RLE(rowMajorMask: pixels, height: height, width: width).compressedCounts)
    }

    /// The mask a COCO segmentation describes in a `width` x `height` image, rasterised exactly
    /// as pycocotools' `annToMask` does (polygons through `frPyObjects`, RLEs decoded).
    public init(segmentation: Segmentation, width: Int, height: Int) throws(InputError) {
        let rle = try RLE(segmentation: segmentation, height: height, width: width)
        guard rle.height == height, rle.width == width else {
            throw InputError(field: "segmentation.size",
                             message: "RLE size \(rle.height)x\(rle.width) differs from the image's \(height)x\(width)")
        }
        self.init(width: width, height: height, pixels: rle.decodedRowMajor())
    }
}
