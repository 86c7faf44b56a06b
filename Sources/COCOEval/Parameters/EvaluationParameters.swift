import COCO

/// pycocotools' `Params`: what is evaluated and how the tables are indexed.
///
/// The threshold grids are built with numpy's `linspace` formula so that they hold the very same
/// doubles (element 8 of the IoU grid is 0.8999999999999999; recall element 35 is
/// 0.35000000000000003): `summarize` and `searchsorted` compare against them exactly.
public struct EvaluationParameters: Sendable, Equatable {
    /// The similarity measure.
    public var iouType: IoUType
    /// The ten IoU (or OKS) thresholds 0.5, 0.55, ..., 0.95 (T = 10).
    public let iouThresholds: [Double]
    /// The 101 recall thresholds 0, 0.01, ..., 1 (R = 101).
    public let recallThresholds: [Double]
    /// Detections kept per image, ascending (M entries); `[1, 10, 100]`, or `[20]` for keypoints.
    public var maxDetections: [Int]
    /// The labelled area ranges (A entries).
    public var areaRanges: [AreaRange]
    /// Per-keypoint OKS sigmas, COCO's 17 person values (`kpt_oks_sigmas`).
    public var keypointSigmas: [Double]
    /// `useCats`: match only within a category (true) or across all categories (false).
    public var useCategories: Bool
    /// Images to evaluate; `nil` means every image of the ground truth.
    public var imageIDs: [Int]?
    /// Categories to evaluate; `nil` means every category of the ground truth.
    public var categoryIDs: [Int]?

    /// COCO's 17 person-keypoint sigmas, divided by 10 exactly as pycocotools does.
    public static let cocoKeypointSigmas: [Double] =
        [0.26, 0.25, 0.25, 0.35, 0.35, 0.79, 0.79, 0.72, 0.72, 0.62, 0.62, 1.07, 1.07, 0.87, 0.87, 0.89, 0.89]
        .map { $0 / 10.0 }

    /// pycocotools' defaults for `iouType`.
    public init(iouType: IoUType) {
        self.iouType = iouType
        iouThresholds = Self.linspace(from: 0.5, to: 0.95, count: 10)
        recallThresholds = Self.linspace(from: 0.0, to: 1.0, count: 101)
        keypointSigmas = Self.cocoKeypointSigmas
        useCategories = true
        let all = AreaRange(label: "all", lower: 0, upper: 1e10)
        let medium = AreaRange(label: "medium", lower: 1024, upper: 9216)
        let large = AreaRange(label: "large", lower: 9216, upper: 1e10)
        switch iouType {
        case .bbox, .segm:
            maxDetections = [1, 10, 100]
            areaRanges = [all, AreaRange(label: "small", lower: 0, upper: 1024), medium, large]
        case .keypoints:
            maxDetections = [20]
            areaRanges = [all, medium, large]
        }
    }

    /// numpy's `linspace(start, stop, count, endpoint=True)`: `k * step + start`, last forced to `stop`.
    static func linspace(from start: Double, to stop: Double, count: Int) -> [Double] {
        let step = (stop - start) / Double(count - 1)
        var values = (0..<count).map { Double($0) * step + start }
        values[count - 1] = stop
        return values
    }

    /// Checks what `summarize` needs: positive unique detection limits (at least three for
    /// bbox/segm, whose summary reads the first three by position), unique area labels, finite ordered ranges.
    public func validate() throws(InputError) {
        let sorted = maxDetections.sorted()
        if sorted.isEmpty || sorted.first! < 1 || Set(sorted).count != sorted.count {
            throw InputError(field: "max-dets", message: "expected distinct positive counts, got \(maxDetections)")
        }
        if iouType != .keypoints && sorted.count < 3 {
            throw InputError(field: "max-dets",
                             message: "bbox and segm summaries need at least 3 values, got \(maxDetections)")
        }
        if areaRanges.isEmpty || Set(areaRanges.map(\.label)).count != areaRanges.count {
            throw InputError(field: "area-ranges", message: "expected distinct labels")
        }
        for range in areaRanges where !(range.lower.isFinite && range.upper.isFinite && range.lower <= range.upper) {
            throw InputError(field: "area-ranges", message: "range \(range.label) is not finite and ordered")
        }
        if iouType == .keypoints && keypointSigmas.isEmpty {
            throw InputError(field: "keypoint-sigmas", message: "expected at least one sigma")
        }
    }
}
