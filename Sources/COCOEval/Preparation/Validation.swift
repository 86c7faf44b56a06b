import COCO

/// Boundary checks shared by the GT and results preparation, so inner kernels can trust input
/// (no NaN reaching a comparison or an `Int(_:)`, no negative box sizes, keypoint lists that
/// match the sigmas). Errors name the file, the record and the field.
struct RecordValidator {
    let file: String
    let record: Int

    /// An error about `field` of this record (named as the COCO reader names fields).
    func error(_ field: String, _ message: String) -> InputError {
        InputError(file: file, record: record, field: field, message: message)
    }

    /// The same error from a lower layer (the RLE API), attributed to this record.
    func attribute(_ error: InputError, field: String) -> InputError {
        var attributed = error.inFile(file)
        if attributed.record == nil { attributed.record = record }
        if attributed.field == nil { attributed.field = field }
        return attributed
    }

    func finite(_ value: Double, _ field: String) throws(InputError) {
        guard value.isFinite else { throw error(field, "\(value) is not a finite number") }
    }

    func box(_ box: BoundingBox, _ field: String = "bbox") throws(InputError) {
        guard box.x.isFinite, box.y.isFinite, box.width.isFinite, box.height.isFinite else {
            throw error(field, "has a number that is not finite")
        }
        guard box.width >= 0, box.height >= 0 else { throw error(field, "negative width or height") }
    }

    /// `count` (x, y, v) triples of finite numbers.
    func keypoints(_ values: some Collection<Double>, count: Int) throws(InputError) {
        guard values.count == 3 * count, count > 0 else {
            throw error("keypoints", "expected \(3 * count) numbers (\(count) x, y, v triples), got \(values.count)")
        }
        for value in values { try finite(value, "keypoints") }
    }

    func missing(_ field: String, _ why: String) -> InputError {
        error(field, "missing (\(why))")
    }
}
