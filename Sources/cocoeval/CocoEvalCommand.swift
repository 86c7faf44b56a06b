import ArgumentParser
import COCO
import COCOEval
import Foundation

/// `cocoeval GT.json RESULTS.json --iou bbox|segm|keypoints`: pycocotools' COCOeval as a command.
///
/// stdout holds only the summary lines; warnings, the `--expect` table and errors go to stderr.
/// Exit status: 0 success, 1 a statistic fell more than `--tolerance` below `--expect`,
/// 2 bad input (one line naming file, record and field).
@main
struct CocoEvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cocoeval",
        abstract: "Score COCO results exactly as pycocotools' COCOeval does.")

    @Argument(help: "The ground-truth dataset file (instances_*.json / person_keypoints_*.json).")
    var groundTruth: String

    @Argument(help: "The results file: a JSON array of detections.")
    var results: String

    @Option(name: .long, help: "bbox, segm or keypoints.")
    var iou: IoUType = .bbox

    @Option(name: .long, help: "Write stats, per-category AP and settings as JSON to this file.")
    var json: String?

    @Option(name: .long, help: "Detections per image, comma-separated (default 1,10,100; keypoints 20).")
    var maxDets: String?

    @Option(name: .long, help: "Labelled area ranges, e.g. all=0:1e10,small=0:1024,medium=1024:9216,large=9216:1e10.")
    var areaRanges: String?

    @Option(name: .long, help: "Evaluate only these image ids, comma-separated.")
    var imgIds: String?

    @Flag(name: .long, help: "Match across categories (pycocotools' useCats = 0).")
    var noCats = false

    @Option(name: .long, help: "Compare the stats with a file --json wrote; exit 1 if any fell more than --tolerance below.")
    var expect: String?

    @Option(name: .long, help: "Allowed drop below --expect (default 0).")
    var tolerance: Double = 0

    @Option(name: .long, help: "Worker threads (default: all cores).")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    /// Usage errors (an unknown `--iou`, a missing file argument) are bad input too: one line on
    /// stderr and exit status 2, like a bad file.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data("error: \(message(for: error))\n".utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }

    func run() throws {
        do {
            try evaluate()
        } catch let error as InputError {
            FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
            throw ExitCode(2)
        }
    }

    private func evaluate() throws {
        var parameters = EvaluationParameters(iouType: iou)
        if let maxDets { parameters.maxDetections = try OptionLists.integers(maxDets, option: "max-dets") }
        if let areaRanges { parameters.areaRanges = try OptionLists.areaRanges(areaRanges) }
        if let imgIds { parameters.imageIDs = try OptionLists.integers(imgIds, option: "img-ids") }
        parameters.useCategories = !noCats
        guard threads >= 1 else { throw InputError(field: "threads", message: "expected at least 1, got \(threads)") }
        guard tolerance.isFinite, tolerance >= 0 else {
            throw InputError(field: "tolerance", message: "expected a finite number >= 0")
        }
        let expectation = try expect.map { path throws(InputError) in try Expectation.load(path) }
        // MASKBENCH_EVAL_TIMING=1 prints a per-phase wall-time breakdown on stderr.
        let timer = ProcessInfo.processInfo.environment["MASKBENCH_EVAL_TIMING"] == "1" ? PhaseTimer() : nil

        let (dataset, detections) = try InputFiles.load(groundTruth: groundTruth, results: results,
                                                         needsMasks: iou == .segm, concurrently: threads > 1)
        timer?.lap("read+parse")
        // The process ends after this command: hand the parsed files (up to 500k records and
        // their strings) to the OS at exit instead of freeing them one by one on the main thread.
        _ = Unmanaged.passRetained(ProcessLifetime(dataset: dataset, detections: detections))
        let result = try COCOEvaluator.evaluate(
            groundTruth: dataset, resultColumns: detections, parameters: parameters, threads: threads,
            groundTruthFile: groundTruth, resultsFile: results, timer: timer)
        for warning in result.warnings { FileHandle.standardError.write(Data((warning + "\n").utf8)) }
        print(result.summaryLines.joined(separator: "\n"))
        if let json {
            let report = JSONReport(result: result, dataset: dataset, groundTruthFile: groundTruth,
                                    resultsFile: results, imageIDsGiven: imgIds != nil)
            try report.write(to: json)
        }
        if let timer {
            timer.lap("output")
            FileHandle.standardError.write(Data(timer.report.utf8))
        }
        if let expectation, let expect {
            let check = try expectation.compare(result.stats, names: JSONReport.statNames(result.parameters.iouType),
                                                tolerance: tolerance, file: expect)
            if let table = check {
                FileHandle.standardError.write(Data(table.utf8))
                throw ExitCode(1)
            }
        }
    }
}

extension IoUType: ExpressibleByArgument {}

/// The parsed inputs, retained until the process exits (see `evaluate`).
private final class ProcessLifetime {
    let dataset: COCODataset
    let detections: ResultColumns

    init(dataset: COCODataset, detections: ResultColumns) {
        self.dataset = dataset
        self.detections = detections
    }
}
