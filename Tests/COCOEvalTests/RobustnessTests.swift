import COCO
import Testing
@testable import COCOEval

/// Odd but well-typed input never traps: it evaluates, or it throws one `InputError`.
@Suite struct RobustnessTests {
    /// A small deterministic generator (SplitMix64), so failures reproduce.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func pick<T>(_ values: [T]) -> T { values[Int(next() % UInt64(values.count))] }
    }

    static let oddNumbers: [Double] = [0, -0.0, 1, -1, 0.5, 1e-300, 1e300, -1e300, 1024, 9216, 3, 7.25]
    static let oddSizes: [Double] = [0, 0.5, 1, 32, 96, 1e-300, 1e300, 3, 7.25]
    static let oddIDs = [0, 1, 2, -1, Int.max, Int.min, 1 << 40]

    /// Evaluates one random input; true when it evaluated, false when it threw `InputError`.
    static func evaluate(seed: Int) -> Bool {
        var random = Generator(state: UInt64(seed))
        let iouType = random.pick([IoUType.bbox, .keypoints])
        let images = (0..<3).map { _ in COCOImage(id: random.pick(Self.oddIDs), width: 10, height: 10) }
        let categories = (0..<2).map { _ in COCOCategory(id: random.pick(Self.oddIDs), name: "c") }
        // Mostly valid but extreme values; now and then a poison one (NaN, infinity, negative size).
        func poisoned(_ value: Double) -> Double {
            random.next() % 50 == 0 ? random.pick([.nan, .infinity, -.infinity, -5]) : value
        }
        func box() -> BoundingBox {
            BoundingBox(x: poisoned(random.pick(Self.oddNumbers)), y: random.pick(Self.oddNumbers),
                        width: poisoned(random.pick(Self.oddSizes)), height: random.pick(Self.oddSizes))
        }
        func keypoints() -> [Double] { (0..<51).map { _ in poisoned(random.pick(Self.oddNumbers)) } }
        let annotations = (0..<6).map { _ in
            COCOAnnotation(id: random.pick(Self.oddIDs), imageID: random.pick(images).id,
                           categoryID: random.pick(categories).id, area: random.pick([nil] + Self.oddNumbers),
                           bbox: box(), isCrowd: random.pick([nil, 0, 1, 2]), ignore: random.pick([nil, 0, 1]),
                           keypoints: random.pick([nil, keypoints()]), numKeypoints: random.pick([nil, 0, 3]))
        }
        let results = (0..<8).map { _ in
            COCOResult(imageID: random.pick(images).id, categoryID: random.pick(categories).id,
                       score: poisoned(random.pick(Self.oddNumbers)), bbox: iouType == .bbox ? box() : nil,
                       keypoints: iouType == .keypoints ? keypoints() : nil)
        }
        var parameters = EvaluationParameters(iouType: iouType)
        parameters.useCategories = random.pick([true, false])
        do {
            let result = try COCOEvaluator.evaluate(
                groundTruth: COCODataset(images: images, annotations: annotations, categories: categories),
                results: results, parameters: parameters, threads: 2)
            #expect(result.stats.allSatisfy { $0.isFinite && $0 >= -1 && $0 <= 1 })
            return true
        } catch {
            #expect(!error.description.isEmpty)
            return false
        }
    }

    @Test func randomOddInputEvaluatesOrThrowsInputError() {
        let evaluated = (0..<80).filter { Self.evaluate(seed: $0) }.count
        // Both paths are exercised: most inputs evaluate, the poisoned ones throw.
        #expect(evaluated >= 20 && evaluated < 80, "\(evaluated) of 80 evaluated")
    }
}
