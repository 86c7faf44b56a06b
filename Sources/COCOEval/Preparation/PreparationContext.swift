/// What the GT and results preparations share: the evaluation kind and the resolved selection.
struct PreparationContext: Sendable {
    let iouType: IoUType
    /// Keypoints per instance (the sigma count).
    let sigmaCount: Int
    /// Evaluated image ids (sorted, unique) to their index.
    let imageIndex: DenseIndex
    /// Evaluated category ids (sorted, unique) to their index.
    let categoryIndex: DenseIndex
    let useCategories: Bool
    /// Sizes of every GT image (not only the evaluated ones).
    let imageSizes: ImageSizes
    let threads: Int
}
