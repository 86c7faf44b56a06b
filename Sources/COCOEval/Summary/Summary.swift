import Foundation

/// pycocotools' `summarize`: the 12 detection (10 keypoint) statistics and their printed lines.
///
/// Each statistic is the numpy mean of the selected entries above -1 (C order), or -1 when there
/// are none; thresholds are selected by exact equality, so 0.9 would select nothing.
struct Summary {
    let parameters: EvaluationParameters
    let precision: [Double]
    let recall: [Double]
    let categoryCount: Int

    /// One `_summarize` call.
    struct Request {
        var averagePrecision: Bool
        var iouThreshold: Double?
        var area = "all"
        var maxDetections: Int
    }

    var requests: [Request] {
        let maxDets = parameters.maxDetections
        switch parameters.iouType {
        case .bbox, .segm:
            return [
                Request(averagePrecision: true, maxDetections: 100),
                Request(averagePrecision: true, iouThreshold: 0.5, maxDetections: maxDets[2]),
                Request(averagePrecision: true, iouThreshold: 0.75, maxDetections: maxDets[2]),
                Request(averagePrecision: true, area: "small", maxDetections: maxDets[2]),
                Request(averagePrecision: true, area: "medium", maxDetections: maxDets[2]),
                Request(averagePrecision: true, area: "large", maxDetections: maxDets[2]),
                Request(averagePrecision: false, maxDetections: maxDets[0]),
                Request(averagePrecision: false, maxDetections: maxDets[1]),
                Request(averagePrecision: false, maxDetections: maxDets[2]),
                Request(averagePrecision: false, area: "small", maxDetections: maxDets[2]),
                Request(averagePrecision: false, area: "medium", maxDetections: maxDets[2]),
                Request(averagePrecision: false, area: "large", maxDetections: maxDets[2]),
            ]
        case .keypoints:
            return [
                Request(averagePrecision: true, maxDetections: 20),
                Request(averagePrecision: true, iouThreshold: 0.5, maxDetections: 20),
                Request(averagePrecision: true, iouThreshold: 0.75, maxDetections: 20),
                Request(averagePrecision: true, area: "medium", maxDetections: 20),
                Request(averagePrecision: true, area: "large", maxDetections: 20),
                Request(averagePrecision: false, maxDetections: 20),
                Request(averagePrecision: false, iouThreshold: 0.5, maxDetections: 20),
                Request(averagePrecision: false, iouThreshold: 0.75, maxDetections: 20),
                Request(averagePrecision: false, area: "medium", maxDetections: 20),
                Request(averagePrecision: false, area: "large", maxDetections: 20),
            ]
        }
    }

    func value(_ request: Request) -> Double {
        let thresholds = parameters.iouThresholds
        let tIndices = thresholds.indices.filter { request.iouThreshold == nil || thresholds[$0] == request.iouThreshold! }
        guard let aIndex = parameters.areaRanges.firstIndex(where: { $0.label == request.area }),
              let mIndex = parameters.maxDetections.firstIndex(of: request.maxDetections) else { return -1 }
        let (R, K, A, M) = (parameters.recallThresholds.count, categoryCount,
                            parameters.areaRanges.count, parameters.maxDetections.count)
        var selected: [Double] = []
        selected.reserveCapacity(tIndices.count * (request.averagePrecision ? R * K : K))
        for t in tIndices {
            if request.averagePrecision {
                for r in 0..<R {
                    for k in 0..<K {
                        let value = precision[(((t * R + r) * K + k) * A + aIndex) * M + mIndex]
                        if value > -1 { selected.append(value) }
                    }
                }
            } else {
                for k in 0..<K {
                    let value = recall[((t * K + k) * A + aIndex) * M + mIndex]
                    if value > -1 { selected.append(value) }
                }
            }
        }
        return selected.isEmpty ? -1 : PairwiseSum.mean(selected)
    }

    /// The printed line: ` Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ] = 0.xxx`.
    func line(_ request: Request, value: Double) -> String {
        let title = request.averagePrecision ? "Average Precision" : "Average Recall"
        let kind = request.averagePrecision ? "(AP)" : "(AR)"
        let thresholds = parameters.iouThresholds
        let iou = request.iouThreshold.map { String(format: "%0.2f", $0) }
            ?? String(format: "%0.2f:%0.2f", thresholds[0], thresholds[thresholds.count - 1])
        let maxDets = String(request.maxDetections)
        return " " + title.padding(toLength: 18, withPad: " ", startingAt: 0) + " " + kind
            + " @[ IoU=" + iou.padding(toLength: max(9, iou.count), withPad: " ", startingAt: 0)
            + " | area=" + String(repeating: " ", count: max(0, 6 - request.area.count)) + request.area
            + " | maxDets=" + String(repeating: " ", count: max(0, 3 - maxDets.count)) + maxDets
            + " ] = " + String(format: "%0.3f", value)
    }
}
