import Foundation

/// Pixel-level drawing on an `Image`: alpha blending of masks and anti-aliased shapes, outlines
/// and bitmap text. Shapes go through the same coverage rasteriser as the synthetic data.
extension Image {
    /// Blends `color` over every pixel of `mask` with opacity `alpha` (0...1).
    public mutating func blend(_ mask: BinaryMask, color: RGB, alpha: Double) {
        guard mask.width == width, mask.height == height else { return }
        for index in 0..<(width * height) where mask.pixels[index] != 0 {
            blendPixel(index, color: color, alpha: Float(alpha))
        }
    }

    /// Fills polygons, anti-aliased, with `color` at opacity `alpha`.
    public mutating func fill(_ polygons: [Polygon], color: RGB, alpha: Double = 1) {
        let coverage = Coverage(polygons: polygons, imageWidth: width, imageHeight: height)
        for row in 0..<coverage.height {
            for column in 0..<coverage.width {
                let value = coverage.values[row * coverage.width + column]
                guard value > 0 else { continue }
                blendPixel((coverage.originY + row) * width + coverage.originX + column, color: color,
                           alpha: value * Float(alpha))
            }
        }
    }

    /// Draws a line `thickness` pixels wide with round ends.
    public mutating func drawLine(from start: Point, to end: Point, thickness: Double, color: RGB) {
        fill([.capsule(from: start, to: end, radius: thickness / 2, segmentsPerEnd: 4)], color: color)
    }

    /// Draws the outline of a COCO box (`[x, y, width, height]`), `thickness` pixels wide, inside it.
    public mutating func drawBox(x: Double, y: Double, width boxWidth: Double, height boxHeight: Double,
                                 thickness: Double, color: RGB) {
        let inset = thickness / 2
        let corners = [Point(x: x + inset, y: y + inset), Point(x: x + boxWidth - inset, y: y + inset),
                       Point(x: x + boxWidth - inset, y: y + boxHeight - inset), Point(x: x + inset, y: y + boxHeight - inset)]
        for index in 0..<4 {
            let start = corners[index], end = corners[(index + 1) % 4]
            fill([Polygon(vertices: [
                Point(x: min(start.x, end.x) - inset, y: min(start.y, end.y) - inset),
                Point(x: max(start.x, end.x) + inset, y: min(start.y, end.y) - inset),
                Point(x: max(start.x, end.x) + inset, y: max(start.y, end.y) + inset),
                Point(x: min(start.x, end.x) - inset, y: max(start.y, end.y) + inset),
            ])], color: color)
        }
    }

    /// Draws a filled disc.
    public mutating func drawDisc(at center: Point, radius: Double, color: RGB) {
        fill([Polygon.regular(sides: 16).placed(at: center, scaleX: radius, scaleY: radius, angle: 0)], color: color)
    }

    /// The size in pixels of `text` at integer `scale` (each font pixel becomes scale x scale).
    public static func textSize(_ text: String, scale: Int = 1) -> (width: Int, height: Int) {
        (max(0, text.count * (BitmapFont.width + 1) - 1) * scale, BitmapFont.height * scale)
    }

    /// Draws `text` with its top-left corner at (x, y) on a solid `background` box with a
    /// one-font-pixel margin; parts outside the image are clipped.
    public mutating func drawText(_ text: String, x: Int, y: Int, scale: Int = 1, color: RGB, background: RGB?) {
        let size = Self.textSize(text, scale: scale)
        if let background {
            for row in (y - scale)..<(y + size.height + scale) where row >= 0 && row < height {
                for column in (x - scale)..<(x + size.width + scale) where column >= 0 && column < width {
                    self[column, row] = background
                }
            }
        }
        for (position, character) in text.enumerated() {
            let left = x + position * (BitmapFont.width + 1) * scale
            for (row, bits) in BitmapFont.rows(for: character).enumerated() {
                for column in 0..<BitmapFont.width where bits & (0x10 >> UInt8(column)) != 0 {
                    for dy in 0..<scale {
                        for dx in 0..<scale {
                            let px = left + column * scale + dx, py = y + row * scale + dy
                            if px >= 0, py >= 0, px < width, py < height { self[px, py] = color }
                        }
                    }
                }
            }
        }
    }

    private mutating func blendPixel(_ index: Int, color: RGB, alpha: Float) {
        let channels = [color.red, color.green, color.blue]
        for channel in 0..<3 {
            let old = Float(pixels[index * 3 + channel])
            pixels[index * 3 + channel] = UInt8((old + (Float(channels[channel]) - old) * min(1, alpha)).rounded())
        }
    }
}

/// Well-separated colours for instance overlays: hues stepped by the golden angle.
public enum OverlayPalette {
    /// The `index`-th colour (saturated, bright enough for white text to stay readable on it).
    public static func color(_ index: Int) -> RGB {
        let hue = (Double(index) * 0.618_033_988_75).truncatingRemainder(dividingBy: 1)
        let sector = hue * 6
        let fraction = sector - sector.rounded(.down)
        let (value, saturation) = (0.95, 0.75)
        let p = value * (1 - saturation), q = value * (1 - saturation * fraction), t = value * (1 - saturation * (1 - fraction))
        let (r, g, b): (Double, Double, Double) = switch Int(sector) % 6 {
        case 0: (value, t, p)
        case 1: (q, value, p)
        case 2: (p, value, t)
        case 3: (p, q, value)
        case 4: (t, p, value)
        default: (value, p, q)
        }
        return RGB(red: UInt8(r * 255), green: UInt8(g * 255), blue: UInt8(b * 255))
    }
}
