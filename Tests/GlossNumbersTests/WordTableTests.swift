import Foundation
import GlossKit
@testable import GlossNumbers
import Testing

/// The byte-keyed word table (GlossKit's ``ByteTable``) must answer exactly as a `String`-keyed
/// dictionary would.
@Suite("Numbers extractor: word table")
struct WordTableTests {
    /// Byte equality is `String` equality only for words without combining marks and without
    /// characters that decompose canonically: every word of the tables must be such a word.
    @Test("every table word is its own canonical decomposition, without combining marks")
    func wordsAreByteStable() {
        let words = Lexicon.shared.words
        for id in 0..<Int32(words.count) {
            let word = words.string(id)
            #expect(word.decomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual(word.unicodeScalars),
                    "\(word) changes under canonical decomposition")
            #expect(word.unicodeScalars.allSatisfy { $0.properties.canonicalCombiningClass == .notReordered },
                    "\(word) holds a combining mark")
        }
    }

    @Test("every word finds its own id; other words find none")
    func lookups() {
        let words = Lexicon.shared.words
        for id in 0..<Int32(words.count) {
            #expect(words.find(words.string(id)) == id)
        }
        for other in ["", "x", "ثلاثةث", "twenty-five", "الاحداث", "abcdefghijklmnopqrstuvwxyz", "ثلاث\u{064E}"] {
            #expect(words.find(other) == -1, "\(other)")
        }
    }

    @Test("short and long keys, sharing their first sixteen bytes")
    func longKeys() {
        var table = ByteTable(capacity: 4, seed: 0)
        let keys = ["a", "ab", "abcd", "abcdefg", "abcdefgh", "abcdefghi", "abcdefghijklmnop",
                    "abcdefghijklmnopq", "abcdefghijklmnopqr", "abcdefghijklmnopqrstuvwxyz0123456789",
                    "والأربعين", "والأربعينات", "ثلاثمئة"]
        for (i, key) in keys.enumerated() { #expect(table.insert(key) == Int32(i)) }
        for (i, key) in keys.enumerated() {
            #expect(table.find(key) == Int32(i))
            #expect(table.find(key + "z") == -1)
        }
        #expect(table.find("abcdefghijklmnopqrstuvwxyz0123456788") == -1)
    }
}
