import Testing
@testable import GlossKit

@Suite("Tokenizer")
struct TokenizerTests {
    private func forms(_ text: String) -> [String] {
        DocumentText(text).tokens.map { DocumentText(text)[$0.range] }
    }

    @Test("splits words, digits and marks", arguments: [
        ("2,500 troops", ["2", ",", "500", "troops"]),
        ("21st century", ["21", "st", "century"]),
        ("twenty-five", ["twenty", "-", "five"]),
        ("Biden's plan", ["Biden", "'s", "plan"]),
        ("O'Brien said", ["O'Brien", "said"]),
        ("قال الرئيس، إن ٢٬٥٠٠ جندي", ["قال", "الرئيس", "،", "إن", "٢", "٬", "٥٠٠", "جندي"]),
        ("بـF16", ["بـ", "F", "16"]),
        ("٣٫٥ مليار", ["٣", "٫", "٥", "مليار"]),
    ])
    func splits(text: String, expected: [String]) {
        #expect(forms(text) == expected)
    }

    @Test func diacriticsAndTatweelStayInsideTheWord() {
        let text = DocumentText("وَقَالَ الرئيـــس")
        #expect(text.tokens.count == 2)
        #expect(text.tokens[0].normalized == "وقال")
        #expect(text.tokens[1].normalized == "الرييس")
        #expect(text[text.tokens[1].range] == "الرئيـــس")
    }

    @Test func normalizesLetterVariants() {
        #expect(TextNormalizer.normalize("أميركا") == TextNormalizer.normalize("اميركا"))
        #expect(TextNormalizer.normalize("سورية") == "سوريه")
        #expect(TextNormalizer.normalize("مصطفى") == "مصطفي")
        #expect(TextNormalizer.normalize("إيران") == "ايران")
        #expect(TextNormalizer.normalize("Baghdad") == "baghdad")
        #expect(TextNormalizer.normalize("ب\u{200F}غداد") == "بغداد")
    }

    @Test func numberTokensCarryAsciiDigits() {
        let text = DocumentText("١٢٣ و۴۵ and 67")
        let numbers = text.tokens.filter { $0.kind == .number }
        #expect(numbers.map(\.normalized) == ["123", "45", "67"])
        #expect(numbers.map(\.script) == [.arabic, .arabic, .latin])
    }

    @Test("normalizedForms gives the forms tokenize gives", arguments: [
        "وزير الخارجية حسن الأحمد يصل إلى جنيف", "والمفاوضاتُ الطويلةُ ستستأنف", "حلف شمال الأطلسي",
        "Speaker of Parliament David O'Brien's office", "Jean-Pierre al-Sudani", "١٢٣ 456 ۷۸۹",
        "extraordinarilylongwordbeyondsixteenbytes", "a.b,c؛d", "",
    ])
    func normalizedFormsMatchTokenize(_ text: String) {
        #expect(Tokenizer.normalizedForms(of: text) == Tokenizer.tokenize(Array(text.unicodeScalars)).map(\.normalized))
    }

    /// Word lists are read with `normalizedForms`, so that their words do not take the places of
    /// documents' words in the process's table of forms (it holds the first 32,768 met).
    @Test func normalizedFormsLeaveTheTableOfFormsAlone() {
        let letters: [String] = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"]
        var list: [String] = []
        for i in 0..<40 { list.append("qzw\(letters[i / 10])\(letters[i % 10])list") }
        list.append("كلمةفريد")  // eight letters: 16 bytes, as long as a form with an id may be
        let words = list.joined(separator: " ")
        let forms = Tokenizer.normalizedForms(of: words)
        #expect(forms.count == 41)
        #expect(forms.allSatisfy { FormTable.shared.id(ofForm: $0) == nil })
        // The same words in a document are given ids.
        let tokens = Tokenizer.tokenize(Array(words.unicodeScalars))
        #expect(tokens.allSatisfy { $0.form >= 0 && FormTable.shared.id(ofForm: $0.normalized) == $0.form })
    }

    @Test func sentences() {
        let text = DocumentText("Gen. J. Smith arrived. He spoke!\nقال الوزير إن الوضع مستقر. وأضاف أن ٣٫٥ مليون نازح عادوا")
        let sentences = text.sentences.map { text[$0] }
        #expect(sentences == [
            "Gen. J. Smith arrived.",
            "He spoke!",
            "قال الوزير إن الوضع مستقر.",
            "وأضاف أن ٣٫٥ مليون نازح عادوا",
        ])
    }
}

@Suite("DocumentText offsets")
struct OffsetTests {
    @Test func roundTripsCodePointsAndUTF8() {
        let string = String(repeating: "بغداد 2024 – café 🙂 ", count: 40)
        let text = DocumentText(string)
        var utf8 = 0
        for (i, scalar) in string.unicodeScalars.enumerated() {
            #expect(text.utf8Offset(ofCodePoint: i) == utf8)
            #expect(text.codePointOffset(ofUTF8: utf8) == i)
            utf8 += UTF8.width(scalar)
        }
        #expect(text.utf8Offset(ofCodePoint: text.count) == string.utf8.count)
        #expect(text.codePointOffset(ofUTF8: string.utf8.count) == text.count)
    }

    @Test func stringIndexConversion() {
        let text = DocumentText("قال 🙂 Baghdad")
        let index = text.index(ofCodePoint: 6)
        #expect(text.string[index...] == "Baghdad")
        #expect(text.codePointOffset(of: index) == 6)
        #expect(text.utf16Offset(ofCodePoint: 6) == 7)
    }
}

@Suite("Clitics and phrase matching")
struct MatcherTests {
    private func matcher() -> PhraseMatcher<String> {
        var m = PhraseMatcher<String>()
        for (phrase, id) in [("بغداد", "Baghdad"), ("القاهرة", "Cairo"), ("العراق", "Iraq"),
                             ("بابل", "Babylon"), ("لبنان", "Lebanon"), ("الولايات المتحدة", "United States"),
                             ("الولايات", "states?"), ("New York", "New York")] {
            m.add(phrase, payload: id)
        }
        return m
    }

    @Test("strips clitics only when the stem is known", arguments: [
        ("وبغداد", "بغداد", "Baghdad"),
        ("بالقاهرة", "القاهرة", "Cairo"),
        ("للعراق", "لعراق", "Iraq"),
        ("وللعراق", "لعراق", "Iraq"),
        ("بابل", "بابل", "Babylon"),
        ("ولبنان", "لبنان", "Lebanon"),
        ("لبنان", "لبنان", "Lebanon"),
        ("فالولايات المتّحدة", "الولايات المتّحدة", "United States"),
        ("in New  York", "New  York", "New York"),
    ])
    func clitics(text: String, span: String, payload: String) throws {
        let doc = DocumentText(text)
        let found = matcher().matches(in: doc)
        let match = try #require(found.first)
        #expect(found.count == 1)
        #expect(doc[match.start..<match.end] == span)
        #expect(match.payloads == [payload])
    }

    @Test func splitsOrderShortestPrefixFirst() {
        let splits = ArabicClitics.splits(of: "وبالعراق").map(\.stem)
        #expect(splits.first == "وبالعراق")
        #expect(splits.contains("بالعراق"))
        #expect(splits.contains("العراق"))
    }
}

@Suite("SpanValue and SpanDraft")
struct ValueTests {
    @Test func dates() {
        #expect(SpanDate(year: 2024, month: 2, day: 29)?.iso == "2024-02-29")
        #expect(SpanDate(year: 2023, month: 2, day: 29) == nil)
        #expect(SpanDate(year: 2024, month: 13) == nil)
        #expect(SpanDate(iso: "2014-09")?.month == 9)
        #expect(SpanDate(iso: "2014-9") == nil)
    }

    @Test func valueText() {
        #expect(SpanValue.decimal(2.5).text == "2.5")
        #expect(SpanValue.decimal(1500000000).text == "1500000000")
        #expect(SpanValue.integer(-3).text == "-3")
    }

    @Test func draftValidation() {
        let labels: Set = ["NUMBER"]
        #expect(SpanDraft(start: 0, end: 2, label: "NUMBER").problem(textLength: 5, labels: labels) == nil)
        #expect(SpanDraft(start: 3, end: 6, label: "NUMBER").problem(textLength: 5, labels: labels) != nil)
        #expect(SpanDraft(start: 2, end: 2, label: "NUMBER").problem(textLength: 5, labels: labels) != nil)
        #expect(SpanDraft(start: 0, end: 1, label: "PLACE").problem(textLength: 5, labels: labels) != nil)
        #expect(SpanDraft(start: 0, end: 1, label: "NUMBER", confidence: 2).problem(textLength: 5, labels: labels) != nil)
    }
}

@Suite("DocumentText")
struct DocumentTextTests {
    /// Code points of every UTF-8 width, over several 64-code-point checkpoints: the decoded
    /// code points and every offset conversion agree with the standard library's.
    @Test func decodingAndOffsetsMatchTheStandardLibrary() {
        let pieces = ["a", "é", "ب", "ـ", "€", "中", "😀", "𝔸", " ", "\n", "٣"]
        var string = ""
        for i in 0..<700 { string += pieces[(i * 7 + i / 3) % pieces.count] }
        let text = DocumentText(string)
        let scalars = Array(string.unicodeScalars)
        #expect(text.scalars == scalars)
        #expect(text.count == scalars.count)
        var utf8 = 0
        for (i, scalar) in scalars.enumerated() {
            #expect(text.utf8Offset(ofCodePoint: i) == utf8)
            #expect(text.codePointOffset(ofUTF8: utf8) == i)
            utf8 += String(scalar).utf8.count
        }
        #expect(text.utf8Offset(ofCodePoint: scalars.count) == string.utf8.count)
        #expect(text.codePointOffset(ofUTF8: string.utf8.count) == scalars.count)
        #expect(DocumentText("").count == 0)
        #expect(DocumentText("").utf8Offset(ofCodePoint: 0) == 0)
    }

    /// `text[range]` for ranges of every length at every start over code points of every
    /// UTF-8 width, and ranges past either end (clamped).
    @Test func codePointRangesAsStrings() {
        let pieces = ["a", "é", "ب", "€", "😀", " ", "\n", "\u{7F}", "\u{80}", "\u{7FF}", "\u{800}", "\u{FFFF}", "\u{10000}", "\u{10FFFF}"]
        var string = ""
        for i in 0..<60 { string += pieces[(i * 5 + i / 4) % pieces.count] }
        let text = DocumentText(string)
        let scalars = Array(string.unicodeScalars)
        for start in 0...scalars.count {
            for end in start...min(scalars.count, start + 20) {
                #expect(text[start..<end] == String(String.UnicodeScalarView(scalars[start..<end])), "\(start)..<\(end)")
            }
        }
        #expect(text[-5..<3] == String(String.UnicodeScalarView(scalars[0..<3])))
        #expect(text[55..<500] == String(String.UnicodeScalarView(scalars[55...])))
        #expect(text[70..<80] == "")
    }

    @Test func countsCodePointsInUTF8() {
        for string in ["", "a", "abcdefgh", "abcdefghi", "قال الرئيس", "😀😀😀", "x€y中z😀" + String(repeating: "ب", count: 37)] {
            var copy = string
            let count = copy.withUTF8 { UTF8Text.codePointCount($0) }
            #expect(count == string.unicodeScalars.count, "\(string)")
        }
    }
}
