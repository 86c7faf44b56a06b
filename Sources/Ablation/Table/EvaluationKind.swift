import COCOEval

/// What a metric scores: boxes, masks or keypoints (pycocotools' `bbox`, `segm`, `keypoints`).
public enum EvaluationKind: String, Codable, Sendable, CaseIterable, Comparable {
    /// Box AP (`bbox`).
    case box
    /// Mask AP (`segm`).
    case mask
    /// Keypoint OKS AP (`keypoints`).
    case keypoints

    /// The pycocotools evaluation type.
    public var iouType: IoUType {
        switch self {
        case .box: .bbox
        case .mask: .segm
        case .keypoints: .keypoints
        }
    }

    /// The names of pycocotools' `stats`, in order: 12 for box/mask, 10 for keypoints.
    public var statisticNames: [String] {
        switch self {
        case .box, .mask: ["AP", "AP50", "AP75", "APs", "APm", "APl", "AR1", "AR10", "AR100", "ARs", "ARm", "ARl"]
        case .keypoints: ["AP", "AP50", "AP75", "APm", "APl", "AR", "AR50", "AR75", "ARm", "ARl"]
        }
    }

    /// Declaration order: box, mask, keypoints.
    public static func < (lhs: EvaluationKind, rhs: EvaluationKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// A value per evaluation kind, encoded as `{"box": ..., "mask": ..., "keypoints": ...}` with
/// absent kinds left out.
public struct KindMap<Value: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
    /// The box entry.
    public var box: Value?
    /// The mask entry.
    public var mask: Value?
    /// The keypoint entry.
    public var keypoints: Value?

    /// An empty map.
    public init() {}

    /// The entry of `kind`.
    public subscript(kind: EvaluationKind) -> Value? {
        get {
            switch kind {
            case .box: box
            case .mask: mask
            case .keypoints: keypoints
            }
        }
        set {
            switch kind {
            case .box: box = newValue
            case .mask: mask = newValue
            case .keypoints: keypoints = newValue
            }
        }
    }

    /// The kinds that have an entry, in declaration order.
    public var kinds: [EvaluationKind] { EvaluationKind.allCases.filter { self[$0] != nil } }
}
