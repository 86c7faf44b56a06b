import COCO
import Datasets
import Foundation

/// The report's PNG panel of predictions: one row per variant (plus a first row of ground
/// truth), the same validation images in every row, so a reader compares variants side by side
/// (e.g. RoIPool's masks against RoIAlign's). Drawn with Datasets' `Visualizer`.
///
/// `PredictionPanelBuilder` fills it from the jobs' final checkpoints; the report links
/// `Reports/STEM/predictions.png` when the file exists.
public struct PredictionPanel: Sendable {
    /// The panel's file name inside the report's asset folder.
    public static let fileName = "predictions.png"
    /// Pixels between cells and around the panel.
    public static let spacing = 4

    /// One row: a label drawn above it, and the images with their overlays drawn on.
    public struct Row: Sendable {
        /// The row's label (a variant's label, or "ground truth").
        public var label: String
        /// The images, left to right, with what to draw on each.
        public var cells: [(image: Image, instances: [OverlayInstance])]

        /// A row labelled `label`.
        public init(label: String, cells: [(image: Image, instances: [OverlayInstance])]) {
            self.label = label
            self.cells = cells
        }
    }

    /// The rows, top to bottom.
    public var rows: [Row]

    /// A panel of `rows`.
    public init(rows: [Row]) {
        self.rows = rows
    }

    /// The height in pixels of a row's label band for images `width` pixels wide.
    public static func labelBandHeight(imageWidth width: Int) -> Int {
        let scale = labelScale(imageWidth: width)
        return Image.textSize("", scale: scale).height + 2 * scale
    }

    /// The panel as one image: each row a label band over its cells (each cell as large as the
    /// largest image), `spacing` pixels of white between and around; nil when there are no cells.
    public func image() -> Image? {
        let images = rows.flatMap { $0.cells.map(\.image) }
        guard let cellWidth = images.map(\.width).max(), let cellHeight = images.map(\.height).max() else { return nil }
        let columns = rows.map(\.cells.count).max() ?? 0
        let spacing = Self.spacing, band = Self.labelBandHeight(imageWidth: cellWidth)
        let scale = Self.labelScale(imageWidth: cellWidth)
        let rowHeight = band + cellHeight + spacing
        var canvas = Image(width: columns * cellWidth + (columns + 1) * spacing,
                           height: rows.count * rowHeight + spacing, color: RGB(red: 255, green: 255, blue: 255))
        for (rowIndex, row) in rows.enumerated() {
            let top = spacing + rowIndex * rowHeight
            canvas.drawText(row.label, x: spacing + scale, y: top + scale, scale: scale,
                            color: RGB(red: 0, green: 0, blue: 0), background: nil)
            let drawn = row.cells.map { Visualizer.overlay($0.instances, on: $0.image) }
            for (column, image) in drawn.enumerated() {
                let left = spacing + column * (cellWidth + spacing)
                for y in 0..<image.height {
                    let source = y * image.width * 3, target = ((top + band + y) * canvas.width + left) * 3
                    canvas.pixels.replaceSubrange(target..<(target + image.width * 3),
                                                  with: image.pixels[source..<(source + image.width * 3)])
                }
            }
        }
        return canvas
    }

    /// Writes the panel as a PNG atomically (temp file + rename).
    /// - Throws: `InputError` when the panel is empty or the file cannot be written.
    public func write(to url: URL) throws(InputError) {
        guard let image = image() else { throw InputError(file: url.path, message: "the prediction panel has no images") }
        try ResultsIO.writeAtomically(image.pngData(), to: url)
    }

    /// Label text scale: the bitmap font doubled on images wide enough to hold it.
    private static func labelScale(imageWidth width: Int) -> Int { width >= 200 ? 2 : 1 }
}
