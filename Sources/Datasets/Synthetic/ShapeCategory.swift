import COCO

/// The categories of the synthetic shapes dataset.
///
/// Two pairs have similar silhouettes (circle/hexagon, square/rounded square) so a mask head that
/// ignores the class (Table 2b's softmax or class-agnostic variants) pays for it at high IoU.
public enum ShapeCategory: Int, CaseIterable, Sendable {
    /// A 48-gon: indistinguishable from a circle at these sizes; similar to `hexagon`.
    case circle = 1
    /// A regular hexagon; similar to `circle`.
    case hexagon
    /// A square; similar to `roundedSquare`.
    case square
    /// A square with corners rounded at 45% of the half-side; similar to `square`.
    case roundedSquare
    /// An equilateral triangle.
    case triangle
    /// A five-pointed star (inner radius 45%): thin parts that coarse masks lose.
    case star

    /// The COCO category name.
    public var name: String {
        switch self {
        case .circle: "circle"
        case .hexagon: "hexagon"
        case .square: "square"
        case .roundedSquare: "rounded square"
        case .triangle: "triangle"
        case .star: "star"
        }
    }

    /// The outline in unit coordinates (extent about `[-1, 1]^2`), before scaling and rotation.
    public var outline: Polygon {
        switch self {
        case .circle: Polygon.regular(sides: 48)
        case .hexagon: Polygon.regular(sides: 6)
        case .square:
            Polygon(vertices: [Point(x: -1, y: -1), Point(x: 1, y: -1), Point(x: 1, y: 1), Point(x: -1, y: 1)])
        case .roundedSquare: Polygon.roundedSquare(cornerRadius: 0.45)
        case .triangle: Polygon.regular(sides: 3, phase: -Double.pi / 2)
        case .star: Polygon.star(points: 5, innerRadius: 0.45)
        }
    }

    /// The COCO category records, ids 1...6.
    public static var cocoCategories: [COCOCategory] {
        allCases.map { COCOCategory(id: $0.rawValue, name: $0.name, supercategory: "shape") }
    }
}
