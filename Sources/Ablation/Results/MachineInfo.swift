import Foundation

/// The machine and build that produced a result, recorded so numbers can be traced.
public struct MachineInfo: Codable, Sendable, Equatable {
    /// Operating system and version.
    public var os: String
    /// CPU model name (from /proc/cpuinfo), or "unknown".
    public var cpu: String
    /// Active processor count.
    public var cores: Int

    /// Creates a record.
    public init(os: String, cpu: String, cores: Int) {
        self.os = os
        self.cpu = cpu
        self.cores = cores
    }

    /// This machine.
    public static var current: MachineInfo {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let model = cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }
            .flatMap { $0.split(separator: ":", maxSplits: 1).last }
            .map { $0.trimmingCharacters(in: .whitespaces) } ?? "unknown"
        return MachineInfo(os: ProcessInfo.processInfo.operatingSystemVersionString, cpu: model,
                           cores: ProcessInfo.processInfo.activeProcessorCount)
    }

    /// The git commit of the working directory (`git rev-parse HEAD`), "unknown" when there is none,
    /// with "-dirty" when tracked files are modified.
    ///
    /// `Results/` and `Reports/` of `directory` (the project's root) do not count: they are what
    /// ablate writes, so a second table run in the same checkout would otherwise record the first
    /// one's outputs as uncommitted changes to the code. Everything else in the repository does.
    public static func currentCommit(in directory: URL) -> String {
        guard let head = git(["rev-parse", "HEAD"], in: directory), !head.isEmpty else { return "unknown" }
        let status = ["status", "--porcelain", "--untracked-files=no", "--", ":/", ":(exclude)Results", ":(exclude)Reports"]
        let dirty = git(status, in: directory).map { !$0.isEmpty } ?? false
        return dirty ? head + "-dirty" : head
    }

    private static func git(_ arguments: [String], in directory: URL) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = directory
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
