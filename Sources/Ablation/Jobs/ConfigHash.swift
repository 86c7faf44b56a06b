import Foundation

/// A short stable fingerprint of a resolved experiment (config + preset + data): FNV-1a 64 over
/// its canonical JSON (sorted keys), as 16 hex digits.
///
/// Why not SHA-256: Foundation on Linux has no CryptoKit and this only needs to tell two
/// configs apart in results files and job resumption, not resist attack.
public enum ConfigHash {
    /// The fingerprint of `value`'s sorted-key JSON.
    public static func of<Value: Encodable>(_ value: Value) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(value)) ?? Data()
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in data {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
