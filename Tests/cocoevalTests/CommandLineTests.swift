import Foundation
import Testing
import TestSupport

/// Runs the built `cocoeval` executable end to end on the pycocotools parity cases.
@Suite struct CommandLineTests {
    struct Expected: Decodable {
        var stats: [Double]
        var statsBits: [String]
        var summary: [String]
    }

    static let tool = CommandLineTool("cocoeval")

    static func run(_ arguments: [String]) throws -> CommandLineTool.Run {
        try tool.run(arguments)
    }

    static func casePath(_ name: String, _ file: String) -> String { Fixtures.url("eval/cases/\(name)/\(file)").path }

    static func expected(_ name: String) throws -> Expected {
        try JSONDecoder().decode(Expected.self, from: Fixtures.data("eval/cases/\(name)/expected.json"))
    }

    static func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("cocoeval-\(UUID().uuidString)-\(name)").path
    }

    static func bits(_ value: Double) -> String {
        let hex = String(value.bitPattern, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    @Test(arguments: [("random_bbox_1", "bbox"), ("random_keypoints_8", "keypoints"), ("bbox_no_cats", "bbox"),
                      ("random_segm_6", "segm")])
    func jsonOutputEqualsPycocotoolsStats(name: String, iou: String) throws {
        let json = Self.temporaryPath("stats.json")
        defer { try? FileManager.default.removeItem(atPath: json) }
        var arguments = [Self.casePath(name, "gt.json"), Self.casePath(name, "results.json"), "--iou", iou,
                         "--json", json, "--threads", "2"]
        if name.hasSuffix("no_cats") { arguments.append("--no-cats") }
        let run = try Self.run(arguments)
        let expected = try Self.expected(name)
        #expect(run.status == 0)
        #expect(run.stdout == expected.summary.joined(separator: "\n") + "\n", "stdout holds only the summary")
        struct Report: Decodable { var stats: [Double]; var statNames: [String] }
        let report = try JSONDecoder().decode(Report.self, from: Data(contentsOf: URL(fileURLWithPath: json)))
        #expect(report.stats.map(Self.bits) == expected.statsBits)
        #expect(report.statNames.count == expected.stats.count)
    }

    /// The list options reach Params as pycocotools' fields would.
    @Test(arguments: [
        ("bbox_img_ids_subset", ["--img-ids", "3,1,3"]),
        ("bbox_custom_area_ranges", ["--area-ranges", "all=0:1e10,small=0:400,medium=400:1e10"]),
        ("bbox_maxdets_four", ["--max-dets", "300,1,10,100"]),
        ("bbox_maxdets_without_100", ["--max-dets", "1,5,10"]),
        ("kp_no_cats", ["--iou", "keypoints", "--no-cats"]),
    ])
    func optionsMatchPycocotoolsParams(name: String, arguments: [String]) throws {
        let run = try Self.run([Self.casePath(name, "gt.json"), Self.casePath(name, "results.json")] + arguments)
        #expect(run.status == 0)
        #expect(run.stdout == (try Self.expected(name)).summary.joined(separator: "\n") + "\n")
    }

    @Test func expectPassesOnItsOwnOutputAndFailsBelowTolerance() throws {
        let json = Self.temporaryPath("baseline.json")
        defer { try? FileManager.default.removeItem(atPath: json) }
        let good = ["random_bbox_1", "random_bbox_1"], worse = ["random_bbox_1", "random_bbox_2"]
        let baseline = try Self.run([Self.casePath(good[0], "gt.json"), Self.casePath(good[1], "results.json"),
                                     "--json", json])
        #expect(baseline.status == 0)
        let same = try Self.run([Self.casePath(good[0], "gt.json"), Self.casePath(good[1], "results.json"),
                                 "--expect", json, "--tolerance", "0"])
        #expect(same.status == 0)
        // Another run's detections score far lower on this GT.
        let lower = try Self.run([Self.casePath(worse[0], "gt.json"), Self.casePath(worse[1], "results.json"),
                                  "--expect", json, "--tolerance", "0.01"])
        #expect(lower.status == 1)
        #expect(lower.stderr.contains("AP50"))
        #expect(lower.stderr.contains("fell more than 0.01 below"))
        let tolerant = try Self.run([Self.casePath(worse[0], "gt.json"), Self.casePath(worse[1], "results.json"),
                                     "--expect", json, "--tolerance", "1"])
        #expect(tolerant.status == 0)
    }

    /// Bad input: exit status 2 and one stderr line naming the file, record and field.
    @Test(arguments: [
        ("not-json", "[{\"image_id\": 1,", "not JSON"),
        ("missing-field", "[{\"image_id\": 1, \"category_id\": 1, \"bbox\": [1, 2, 3, 4]}]", "record 0: field \"score\""),
        ("mistyped", "[{\"image_id\": 1, \"category_id\": 1, \"bbox\": [1, 2, 3, 4], \"score\": \"high\"}]",
         "record 0: field \"score\""),
        ("unknown-image", "[{\"image_id\": 1, \"category_id\": 1, \"bbox\": [1, 2, 3, 4], \"score\": 0.5},"
            + "{\"image_id\": 77, \"category_id\": 1, \"bbox\": [1, 2, 3, 4], \"score\": 0.5}]",
         "record 1: field \"image_id\": image 77"),
        ("negative-size", "[{\"image_id\": 1, \"category_id\": 1, \"bbox\": [1, 2, -3, 4], \"score\": 0.5}]",
         "record 0: field \"bbox\": negative width or height"),
        ("huge-number", "[{\"image_id\": 1, \"category_id\": 1, \"bbox\": [1, 2, 3, 4], \"score\": 1e999}]",
         "record 0: field \"score\""),
    ])
    func badResultsExitTwoWithOneLine(name: String, contents: String, message: String) throws {
        let path = Self.temporaryPath("\(name).json")
        try Data(contents.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = try Self.run([Self.casePath("bbox_single_perfect", "gt.json"), path])
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(run.stderr.hasPrefix("error: \(path)"), "names the file: \(run.stderr)")
        #expect(run.stderr.contains(message), "\(run.stderr)")
    }

    @Test func badGroundTruthNamesItsArrayAndField() throws {
        let path = Self.temporaryPath("gt.json")
        let gt = "{\"images\": [{\"id\": 1, \"width\": 10, \"height\": 10}, {\"id\": 2, \"width\": 10}],"
            + "\"annotations\": [], \"categories\": []}"
        try Data(gt.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = try Self.run([path, Self.casePath("bbox_single_perfect", "results.json")])
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("error: \(path): record 1: field \"height\""), "\(run.stderr)")
    }

    /// Broken masks: RLE runs not summing to h*w, a polygon of fewer than 3 points.
    @Test(arguments: [
        ("{\"size\": [150, 200], \"counts\": [10, 20]}", "record 0: field \"segmentation"),
        ("[[10, 10]]", "record 0: field \"segmentation"),
    ])
    func badMasksExitTwoWithOneLine(segmentation: String, message: String) throws {
        let path = Self.temporaryPath("masks.json")
        let results = "[{\"image_id\": 1, \"category_id\": 1, \"score\": 0.5, \"segmentation\": \(segmentation)}]"
        try Data(results.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = try Self.run([Self.casePath("segm_polygon_perfect", "gt.json"), path, "--iou", "segm"])
        #expect(run.status == 2)
        #expect(run.stderr.split(separator: "\n").count == 1)
        #expect(run.stderr.hasPrefix("error: \(path): \(message)"), "\(run.stderr)")
    }

    @Test(arguments: [
        (["--max-dets", "1,x,100"], "max-dets"), (["--max-dets", "10,100"], "max-dets"),
        (["--area-ranges", "all=0"], "area-ranges"), (["--img-ids", "1,,2"], "img-ids"),
        (["--threads", "0"], "threads"),
    ])
    func badOptionsExitTwo(arguments: [String], field: String) throws {
        let run = try Self.run([Self.casePath("bbox_single_perfect", "gt.json"),
                                Self.casePath("bbox_single_perfect", "results.json")] + arguments)
        #expect(run.status == 2)
        #expect(run.stderr.contains("field \"\(field)\""), "\(run.stderr)")
    }

    @Test(arguments: [["--iou", "masks"], ["--threads", "many"], []])
    func usageErrorsExitTwoWithOneLine(arguments: [String]) throws {
        let files = arguments.isEmpty ? [Self.casePath("bbox_single_perfect", "gt.json")]
            : [Self.casePath("bbox_single_perfect", "gt.json"), Self.casePath("bbox_single_perfect", "results.json")]
        let run = try Self.run(files + arguments)
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("error: "))
        #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
    }

    @Test func helpExitsZero() throws {
        let run = try Self.run(["--help"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("--max-dets"))
    }

    @Test func quirkWarningGoesToStandardError() throws {
        let run = try Self.run([Self.casePath("bbox_gt_id_zero", "gt.json"), Self.casePath("bbox_gt_id_zero", "results.json")])
        #expect(run.status == 0)
        #expect(run.stderr == "warning: \(Self.casePath("bbox_gt_id_zero", "gt.json")): 1 annotations have id 0; pycocotools never counts them as matched\n")
        #expect(run.stdout == (try Self.expected("bbox_gt_id_zero")).summary.joined(separator: "\n") + "\n")
    }
}
