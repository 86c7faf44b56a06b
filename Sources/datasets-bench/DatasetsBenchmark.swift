import COCO
import Datasets
import Foundation

/// `datasets-bench`: throughput of the data pipeline, for `make bench-data`
/// (scripts/bench_data.py runs it beside Pillow on the same files).
///
///     datasets-bench generate PRESET COUNT     synthetic shapes and figures, images/s
///     datasets-bench decode REPEATS FILE...    PNG/JPEG decoding, images/s and ms/image
///
/// Prints one JSON object per measurement on stdout.
@main
enum DatasetsBenchmark {
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            switch arguments.first {
            case "generate" where arguments.count == 3:
                try generate(preset: arguments[1], count: Int(arguments[2]) ?? 0)
            case "decode" where arguments.count >= 3:
                try decode(repeats: Int(arguments[1]) ?? 1, paths: Array(arguments[2...]))
            default:
                FileHandle.standardError.write(Data("usage: datasets-bench generate PRESET COUNT | decode REPEATS FILE...\n".utf8))
                exit(2)
            }
        } catch {
            FileHandle.standardError.write(Data("datasets-bench: \(error)\n".utf8))
            exit(2)
        }
    }

    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    static func report(_ name: String, images: Int, seconds: Double, extra: String = "") {
        let line = String(format: #"{"name": "%@", "images": %d, "seconds": %.4f, "images_per_second": %.1f%@}"#,
                          name, images, seconds, Double(images) / seconds, extra)
        print(line)
    }

    static func generate(preset name: String, count: Int) throws {
        guard let preset = SyntheticPreset(rawValue: name), count > 0 else {
            throw InputError(field: "preset", message: "unknown preset \(name) or bad count")
        }
        let shapes = try ShapesDataset(configuration: preset.shapes, seed: 1)
        let figures = try FiguresDataset(configuration: preset.figures, seed: 1)
        var checksum = 0
        report("generate shapes \(name)", images: count, seconds: seconds {
            for index in 0..<count { checksum &+= shapes.sample(at: index).annotations.count }
        })
        report("generate figures \(name)", images: count, seconds: seconds {
            for index in 0..<count { checksum &+= figures.sample(at: index).annotations.count }
        })
        // The whole training input path: generate, augment, collate batches of 4.
        let side = preset.shapes.width
        let augmentation = Augmentation(shorterSides: [side * 3 / 4, side, side * 5 / 4], maxSize: side * 2)
        var random = SplitMixGenerator(seed: 2)
        report("generate+augment+batch shapes \(name)", images: count, seconds: seconds {
            var pending: [TrainingExample] = []
            for index in 0..<count {
                let example = TrainingExample(sample: shapes.sample(at: index), categories: shapes.categories)
                pending.append(augmentation.apply(to: example, random: &random))
                if pending.count == 4 {
                    checksum &+= ImageBatch(examples: pending).shape[2]
                    pending.removeAll()
                }
            }
        })
        FileHandle.standardError.write(Data("checksum \(checksum)\n".utf8))
    }

    static func decode(repeats: Int, paths: [String]) throws {
        let files = try paths.map { try Data(contentsOf: URL(fileURLWithPath: $0)) }
        var checksum = 0
        // One warm-up pass so page cache and allocator state match Pillow's timed loop.
        for (path, data) in zip(paths, files) { checksum &+= try Image(encoded: data, source: path).width }
        let elapsed = try seconds {
            for _ in 0..<repeats {
                for (path, data) in zip(paths, files) {
                    checksum &+= try Image(encoded: data, source: path).pixels.count
                }
            }
        }
        report("decode", images: repeats * files.count, seconds: elapsed,
                extra: String(format: #", "ms_per_image": %.3f"#, 1000 * elapsed / Double(repeats * files.count)))
        FileHandle.standardError.write(Data("checksum \(checksum)\n".utf8))
    }
}
