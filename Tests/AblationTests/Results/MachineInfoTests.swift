import Ablation
import Foundation
import Testing

@Suite struct MachineInfoTests {
    /// Runs git in `directory` and fails the test when it fails.
    func git(_ arguments: [String], in directory: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-c", "user.name=test", "-c", "user.email=test@example.com"] + arguments
        process.currentDirectoryURL = directory
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "git \(arguments.joined(separator: " "))")
    }

    @Test func ablatesOwnOutputsDoNotMakeTheCommitDirty() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("machine-info-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        for folder in ["Results", "Reports", "Sources"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        let files = ["Results/table.json", "Reports/table.md", "Sources/model.swift"]
        for file in files { try Data("a".utf8).write(to: root.appendingPathComponent(file)) }
        try git(["init", "-q"], in: root)
        try git(["add", "."], in: root)
        try git(["commit", "-q", "-m", "first"], in: root)
        let head = MachineInfo.currentCommit(in: root)
        #expect(head.count == 40 && head.allSatisfy(\.isHexDigit))

        // A second table's run rewrote the first one's results and report: still the clean commit.
        for file in files.prefix(2) { try Data("b".utf8).write(to: root.appendingPathComponent(file)) }
        #expect(MachineInfo.currentCommit(in: root) == head)

        // A changed source file is an uncommitted change to what trained the models.
        try Data("b".utf8).write(to: root.appendingPathComponent(files[2]))
        #expect(MachineInfo.currentCommit(in: root) == head + "-dirty")
    }

    @Test func aFolderOutsideGitHasAnUnknownCommit() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("machine-info-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(MachineInfo.currentCommit(in: root) == "unknown")
    }
}
