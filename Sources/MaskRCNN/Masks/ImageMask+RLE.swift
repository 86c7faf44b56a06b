import COCO

extension ImageMask {
    /// The mask in COCO's run-length encoding (the COCO library's encoder; its
    /// `compressedCounts` is the string pycocotools writes, checked in `Tests/Fixtures/model/rle.json`).
    public var runLengthEncoded: RLE {
        RLE(rowMajorMask: values, height: height, width: width)
    }
}
