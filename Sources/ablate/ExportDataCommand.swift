import ArgumentParser
import COCO
import Datasets
import Foundation

/// `ablate export-data DIR`: writes the embedded synthetic dataset in COCO's folder layout
/// (`DIR/annotations/instances_{train,val}.json`, `DIR/{train,val}/*.png`; figures also get
/// `person_keypoints_{train,val}.json`), so pycocotools,
/// detectron2 or torchvision can read exactly what MaskBench trains on.
struct ExportDataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-data",
        abstract: "Write the synthetic dataset as COCO folders (PNG + JSON)."
    )

    @Argument(help: "Output directory.")
    var directory: String

    @Option(help: "Dataset preset: tiny (64 px), small (128 px), standard (256 px) or large (320 px).")
    var preset: String = "standard"

    @Option(help: "Training images.")
    var trainImages: Int = 1000

    @Option(help: "Validation images.")
    var valImages: Int = 200

    @Option(help: "Dataset seed; the validation split uses a separate stream of the same seed.")
    var seed: UInt64 = 0

    @Option(help: "Which synthetic set: shapes (instances_*.json) or figures (person keypoints; written as both instances_*.json and person_keypoints_*.json).")
    var dataset: String = "shapes"

    @Option(help: "Also write a PNG grid of the first 8 training images with their ground truth drawn on.")
    var preview: String?

    func run() throws {
        do {
            try export()
        } catch {
            FileHandle.standardError.write(Data("ablate: \(error)\n".utf8))
            throw ExitCode(2)
        }
    }

    private func export() throws(InputError) {
        guard let configuration = SyntheticPreset(rawValue: preset) else {
            throw InputError(field: "--preset", message: "unknown preset \"\(preset)\" (tiny, small, standard, large)")
        }
        guard trainImages >= 0, valImages >= 0, trainImages + valImages <= 1_000_000 else {
            throw InputError(field: "--train-images", message: "image counts must be 0...1000000")
        }
        let root = URL(fileURLWithPath: directory)
        guard dataset == "shapes" || dataset == "figures" else {
            throw InputError(field: "--dataset", message: "unknown dataset \"\(dataset)\" (shapes, figures)")
        }
        for (split, count, stream) in [("train", trainImages, seed), ("val", valImages, seed &+ 0x7A11_DA7A)] {
            let source: any SyntheticDataset = dataset == "shapes"
                ? try ShapesDataset(configuration: configuration.shapes, seed: stream)
                : try FiguresDataset(configuration: configuration.figures, seed: stream)
            let (records, images) = source.cocoDataset(count: count, threads: ProcessInfo.processInfo.activeProcessorCount)
            try COCOFolder.write(records, images: images, to: root, split: split)
            if dataset == "figures" {
                try COCOFolder.writeJSON(records, to: COCOFolder.annotationURL(in: root, kind: .personKeypoints, split: split))
            }
            if split == "train", let preview {
                try writePreview(of: source, count: min(8, count), to: URL(fileURLWithPath: preview))
            }
            FileHandle.standardError.write(Data("wrote \(count) \(split) images, \(records.annotations.count) annotations\n".utf8))
        }
    }

    private func writePreview(of source: any SyntheticDataset, count: Int, to url: URL) throws(InputError) {
        let panels = (0..<count).map { index in
            let sample = source.sample(at: index)
            return Visualizer.overlay(Visualizer.groundTruth(of: sample, categories: source.categories), on: sample.image)
        }
        guard let grid = Visualizer.grid(panels, columns: 4) else { return }
        try grid.writePNG(to: url)
    }
}
