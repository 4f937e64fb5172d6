import Testing
@testable import GlossKit

/// Exact tokens and sentences of composed Arabic and English sentences, pinned down so that
/// the tokenizer's fast paths (per-code-point table, packed UTF-8 keys, the shared cache of
/// normalized forms) cannot change its output unnoticed.
@Suite("Tokenizer exact output")
struct TokenizerEquivalenceTests {
    /// A token as `start-end kind script normalized`.
    private static func render(_ token: Token) -> String {
        "\(token.start)-\(token.end) \(token.kind) \(token.script) \(token.normalized)"
    }

    static let cases: [(String, [String], [Range<Int>])] = [
        // Diacritics dropped, ZWNJ inside a word dropped, Arabic-Indic digits, Arabic question mark.
        ("قالَ اللواءُ ب\u{200C}غداد: ٢٠٢٤؟", [
            "0-4 word arabic قال", "5-12 word arabic اللواء", "13-19 word arabic بغداد",
            "19-20 punctuation other :", "21-25 number arabic 2024", "25-26 punctuation other ؟",
        ], [0..<26]),
        // Title abbreviation and initial do not end the sentence; possessive; inner apostrophe; line break.
        ("Gen. J. Smith met Biden's aide O'Brien.\nHe left.", [
            "0-3 word latin gen", "3-4 punctuation other .", "5-6 word latin j", "6-7 punctuation other .",
            "8-13 word latin smith", "14-17 word latin met", "18-23 word latin biden", "23-25 word latin 's",
            "26-30 word latin aide", "31-38 word latin o'brien", "38-39 punctuation other .",
            "40-42 word latin he", "43-47 word latin left", "47-48 punctuation other .",
        ], [0..<39, 40..<48]),
        // A change of script ends a word; tatweel dropped; Arabic comma between digit runs.
        ("بـCNN وF16 ١٢٣،٤", [
            "0-2 word arabic ب", "2-5 word latin cnn", "6-7 word arabic و", "7-8 word latin f",
            "8-10 number latin 16", "11-14 number arabic 123", "14-15 punctuation other ،",
            "15-16 number arabic 4",
        ], [0..<16]),
        // A closing quote right after a sentence-ending mark ends the sentence after the quote.
        ("He said \"stop.\" Then “Go!” left", [
            "0-2 word latin he", "3-7 word latin said", "8-9 punctuation other \"", "9-13 word latin stop",
            "13-14 punctuation other .", "14-15 punctuation other \"", "16-20 word latin then",
            "21-22 punctuation other “", "22-24 word latin go", "24-25 punctuation other !",
            "25-26 punctuation other ”", "27-31 word latin left",
        ], [0..<15, 16..<26, 27..<31]),
        // Forms longer than 16 UTF-8 bytes; non-ASCII upper case; İ (two-code-point lower case) kept; ى folded.
        ("والاستخبارات INTERNATIONALIZATION 123456789012345678901 ÉTAT İzmir مُصْطَفَى", [
            "0-12 word arabic والاستخبارات", "13-33 word latin internationalization",
            "34-55 number latin 123456789012345678901", "56-60 word latin état", "61-66 word latin İzmir",
            "67-76 word arabic مصطفي",
        ], [0..<76]),
        // Symbols and punctuation; a direction mark between words is skipped.
        ("$5 +3% \u{200F} أُسرة", [
            "0-1 symbol other $", "1-2 number latin 5", "3-4 symbol other +", "4-5 number latin 3",
            "5-6 punctuation other %", "9-14 word arabic اسره",
        ], [0..<14]),
        ("", [], []),
    ]

    @Test("tokens and sentences", arguments: cases)
    func exactOutput(text: String, tokens: [String], sentences: [Range<Int>]) {
        let document = DocumentText(text)
        #expect(document.tokens.map(Self.render) == tokens)
        #expect(document.sentences == sentences)
        #expect(document.scalars == Array(text.unicodeScalars))
    }

    /// Every token whose form fits a key has a form id, the same id for the same form (in this
    /// text and across texts), and a token made by hand has none.
    @Test("form ids", arguments: cases)
    func formIDs(text: String, tokens: [String], sentences: [Range<Int>]) {
        let first = DocumentText(text).tokens
        let again = DocumentText("\(text) \(text)").tokens
        for token in first {
            // Other tests may have filled the process's table: then new forms have no id.
            if token.normalized.utf8.count > 16 { #expect(token.form == -1, "\(token.normalized)") }
            #expect(token.form < Token.formLimit)
        }
        var formOf: [Int32: String] = [:]
        for token in first + again where token.form >= 0 {
            #expect((formOf.updateValue(token.normalized, forKey: token.form) ?? token.normalized) == token.normalized)
        }
        for (a, b) in zip(first, again) { #expect(a.form == b.form) }
        let made = Token(start: 0, end: 1, kind: .word, script: .latin, normalized: "a")
        #expect(made.form == -1)
    }

    /// Every extractor walks a document's tokens: a token's size is what the walks read. Its
    /// fields declared widest first keep it at 40 bytes (48 with the one-byte fields between
    /// the offsets and the string).
    @Test("a token takes 40 bytes")
    func tokenSize() {
        #expect(MemoryLayout<Token>.stride == 40)
    }

    /// Threads adding forms to one table at once: every form gets one id, the same for every
    /// thread, ids are dense, and once the table is full new forms get their string and no id.
    @Test("form table shared by threads")
    func formTableAcrossThreads() async {
        let table = FormTable(bits: 11)  // up to 1,024 forms
        let words = (0..<1500).map { "w\($0)" }
        func key(_ word: String) -> UTF8Key {
            var key = UTF8Key()
            for byte in word.utf8 { key.append(UInt64(byte), length: 1) }
            return key
        }
        let results = await withTaskGroup(of: [(String, String, Int32)].self) { group in
            for _ in 0..<8 {
                group.addTask { words.shuffled().map { word in let (string, id) = table.form(for: key(word)); return (word, string, id) } }
            }
            var all: [(String, String, Int32)] = []
            for await found in group { all += found }
            return all
        }
        var idOf: [String: Int32] = [:]
        for (word, string, id) in results {
            #expect(string == word)
            if let known = idOf[word] { #expect(known == id, "\(word)") } else { idOf[word] = id }
        }
        let ids = idOf.values.filter { $0 >= 0 }
        #expect(ids.count == 1024)
        #expect(Set(ids) == Set(0..<1024))
        // Looked up again, every form keeps its id (or its lack of one).
        for word in words { #expect(table.form(for: key(word)).id == idOf[word]) }
        // The tokenizer's ids are below the limit and agree with its forms.
        var formOf: [Int32: String] = [:]
        for token in DocumentText(words.joined(separator: " ")).tokens where token.form >= 0 {
            #expect(token.form < Token.formLimit)
            #expect((formOf.updateValue(token.normalized, forKey: token.form) ?? token.normalized) == token.normalized)
        }
    }

    /// UTF-8 of every width packed into a key, across the 8-byte and 16-byte boundaries.
    @Test("UTF-8 keys", arguments: ["a", "abcdefgh", "abcdefghi", "abcdefghijklmnop", "abcdefghijklmnopq",
                                     "قال", "بغدادي", "الرئيس", "الاستخبارا", "x€y中z", "😀a😀b😀", "ab€€€€€€"])
    func keys(text: String) {
        var key = UTF8Key()
        for scalar in text.unicodeScalars {
            var utf8: UInt64 = 0
            var count = 0
            for byte in String(scalar).utf8 {
                utf8 |= UInt64(byte) << (8 * count)
                count += 1
            }
            key.append(utf8, length: count)
        }
        #expect(key.count == text.utf8.count)
        #expect(key.overflowed == (text.utf8.count > UTF8Key.capacity))
        if !key.overflowed { #expect(key.string() == text) }
    }
}

/// `FormMemo` keeps one value per form id, computed once, readable from any thread.
struct FormMemoTests {
    @Test func remembersOneValuePerForm() {
        let memo = FormMemo()
        #expect(memo.value(for: 0) == nil)
        #expect(memo.value(for: Int32(Token.formLimit - 1)) == nil)
        memo.set(0, for: 7)  // zero is a value like any other
        #expect(memo.value(for: 7) == 0)
        var computed = 0
        for _ in 0..<3 {
            #expect(memo.value(for: 9) { computed += 1; return 42 } == 42)
        }
        #expect(computed == 1)
        #expect(memo.value(for: 8) == nil)
    }

    @Test func prefetchingChangesNothing() {
        let memo = FormMemo()
        memo.set(5, for: 3)
        // Tokens without a form id (-1), the table's ends and beyond: a hint, never a read.
        for form in [-1, 0, 3, 4, Int32(Token.formLimit - 1), Int32(Token.formLimit), Int32.max, Int32.min] {
            memo.prefetch(form)
        }
        #expect(memo.value(for: 3) == 5)
        #expect(memo.value(for: 4) == nil)
        #expect(memo.value(for: 0) == nil)
    }

    @Test func threadsSeeTheValuesOthersSet() async {
        let memo = FormMemo()
        let forms = (0..<4000).map { Int32($0 * 7 % Token.formLimit) }
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    for form in forms.shuffled() {
                        let value = memo.value(for: form) { UInt64(form) * 3 + 1 }
                        #expect(value == UInt64(form) * 3 + 1)
                    }
                }
            }
        }
        for form in forms { #expect(memo.value(for: form) == UInt64(form) * 3 + 1) }
    }
}
