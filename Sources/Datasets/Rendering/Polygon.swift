import Foundation

/// A point in continuous pixel coordinates: pixel (i, j) covers `[i, i+1) x [j, j+1)`, COCO's
/// convention for polygons and boxes.
public struct Point: Equatable, Hashable, Sendable {
    /// Horizontal position in pixels, growing rightwards.
    public var x: Double
    /// Vertical position in pixels, growing downwards.
    public var y: Double

    /// Creates a point.
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

/// A simple closed polygon (vertices in order, last joined to first). Every synthetic shape is
/// one, so the rendered pixels and the COCO polygon annotation come from the same geometry.
public struct Polygon: Equatable, Sendable {
    /// The vertices in drawing order.
    public var vertices: [Point]

    /// Creates a polygon from its vertices.
    public init(vertices: [Point]) {
        self.vertices = vertices
    }

    /// A regular `sides`-gon inscribed in the unit circle, first vertex at angle `phase` (radians).
    public static func regular(sides: Int, phase: Double = 0) -> Polygon {
        Polygon(vertices: (0..<sides).map { index in
            let angle = phase + 2 * Double.pi * Double(index) / Double(sides)
            return Point(x: cos(angle), y: sin(angle))
        })
    }

    /// A star with `points` tips on the unit circle and inner vertices at radius `innerRadius`.
    public static func star(points: Int, innerRadius: Double) -> Polygon {
        Polygon(vertices: (0..<(2 * points)).map { index in
            let angle = -Double.pi / 2 + Double.pi * Double(index) / Double(points)
            let radius = index.isMultiple(of: 2) ? 1 : innerRadius
            return Point(x: radius * cos(angle), y: radius * sin(angle))
        })
    }

    /// The square `[-1, 1]^2` with corners rounded at `cornerRadius` (0 gives a plain square).
    public static func roundedSquare(cornerRadius: Double, segmentsPerCorner: Int = 6) -> Polygon {
        let inset = 1 - cornerRadius
        let corners = [(inset, inset), (-inset, inset), (-inset, -inset), (inset, -inset)]
        var vertices: [Point] = []
        for (index, corner) in corners.enumerated() {
            for step in 0...segmentsPerCorner {
                let angle = Double.pi / 2 * (Double(index) + Double(step) / Double(segmentsPerCorner))
                vertices.append(Point(x: corner.0 + cornerRadius * cos(angle), y: corner.1 + cornerRadius * sin(angle)))
            }
        }
        return Polygon(vertices: vertices)
    }

    /// A stadium (rectangle with semicircular ends) from `start` to `end`, `radius` thick on each
    /// side: a limb of a keypoint figure.
    public static func capsule(from start: Point, to end: Point, radius: Double, segmentsPerEnd: Int = 6) -> Polygon {
        let direction = atan2(end.y - start.y, end.x - start.x)
        var vertices: [Point] = []
        for (center, offset) in [(end, -Double.pi / 2), (start, Double.pi / 2)] {
            for step in 0...segmentsPerEnd {
                let angle = direction + offset + Double.pi * Double(step) / Double(segmentsPerEnd)
                vertices.append(Point(x: center.x + radius * cos(angle), y: center.y + radius * sin(angle)))
            }
        }
        return Polygon(vertices: vertices)
    }

    /// The polygon scaled by (`scaleX`, `scaleY`), rotated by `angle` radians, then moved to `center`.
    public func placed(at center: Point, scaleX: Double, scaleY: Double, angle: Double) -> Polygon {
        let cosine = cos(angle)
        let sine = sin(angle)
        return Polygon(vertices: vertices.map { vertex in
            let x = vertex.x * scaleX
            let y = vertex.y * scaleY
            return Point(x: center.x + x * cosine - y * sine, y: center.y + x * sine + y * cosine)
        })
    }

    /// The flattened `[x1, y1, x2, y2, ...]` list COCO stores.
    public var flattened: [Double] {
        vertices.flatMap { [$0.x, $0.y] }
    }

    /// The smallest and largest coordinates: `(minX, minY, maxX, maxY)`.
    public var bounds: (minX: Double, minY: Double, maxX: Double, maxY: Double) {
        var bounds = (minX: Double.infinity, minY: Double.infinity, maxX: -Double.infinity, maxY: -Double.infinity)
        for vertex in vertices {
            bounds.minX = min(bounds.minX, vertex.x)
            bounds.minY = min(bounds.minY, vertex.y)
            bounds.maxX = max(bounds.maxX, vertex.x)
            bounds.maxY = max(bounds.maxY, vertex.y)
        }
        return bounds
    }
}
