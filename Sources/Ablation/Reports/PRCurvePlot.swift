/// A precision-recall plot as a standalone SVG: one line per variant (the seed mean of
/// `PRCurves`), recall on x and precision on y, both 0...1.
public struct PRCurvePlot: Sendable {
    /// One line: a label and precision at the 101 recall thresholds.
    public struct Line: Sendable {
        /// The legend label.
        public var label: String
        /// Precision at recall 0, 0.01, ..., 1.
        public var precision: [Double]

        /// Creates a line.
        public init(label: String, precision: [Double]) {
            self.label = label
            self.precision = precision
        }
    }

    /// The plot title.
    public var title: String
    /// The lines, drawn in order.
    public var lines: [Line]

    /// Creates a plot.
    public init(title: String, lines: [Line]) {
        self.title = title
        self.lines = lines
    }

    /// Colour-blind-safe line colours (Okabe-Ito), cycled.
    private static let colors = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]

    /// The SVG document.
    public var svg: String {
        let (width, height, left, top, plotWidth, plotHeight) = (520.0, 360.0, 50.0, 30.0, 300.0, 280.0)
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" font-family=\"sans-serif\" font-size=\"11\">\n"
        out += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        out += "<text x=\"\(left)\" y=\"18\" font-size=\"13\">\(escape(title))</text>\n"
        for tick in 0...5 {
            let fraction = Double(tick) / 5
            let x = left + fraction * plotWidth, y = top + (1 - fraction) * plotHeight
            out += "<line x1=\"\(x)\" y1=\"\(top)\" x2=\"\(x)\" y2=\"\(top + plotHeight)\" stroke=\"#ddd\"/>"
            out += "<line x1=\"\(left)\" y1=\"\(y)\" x2=\"\(left + plotWidth)\" y2=\"\(y)\" stroke=\"#ddd\"/>\n"
            out += "<text x=\"\(x)\" y=\"\(top + plotHeight + 14)\" text-anchor=\"middle\">\(format(fraction))</text>"
            out += "<text x=\"\(left - 6)\" y=\"\(y + 4)\" text-anchor=\"end\">\(format(fraction))</text>\n"
        }
        out += "<rect x=\"\(left)\" y=\"\(top)\" width=\"\(plotWidth)\" height=\"\(plotHeight)\" fill=\"none\" stroke=\"#333\"/>\n"
        out += "<text x=\"\(left + plotWidth / 2)\" y=\"\(top + plotHeight + 30)\" text-anchor=\"middle\">recall</text>\n"
        out += "<text x=\"14\" y=\"\(top + plotHeight / 2)\" transform=\"rotate(-90 14 \(top + plotHeight / 2))\" text-anchor=\"middle\">precision</text>\n"
        for (index, line) in lines.enumerated() {
            let color = Self.colors[index % Self.colors.count]
            let steps = max(1, line.precision.count - 1)
            let points = line.precision.enumerated().map { r, p in
                "\(format(left + Double(r) / Double(steps) * plotWidth)),\(format(top + (1 - min(1, max(0, p))) * plotHeight))"
            }.joined(separator: " ")
            out += "<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"1.5\" points=\"\(points)\"/>\n"
            let legendY = top + 10 + Double(index) * 16
            out += "<line x1=\"\(left + plotWidth + 12)\" y1=\"\(legendY)\" x2=\"\(left + plotWidth + 30)\" y2=\"\(legendY)\" stroke=\"\(color)\" stroke-width=\"2\"/>"
            out += "<text x=\"\(left + plotWidth + 34)\" y=\"\(legendY + 4)\">\(escape(line.label))</text>\n"
        }
        return out + "</svg>\n"
    }

    private func format(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    private func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
