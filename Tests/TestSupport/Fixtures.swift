import Foundation

/// Locates the committed golden files under `Tests/Fixtures`, so tests need no Python.
///
/// Fixtures are found relative to this source file rather than bundled as resources: the
/// files are shared by several test targets and some are large.
public enum Fixtures {
    /// The `Tests/Fixtures` directory of the source tree.
    public static let directory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()   // TestSupport
        .deletingLastPathComponent()   // Tests
        .appendingPathComponent("Fixtures", isDirectory: true)

    /// The URL of a fixture file, e.g. `Fixtures.url("coco/rle_cases.json")`.
    public static func url(_ relativePath: String) -> URL {
        directory.appendingPathComponent(relativePath)
    }

    /// The bytes of a fixture file; fails the calling test with a readable message when missing.
    public static func data(_ relativePath: String) throws -> Data {
        try Data(contentsOf: url(relativePath))
    }
}
