import Foundation
import Testing
@testable import COCO

/// Seeded byte mutations and truncations of valid files: the reader must parse or throw
/// InputError, never trap (a trap would kill the test process).
@Suite struct JSONFuzzTests {
    /// `count` seeded mutations of `text` (bytes replaced, removed, inserted, or a cut), each passed to `check`.
    static func mutations(of text: String, seed: UInt64, count: Int, _ check: (Data) -> Void) {
        var rng = SeededGenerator(seed: seed)
        let original = Array(text.utf8)
        let alphabet = Array(#"{}[],:"\-+.eE0123456789 nulltruefalse\u"#.utf8) + [0, 0xFF, 0xC3]
        for _ in 0..<count {
            var bytes = original
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                guard !bytes.isEmpty else { break }
                let index = Int.random(in: 0..<bytes.count, using: &rng)
                switch Int.random(in: 0..<4, using: &rng) {
                case 0: bytes[index] = alphabet.randomElement(using: &rng)!
                case 1: bytes.remove(at: index)
                case 2: bytes.insert(alphabet.randomElement(using: &rng)!, at: index)
                default: bytes.removeSubrange(index...)
                }
            }
            check(Data(bytes))
        }
    }

    @Test func mutatedResultsParseOrThrowInputError() {
        var generator = RandomJSON(seed: 42)
        let text = generator.results(count: 6)
        var parsed = 0, rejected = 0
        Self.mutations(of: text, seed: 1, count: 2000) { data in
            do throws(InputError) {
                _ = try COCOResult.decodeArray(jsonData: data, file: "fuzz.json")
                parsed += 1
            } catch {
                #expect(error.file == "fuzz.json")
                rejected += 1
            }
        }
        #expect(rejected > 0 && parsed + rejected == 2000)
    }

    @Test func mutatedDatasetsParseOrThrowInputError() {
        var generator = RandomJSON(seed: 43)
        let text = generator.dataset()
        var rejected = 0
        Self.mutations(of: text, seed: 2, count: 2000) { data in
            do throws(InputError) {
                _ = try COCODataset(jsonData: data, file: "fuzz.json")
            } catch {
                #expect(error.file == "fuzz.json")
                rejected += 1
            }
        }
        #expect(rejected > 0)
    }
}
