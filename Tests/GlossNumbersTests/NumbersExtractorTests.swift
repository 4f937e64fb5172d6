import GlossKit
import GlossNumbers
import Testing

/// Spans found for a sentence, as (label, start, end, value, attributes).
private func run(_ sentence: String) throws -> (DocumentText, [SpanDraft]) {
    let document = Document(name: "test", text: sentence)
    return (document.text, try NumbersExtractor().extract(document))
}

/// Compares the extractor's spans with a case's expectations; returns the problems found.
private func problems(in testCase: Case) throws -> [String] {
    let (text, spans) = try run(testCase.sentence)
    var problems: [String] = []
    var matched = Set<Int>()
    for e in testCase.expected {
        guard let range = Locate.range(of: e.text, in: testCase.sentence, nth: e.nth) else {
            problems.append("expected text «\(e.text)» not in sentence")
            continue
        }
        guard let i = spans.indices.first(where: { spans[$0].label == e.label && spans[$0].start == range.lowerBound && spans[$0].end == range.upperBound }) else {
            problems.append("missing \(e)")
            continue
        }
        matched.insert(i)
        let s = spans[i]
        if let v = s.value, !v.matches(e.value) { problems.append("«\(e.text)»: value \(v.text), expected \(e.value.text)") }
        if s.value == nil { problems.append("«\(e.text)»: no value") }
        for (key, value) in e.attributes where s.attributes[key] != value {
            problems.append("«\(e.text)»: \(key)=\(s.attributes[key] ?? "nil"), expected \(value)")
        }
    }
    for (i, s) in spans.enumerated() where !matched.contains(i) {
        problems.append("unexpected \(s.label) «\(text[s.start..<s.end])» = \(s.value?.text ?? "-") \(s.attributes)")
    }
    return problems
}

@Suite("Numbers extractor: Arabic")
struct ArabicNumberTests {
    @Test("digits in three scripts, separators, signs, percent", arguments: ArabicCases.digits)
    func digits(_ c: Case) throws { #expect(try problems(in: c) == []) }

    @Test("cardinal words, compounds, scales, clitics, fractions", arguments: ArabicCases.words)
    func words(_ c: Case) throws { #expect(try problems(in: c) == []) }

    @Test("ordinals", arguments: ArabicCases.ordinals)
    func ordinals(_ c: Case) throws { #expect(try problems(in: c) == []) }

    @Test("dates, years and ranges", arguments: ArabicCases.datesAndRanges)
    func dates(_ c: Case) throws { #expect(try problems(in: c) == []) }

    @Test("money and quantities", arguments: ArabicCases.quantitiesAndMoney)
    func money(_ c: Case) throws { #expect(try problems(in: c) == []) }

    @Test("duals", arguments: ArabicCases.duals)
    func duals(_ c: Case) throws { #expect(try problems(in: c) == []) }

    @Test("traps produce nothing", arguments: ArabicCases.traps)
    func traps(_ c: Case) throws { #expect(try problems(in: c) == []) }
}

@Suite("Numbers extractor: English")
struct EnglishNumberTests {
    @Test("English numbers", arguments: EnglishCases.all)
    func english(_ c: Case) throws { #expect(try problems(in: c) == []) }
}
