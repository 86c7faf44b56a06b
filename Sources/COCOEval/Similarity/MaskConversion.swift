import COCO

/// `annToRLE`: polygons (merged), uncompressed RLE (its own size) or compressed RLE, as a mask;
/// the RLE API's errors are attributed to the file and record.
enum MaskConversion {
    static func rle(_ segmentation: Segmentation, height: Int, width: Int,
                    check: RecordValidator) throws(InputError) -> RLE {
        do {
            return try RLE(segmentation: segmentation, height: height, width: width)
        } catch {
            throw check.attribute(error, field: "segmentation")
        }
    }
}
