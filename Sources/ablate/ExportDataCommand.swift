import ArgumentParser
import COCO
import Datasets
import Foundation

/// `ablate export-data DIR`: writes the embedded synthetic dataset in COCO's folder layout
/// (`DIR/annotations/instances_{train,val}.json`, `DIR/{train,val}/*.png`), so pycocotools,
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

    @Flag(help: "Also write keypoint figures as person_keypoints_{train,val}.json with their images.")
    var keypoints = false

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
        for (split, count, stream) in [("train", trainImages, seed), ("val", valImages, seed &+ 0x7A11_DA7A)] {
            let shapes = try ShapesDataset(configuration: configuration.shapes, seed: stream)
            let (dataset, images) = shapes.cocoDataset(count: count)
            try COCOFolder.write(dataset, images: images, to: root, split: split)
            FileHandle.standardError.write(Data("wrote \(count) \(split) images, \(dataset.annotations.count) annotations\n".utf8))
        }
    }
}
