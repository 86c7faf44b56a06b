/// The fraction of each pixel a shape covers (0...1), over a window of an image, so rendering
/// an object costs its bounding box rather than the whole image.
///
/// Coverage is exact horizontally and sampled at 4 sub-rows per pixel vertically: enough
/// anti-aliasing that edges sit at sub-pixel positions, which is what makes RoIAlign's
/// sub-pixel sampling matter on synthetic data.
public struct Coverage: Sendable {
    /// The window's left column in the image.
    public let originX: Int
    /// The window's top row in the image.
    public let originY: Int
    /// Window width in pixels.
    public let width: Int
    /// Window height in pixels.
    public let height: Int
    /// `height * width` coverage values, row-major.
    public var values: [Float]

    /// Sub-rows sampled per pixel row.
    static let subRows = 4

    /// Rasterises the union of `polygons` (each even-odd filled) clipped to an image of
    /// `imageWidth` x `imageHeight`. Overlapping polygons take the larger coverage per pixel.
    public init(polygons: [Polygon], imageWidth: Int, imageHeight: Int) {
        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        for polygon in polygons {
            let bounds = polygon.bounds
            minX = min(minX, bounds.minX)
            minY = min(minY, bounds.minY)
            maxX = max(maxX, bounds.maxX)
            maxY = max(maxY, bounds.maxY)
        }
        let left = max(0, Int(max(minX, -1).rounded(.down)))
        let top = max(0, Int(max(minY, -1).rounded(.down)))
        let right = min(imageWidth, Int(min(maxX, Double(imageWidth) + 1).rounded(.up)))
        let bottom = min(imageHeight, Int(min(maxY, Double(imageHeight) + 1).rounded(.up)))
        originX = left
        originY = top
        width = max(0, right - left)
        height = max(0, bottom - top)
        values = [Float](repeating: 0, count: width * height)
        guard width > 0, height > 0 else { return }
        var single = [Float](repeating: 0, count: width * height)
        for polygon in polygons {
            if polygons.count > 1 { single.withUnsafeMutableBufferPointer { $0.update(repeating: 0) } }
            Self.accumulate(polygon, into: &single, left: left, top: top, width: width, height: height)
            if polygons.count == 1 { values = single } else {
                for index in values.indices { values[index] = max(values[index], single[index]) }
            }
        }
        for index in values.indices { values[index] = min(1, values[index]) }
    }

    /// The coverage at image pixel (x, y); 0 outside the window.
    public func value(x: Int, y: Int) -> Float {
        let localX = x - originX
        let localY = y - originY
        guard localX >= 0, localY >= 0, localX < width, localY < height else { return 0 }
        return values[localY * width + localX]
    }

    /// Adds the polygon's per-sub-row span coverage (exact in x) into a window buffer.
    private static func accumulate(_ polygon: Polygon, into buffer: inout [Float],
                                   left: Int, top: Int, width: Int, height: Int) {
        let vertices = polygon.vertices
        guard vertices.count >= 3 else { return }
        let weight = 1 / Float(subRows)
        var crossings: [Double] = []
        for row in 0..<height {
            for sub in 0..<subRows {
                let y = Double(top + row) + (Double(sub) + 0.5) / Double(subRows)
                crossings.removeAll(keepingCapacity: true)
                var previous = vertices[vertices.count - 1]
                for vertex in vertices {
                    if (previous.y <= y) != (vertex.y <= y) {
                        let t = (y - previous.y) / (vertex.y - previous.y)
                        crossings.append(previous.x + t * (vertex.x - previous.x))
                    }
                    previous = vertex
                }
                crossings.sort()
                var index = 0
                while index + 1 < crossings.count {
                    let start = max(crossings[index] - Double(left), 0)
                    let end = min(crossings[index + 1] - Double(left), Double(width))
                    index += 2
                    guard end > start else { continue }
                    addSpan(from: start, to: end, weight: weight, rowStart: row * width, width: width, into: &buffer)
                }
            }
        }
    }

    /// Adds `weight` times the horizontal overlap of `[start, end)` with each pixel of a row
    /// (`0 <= start < end <= width`).
    private static func addSpan(from start: Double, to end: Double, weight: Float,
                                rowStart: Int, width: Int, into buffer: inout [Float]) {
        let first = Int(start)
        let last = min(Int(end.rounded(.up)) - 1, width - 1)
        if first >= last {
            buffer[rowStart + first] += weight * Float(end - start)
            return
        }
        buffer[rowStart + first] += weight * Float(Double(first + 1) - start)
        for column in (first + 1)..<last { buffer[rowStart + column] += weight }
        buffer[rowStart + last] += weight * Float(end - Double(last))
    }
}
