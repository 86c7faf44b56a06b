import COCO

/// Boundary checks shared by the GT and results preparation, so inner kernels can trust input
/// (no NaN reaching a comparison or an `Int(_:)`, no negative box sizes, keypoint lists that
/// match the sigmas).
struct RecordValidator {
    let file: String
    let record: Int

    func finite(_ value: Double, _ field: String) throws(InputError) {
        guard value.isFinite else { throw InputError(file: file, record: record, field: field, message: "\(value) is not a finite number") }
    }

    func box(_ box: BoundingBox, _ field: String = "bbox") throws(InputError) {
        guard box.x.isFinite, box.y.isFinite, box.width.isFinite, box.height.isFinite else {
            throw InputError(file: file, record: record, field: field, message: "has a number that is not finite")
        }
        guard box.width >= 0, box.height >= 0 else {
            throw InputError(file: file, record: record, field: field, message: "negative width or height")
        }
    }

    func keypoints(_ values: [Double], count: Int) throws(InputError) {
        guard values.count == 3 * count else {
            throw InputError(file: file, record: record, field: "keypoints",
                             message: "expected \(3 * count) numbers (\(count) x, y, v triples), got \(values.count)")
        }
        for value in values { try finite(value, "keypoints") }
    }

    func missing(_ field: String, _ why: String) -> InputError {
        InputError(file: file, record: record, field: field, message: "missing (\(why))")
    }
}
