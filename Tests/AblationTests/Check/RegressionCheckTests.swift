@testable import Ablation
import Foundation
import Testing

@Suite struct RegressionCheckTests {
    func baseline(trainer: JitterTrainer) throws -> (AblationTable, AblationResults) {
        let layout = TestTable.scratch()
        defer { try? FileManager.default.removeItem(at: layout.root) }
        let run = try TestTable.run(layout, runner: EvaluatingRunner(trainer: trainer), replicates: 10)
        _ = try run.runJobs()
        return (run.plan.table, try run.finish())
    }

    @Test func anUnchangedModelPasses() throws {
        let (table, baseline) = try baseline(trainer: TestTable.trainer())
        let current = try RegressionCheck.rerun(table: table, baseline: baseline, runner: EvaluatingRunner(trainer: TestTable.trainer()))
        let lines = RegressionCheck(table: table).compare(baseline: baseline, current: current)
        #expect(lines.count == 8)  // 3 metrics and the final loss, 2 variants
        #expect(lines.filter { $0.quantity == .finalLoss }.map(\.variant) == ["good", "bad"])
        #expect(lines.allSatisfy { $0.passed }, Comment(rawValue: lines.map(\.description).joined(separator: "\n")))
    }

    @Test func aRegressionFailsWithAReadableDiff() throws {
        let (table, baseline) = try baseline(trainer: TestTable.trainer())
        let worse = TestTable.trainer(good: 2.5)
        let current = try RegressionCheck.rerun(table: table, baseline: baseline, runner: EvaluatingRunner(trainer: worse))
        let failures = RegressionCheck(table: table).compare(baseline: baseline, current: current).filter { !$0.passed }
        #expect(!failures.isEmpty)
        #expect(failures.allSatisfy { $0.variant == "good" })
        let text = try #require(failures.first { $0.quantity.description == "box.AP75" }).description
        #expect(text.hasPrefix("FAIL good box.AP75: expected "))
        #expect(text.contains("± 1.00, got "))
        #expect(text.contains("(Δ -"))
    }

    @Test func aVariantThatStoppedLearningFailsOnItsFinalLoss() throws {
        let (table, baseline) = try baseline(trainer: TestTable.trainer())
        var current = baseline
        for index in current.variants[0].seeds.indices {  // the APs stay, the loss no longer falls
            current.variants[0].seeds[index].lossCurve.loss[1] = current.variants[0].seeds[index].lossCurve.loss[0]
        }
        let failures = RegressionCheck(table: table).compare(baseline: baseline, current: current).filter { !$0.passed }
        #expect(failures.map(\.quantity) == [.finalLoss])
        let line = try #require(failures.first)
        #expect(line.variant == current.variants[0].name)
        #expect(line.tolerance == 0.25 * line.expected!)
        #expect(line.description.hasPrefix("FAIL \(line.variant) final loss: expected 1."))
        #expect(line.description.contains(", got 2.000 (Δ +"))
    }

    @Test func aMissingVariantFails() throws {
        let (table, baseline) = try baseline(trainer: TestTable.trainer())
        var current = baseline
        current.variants.removeLast()
        let lines = RegressionCheck(table: table).compare(baseline: baseline, current: current)
        #expect(lines.filter { !$0.passed }.map(\.variant) == ["bad", "bad", "bad", "bad"])
        #expect(lines.last!.description.contains("got missing"))
    }

    @Test func aMetricAbsentFromBothSidesPasses() throws {
        let metric = RegressionCheck.Line.Quantity.metric(try MetricKey(kind: .mask, statistic: "AP"))
        #expect(RegressionCheck.Line(variant: "box_only", quantity: metric, expected: nil, measured: nil, tolerance: 0.02).passed)
        #expect(!RegressionCheck.Line(variant: "box_only", quantity: metric, expected: 0.1, measured: nil, tolerance: 0.02).passed)
        #expect(!RegressionCheck.Line(variant: "box_only", quantity: metric, expected: nil, measured: 0.1, tolerance: 0.02).passed)
    }
}
