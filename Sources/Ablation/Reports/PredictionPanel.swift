import COCO
import Datasets
import Foundation

/// The report's PNG panel of predictions: a grid of validation images with predicted masks,
/// boxes and keypoints drawn on (Datasets' `Visualizer`).
///
/// The runner that has the trained model calls `write` with its overlays into
/// `ProjectLayout.reportAssets(...)/predictions.png`; the report links the file when it exists.
public enum PredictionPanel {
    /// The panel's file name inside the report's asset folder.
    public static let fileName = "predictions.png"

    /// Draws `instances[i]` on `images[i]` and writes the grid (4 columns) atomically.
    public static func write(images: [Image], instances: [[OverlayInstance]], to url: URL) throws(InputError) {
        guard images.count == instances.count else {
            throw InputError(file: url.path, message: "\(images.count) images but \(instances.count) overlay lists")
        }
        let panels = zip(images, instances).map { image, overlays in Visualizer.overlay(overlays, on: image) }
        guard let grid = Visualizer.grid(panels, columns: 4) else { return }
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw InputError(file: url.path, message: "cannot create the folder")
        }
        try grid.writePNG(to: url)
    }
}
