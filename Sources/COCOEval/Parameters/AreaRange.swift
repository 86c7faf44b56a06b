/// A labelled object-area range in square pixels; both ends are inclusive, as in `evaluateImg`.
public struct AreaRange: Sendable, Equatable, Codable {
    /// The label the summary lines use (`all`, `small`, `medium`, `large`).
    public var label: String
    /// Smallest area counted, in square pixels.
    public var lower: Double
    /// Largest area counted, in square pixels.
    public var upper: Double

    /// Creates a labelled range.
    public init(label: String, lower: Double, upper: Double) {
        self.label = label
        self.lower = lower
        self.upper = upper
    }

    /// True when `area` lies outside `[lower, upper]` (pycocotools' `area < lo or area > hi`).
    @inlinable func excludes(_ area: Double) -> Bool { area < lower || area > upper }
}
