import GlossKit
import GlossNumbers
import Testing

/// Exact-boundary precision, recall, F1 and value accuracy of NUMBER spans over a set of cases.
struct Score: CustomStringConvertible {
    var truePositives = 0
    var falsePositives = 0
    var falseNegatives = 0
    var rightValues = 0
    var misses: [String] = []

    var precision: Double { truePositives == 0 ? 0 : Double(truePositives) / Double(truePositives + falsePositives) }
    var recall: Double { truePositives == 0 ? 0 : Double(truePositives) / Double(truePositives + falseNegatives) }
    var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
    var valueAccuracy: Double { truePositives == 0 ? 0 : Double(rightValues) / Double(truePositives) }

    var description: String {
        func f(_ x: Double) -> String { String(Double(Int(x * 1000 + 0.5)) / 1000) }
        return "P=\(f(precision)) R=\(f(recall)) F1=\(f(f1)) value accuracy=\(f(valueAccuracy)) "
            + "(tp \(truePositives), fp \(falsePositives), fn \(falseNegatives))"
    }

    /// Scores the extractor's NUMBER spans on `cases`.
    static func of(_ cases: [Case]) throws -> Score {
        var score = Score()
        let extractor = NumbersExtractor()
        for c in cases {
            let document = Document(name: "eval", text: c.sentence)
            let found = try extractor.extract(document).filter { $0.label == "NUMBER" }
            var used = Set<Int>()
            for e in c.expected where e.label == "NUMBER" {
                guard let r = Locate.range(of: e.text, in: c.sentence, nth: e.nth) else { continue }
                if let i = found.indices.first(where: { found[$0].start == r.lowerBound && found[$0].end == r.upperBound }) {
                    used.insert(i)
                    score.truePositives += 1
                    if let v = found[i].value, v.matches(e.value) { score.rightValues += 1 }
                    else { score.misses.append("value «\(e.text)»: \(found[i].value?.text ?? "-") ≠ \(e.value.text)") }
                } else {
                    score.falseNegatives += 1
                    score.misses.append("missed «\(e.text)»")
                }
            }
            for (i, s) in found.enumerated() where !used.contains(i) {
                score.falsePositives += 1
                score.misses.append("spurious «\(document.text[s.start..<s.end])»")
            }
        }
        return score
    }
}

@Suite("Numbers extractor: evaluation")
struct EvaluationTests {
    @Test("Arabic paragraphs: exact-boundary F1 and value accuracy")
    func arabicParagraphs() throws {
        let score = try Score.of(ParagraphCases.arabic)
        print("Arabic paragraphs: \(score)")
        for m in score.misses { print("  \(m)") }
        #expect(score.f1 >= 0.9)
        #expect(score.valueAccuracy >= 0.98)
    }

    @Test("English paragraphs: exact-boundary F1 and value accuracy")
    func englishParagraphs() throws {
        let score = try Score.of(ParagraphCases.english)
        print("English paragraphs: \(score)")
        for m in score.misses { print("  \(m)") }
        #expect(score.f1 >= 0.9)
        #expect(score.valueAccuracy >= 0.98)
    }

    @Test("second batch of paragraphs: exact-boundary F1 and value accuracy")
    func secondBatch() throws {
        let arabic = try Score.of(ParagraphCases2.arabic)
        let english = try Score.of(ParagraphCases2.english)
        print("Arabic paragraphs, batch 2: \(arabic)")
        for m in arabic.misses { print("  \(m)") }
        print("English paragraphs, batch 2: \(english)")
        for m in english.misses { print("  \(m)") }
        #expect(arabic.f1 >= 0.9)
        #expect(english.f1 >= 0.9)
        #expect(arabic.valueAccuracy >= 0.98)
        #expect(english.valueAccuracy >= 0.98)
    }

    @Test("third batch of paragraphs: exact-boundary F1 and value accuracy")
    func thirdBatch() throws {
        let arabic = try Score.of(ParagraphCases3.arabic)
        let english = try Score.of(ParagraphCases3.english)
        print("Arabic paragraphs, batch 3: \(arabic)")
        for m in arabic.misses { print("  \(m)") }
        print("English paragraphs, batch 3: \(english)")
        for m in english.misses { print("  \(m)") }
        #expect(arabic.f1 >= 0.9)
        #expect(english.f1 >= 0.9)
        #expect(arabic.valueAccuracy >= 0.98)
        #expect(english.valueAccuracy >= 0.98)
    }

    @Test("all form sentences: exact-boundary F1 and value accuracy")
    func formSentences() throws {
        let arabic = try Score.of(ArabicCases.all)
        let english = try Score.of(EnglishCases.all)
        print("Arabic sentences: \(arabic)")
        print("English sentences: \(english)")
        #expect(arabic.f1 >= 0.97)
        #expect(english.f1 >= 0.97)
    }
}
