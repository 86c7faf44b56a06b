import Foundation

/// A built executable of this package (`.build/debug/NAME`), run end to end by command-line tests.
public struct CommandLineTool: Sendable {
    /// What one invocation printed and returned.
    public struct Run: Sendable {
        /// The exit status.
        public var status: Int32
        /// Everything written to stdout.
        public var stdout: String
        /// Everything written to stderr.
        public var stderr: String
    }

    /// The product name, e.g. `ablate`.
    public var name: String

    /// The tool called `name`.
    public init(_ name: String) {
        self.name = name
    }

    /// The debug build (or, failing that, the release build) of the tool.
    public var executable: URL {
        let build = Fixtures.directory.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(".build")
        let candidates = ["debug/\(name)", "x86_64-unknown-linux-gnu/debug/\(name)", "release/\(name)"]
        return candidates.map { build.appendingPathComponent($0) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? build.appendingPathComponent("debug/\(name)")
    }

    /// Runs the tool with `arguments` and waits for it.
    public func run(_ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                   stderr: String(decoding: stderr, as: UTF8.self))
    }
}
