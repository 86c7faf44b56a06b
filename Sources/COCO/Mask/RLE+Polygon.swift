/// Rasterising polygons and boxes (`rleFrPoly`, `rleFrBbox` in pycocotools), bit for bit.
extension RLE {
    /// Rasterises a closed polygon given as flattened `[x1, y1, x2, y2, ...]` pixel coordinates,
    /// exactly as pycocotools' `rleFrPoly`: vertices are snapped to a 5x grid, edges are
    /// sampled densely, and the mask keeps pixels whose centres lie inside.
    ///
    /// An odd count drops the last number (as `frPyObjects`); fewer than 2 vertices give an
    /// empty mask. A zero-length edge (duplicated vertex) divides 0 by 0 in pycocotools and
    /// casts NaN to int; that sample is always discarded, so it is skipped here instead of
    /// trapping. `ys + s * t` is computed without fused multiply-add, as x86-64 pycocotools.
    /// Coordinates are clamped to +-``polygonCoordinateLimit`` pixels (NaN to the lower limit):
    /// beyond that pycocotools' int cast is undefined or its sample buffers reach gigabytes,
    /// and the edge walk here would take seconds. The JSON reader rejects non-finite numbers.
    public init(polygon: [Double], height: Int, width: Int) {
        precondition(height >= 0 && width >= 0, "negative mask size")
        let vertexCount = polygon.count / 2
        let scale = 5.0
        var gridX = [Int](repeating: 0, count: vertexCount + 1)
        var gridY = [Int](repeating: 0, count: vertexCount + 1)
        for j in 0..<vertexCount {
            gridX[j] = RLE.cInt(scale * RLE.clampedCoordinate(polygon[2 * j]) + 0.5)
            gridY[j] = RLE.cInt(scale * RLE.clampedCoordinate(polygon[2 * j + 1]) + 0.5)
        }
        if vertexCount > 0 {
            gridX[vertexCount] = gridX[0]
            gridY[vertexCount] = gridY[0]
        }
        // Boundary crossings of pixel columns, as column-major pixel indices: at most one per
        // five grid columns an edge spans, plus one, plus the closing `h * w`.
        var crossings: [UInt32] = []
        var bound = 1
        for j in 0..<vertexCount { bound += abs(gridX[j + 1] - gridX[j]) / 5 + 2 }
        crossings.reserveCapacity(bound)
        var sampler = BoundarySampler(height: height, width: width)
        for j in 0..<vertexCount {
            var xs = gridX[j], xe = gridX[j + 1], ys = gridY[j], ye = gridY[j + 1]
            let dx = abs(xe - xs), dy = abs(ys - ye)
            let flip = (dx >= dy && xs > xe) || (dx < dy && ys > ye)
            if flip {
                swap(&xs, &xe)
                swap(&ys, &ye)
            }
            if dx == 0 && dy == 0 {
                // pycocotools' 0/0 sample: same column as both neighbours, so never recorded.
                sampler.add(u: xs, v: Int(Int32.min), into: &crossings)
                continue
            }
            if dx >= dy {
                let slope = Double(ye - ys) / Double(dx)
                let start = Double(ys)
                func row(_ t: Int) -> Int { RLE.cInt(RLE.unfused(start, slope, Double(t))) }
                // The first sample pairs with the previous edge's last one.
                let (first, last) = flip ? (dx, 0) : (0, dx)
                sampler.add(u: first + xs, v: row(first), into: &crossings)
                // The others step one grid column each, so of the samples t and t + 1 only the
                // column x = xs + t between them matters, and only every fifth x is recorded:
                // visit those instead of every sample (crossings are sorted afterwards).
                var x = Swift.max(xs, 0)
                x += (7 - x % 5) % 5
                while x < xs + dx, sampler.record(column: x, row: Swift.min(row(x - xs), row(x - xs + 1)), into: &crossings) {
                    x += 5
                }
                sampler.previous = (last + xs, row(last))
            } else {
                let slope = Double(xe - xs) / Double(dy)
                for d in 0...dy {
                    let t = flip ? dy - d : d
                    sampler.add(u: RLE.cInt(RLE.unfused(Double(xs), slope, Double(t))), v: t + ys, into: &crossings)
                }
            }
        }
        crossings.append(UInt32(truncatingIfNeeded: height * width))
        crossings.sort()
        self.init(height: height, width: width, counts: RLE.runs(fromSortedBoundaries: &crossings))
    }

    /// Rasterises a box as pycocotools' `rleFrBbox`: the polygon
    /// `(x, y), (x, y + h), (x + w, y + h), (x + w, y)` through ``init(polygon:height:width:)``.
    public init(box: BoundingBox, height: Int, width: Int) {
        let xs = box.x, xe = box.x + box.width
        let ys = box.y, ye = box.y + box.height
        self.init(polygon: [xs, ys, xs, ye, xe, ye, xe, ys], height: height, width: width)
    }

    /// The largest polygon coordinate magnitude rasterised as given, in pixels.
    public static let polygonCoordinateLimit = 1_000_000.0

    private static func clampedCoordinate(_ value: Double) -> Double {
        guard !value.isNaN else { return -polygonCoordinateLimit }
        return Swift.min(Swift.max(value, -polygonCoordinateLimit), polygonCoordinateLimit)
    }

    /// `(int)value` as x86-64 C evaluates it: truncation toward zero, and `INT_MIN` for NaN
    /// and values outside the 32-bit range (where C is undefined and Swift would trap).
    @inline(__always)
    static func cInt(_ value: Double) -> Int {
        value > -2147483649.0 && value < 2147483648.0 ? Int(value) : Int(Int32.min)
    }

    /// `base + slope * t + 0.5` rounded after each operation (no FMA contraction), as the
    /// x86-64 pycocotools wheels compute it. Swift never contracts `a * b + c` into an FMA
    /// (no fast-math), so inlining keeps the two roundings.
    @inline(__always)
    static func unfused(_ base: Double, _ slope: Double, _ t: Double) -> Double {
        let product = slope * t
        let sum = base + product
        return sum + 0.5
    }

    /// Turns sorted boundary indices (ending with `height * width`) into runs, merging the run
    /// after a zero-length difference into the previous one, as the tail of `rleFrPoly`.
    /// `differences` holds the boundaries on entry and their successive differences on return.
    private static func runs(fromSortedBoundaries differences: inout [UInt32]) -> [UInt32] {
        var previous: UInt32 = 0
        for j in differences.indices {
            let value = differences[j]
            differences[j] = value &- previous
            previous = value
        }
        var runs: [UInt32] = []
        runs.reserveCapacity(differences.count)
        runs.append(differences[0])
        var j = 1
        while j < differences.count {
            if differences[j] > 0 {
                runs.append(differences[j])
                j += 1
            } else {
                j += 1
                if j < differences.count {
                    runs[runs.count - 1] &+= differences[j]
                    j += 1
                }
            }
        }
        return runs
    }
}

/// The downsampling step of `rleFrPoly`: consumes boundary samples on the 5x grid in order and
/// records, at every change of grid column that lands on a pixel column, the first pixel row
/// whose centre is below the boundary.
private struct BoundarySampler {
    let height: Int
    let width: Int
    /// pycocotools compares with `w - 1` in unsigned size_t, so a 0-wide mask accepts every column.
    let lastColumn: Double
    var previous: (u: Int, v: Int)?

    init(height: Int, width: Int) {
        self.height = height
        self.width = width
        lastColumn = width == 0 ? Double(UInt64.max) : Double(width - 1)
    }

    mutating func add(u: Int, v: Int, into crossings: inout [UInt32]) {
        defer { previous = (u, v) }
        guard let (pu, pv) = previous, u != pu else { return }
        // pycocotools' `xd = (x + 0.5) / 5 - 0.5` is a whole number >= 0 exactly when
        // x >= 0 and x % 5 == 2 (|x| <= 5e6 after clamping, so no rounding reaches 0.2):
        // test that first and skip the division for the other 4 in 5 samples.
        let x = u < pu ? u : u - 1
        guard x >= 0, x % 5 == 2 else { return }
        record(column: x, row: v < pv ? v : pv, into: &crossings)
    }

    /// Records the crossing at grid column `x` (>= 0, `x % 5 == 2`) whose upper sample is on
    /// grid row `row`, unless the column is right of the mask. Returns false when it is: so is
    /// every later column.
    @inline(__always) @discardableResult
    mutating func record(column x: Int, row: Int, into crossings: inout [UInt32]) -> Bool {
        let xd = Double(x / 5)
        if xd > lastColumn { return false }
        var yd = Double(row)
        yd = (yd + 0.5) / 5 - 0.5
        if yd < 0 { yd = 0 } else if yd > Double(height) { yd = Double(height) }
        yd = yd.rounded(.up)
        crossings.append(UInt32(truncatingIfNeeded: Int(xd) * height + Int(yd)))
        return true
    }
}
