import Ablation
import Foundation
import Testing

@Suite struct ErrorDescriptionTests {
    @Test func aFoundationFileErrorBecomesOneSentenceWithItsPath() throws {
        // The error a checkpoint write gets when its job folder was deleted under a running job.
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("maskbench-deleted-\(UUID())/model.safetensors")
        do {
            try Data([1, 2, 3]).write(to: missing, options: .atomic)
            Issue.record("wrote into a folder that does not exist")
        } catch {
            let text = ErrorDescription.oneLine(error)
            #expect(!text.contains("\n"))
            #expect(!text.contains("UserInfo"))
            #expect(text.contains(missing.deletingLastPathComponent().lastPathComponent))
        }
    }

    struct TwoLines: Error, CustomStringConvertible {
        var description: String { "first line\n  second line" }
    }

    @Test func otherErrorsKeepTheirTextOnOneLine() {
        #expect(ErrorDescription.oneLine(TwoLines()) == "first line second line")
    }
}
