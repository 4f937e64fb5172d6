import GlossKit
import GlossPeople
import Testing

/// Exact-boundary precision, recall and F1 on the annotated paragraphs of ``EvaluationTexts``.
@Suite("People evaluation")
struct EvaluationTests {
    static func score(_ paragraphs: [String]) throws -> Score {
        let extractor = try PeopleExtractor()
        var score = Score()
        for (n, paragraph) in paragraphs.enumerated() {
            let annotated = Annotated(paragraph)
            let spans = try extractor.extract(Document(name: "eval-\(n)", text: annotated.text))
            score.add(annotated, spans)
        }
        return score
    }

    @Test("Arabic news paragraphs: exact-boundary F1")
    func arabic() throws {
        let score = try Self.score(EvaluationTexts.arabic)
        print("Arabic: \(score)\n  " + score.errors.joined(separator: "\n  "))
        #expect(score.f1 >= 0.9, "Arabic F1 \(score)")
    }

    @Test("English news paragraphs: exact-boundary F1")
    func english() throws {
        let score = try Self.score(EvaluationTexts.english)
        print("English: \(score)\n  " + score.errors.joined(separator: "\n  "))
        #expect(score.f1 >= 0.85, "English F1 \(score)")
    }

    @Test("Held-out Arabic paragraphs: exact-boundary F1")
    func heldOutArabic() throws {
        let score = try Self.score(HeldOutTexts.arabic)
        print("Held-out Arabic: \(score)\n  " + score.errors.joined(separator: "\n  "))
        #expect(score.f1 >= 0.8, "held-out Arabic F1 \(score)")
    }

    @Test("Held-out English paragraphs: exact-boundary F1")
    func heldOutEnglish() throws {
        let score = try Self.score(HeldOutTexts.english)
        print("Held-out English: \(score)\n  " + score.errors.joined(separator: "\n  "))
        #expect(score.f1 >= 0.8, "held-out English F1 \(score)")
    }

    @Test("Broader Arabic paragraphs: exact-boundary F1")
    func broaderArabic() throws {
        let score = try Self.score(BroaderTexts.arabic)
        print("Broader Arabic: \(score)\n  " + score.errors.joined(separator: "\n  "))
        #expect(score.f1 >= 0.75, "broader Arabic F1 \(score)")
    }

    @Test("Broader English paragraphs: exact-boundary F1")
    func broaderEnglish() throws {
        let score = try Self.score(BroaderTexts.english)
        print("Broader English: \(score)\n  " + score.errors.joined(separator: "\n  "))
        #expect(score.f1 >= 0.75, "broader English F1 \(score)")
    }

    @Test("Fresh Arabic paragraphs: exact-boundary F1")
    func freshArabic() throws {
        let score = try Self.score(FreshTexts.arabic)
        print("Fresh Arabic: \(score)\n  " + score.errors.joined(separator: "\n  "))
        #expect(score.f1 >= 0.75, "fresh Arabic F1 \(score)")
    }

    @Test("Fresh English paragraphs: exact-boundary F1")
    func freshEnglish() throws {
        let score = try Self.score(FreshTexts.english)
        print("Fresh English: \(score)\n  " + score.errors.joined(separator: "\n  "))
        #expect(score.f1 >= 0.75, "fresh English F1 \(score)")
    }

    @Test("Check paragraphs (never tuned on): exact-boundary F1")
    func check() throws {
        let arabic = try Self.score(CheckTexts.arabic)
        let english = try Self.score(CheckTexts.english)
        print("Check Arabic: \(arabic)\n  " + arabic.errors.joined(separator: "\n  "))
        print("Check English: \(english)\n  " + english.errors.joined(separator: "\n  "))
        #expect(arabic.f1 >= 0.7, "check Arabic F1 \(arabic)")
        #expect(english.f1 >= 0.7, "check English F1 \(english)")
    }
}
