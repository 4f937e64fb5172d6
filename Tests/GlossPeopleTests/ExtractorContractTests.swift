import GlossKit
import GlossPeople
import Testing

@Suite("People extractor contract")
struct ExtractorContractTests {
    @Test("identity: id, labels, version")
    func identity() throws {
        let extractor = try PeopleExtractor()
        #expect(extractor.id == "people")
        #expect(extractor.labels == ["PERSON"])
        #expect(!extractor.version.isEmpty)
    }

    @Test("offsets are code points in the original text: diacritics, tatweel and bidi marks stay inside the span")
    func originalOffsets() throws {
        let text = "قال الرئيس محمّـــد \u{200F}شياع السودانيّ إن الحكومة مستمرة."
        let spans = try PeopleExtractor().extract(Document(name: "marks", text: text))
        let document = DocumentText(text)
        #expect(spans.count == 1)
        let span = try #require(spans.first)
        #expect(span.start == 11)
        #expect(document[span.start..<span.end] == "محمّـــد \u{200F}شياع السودانيّ")
        #expect(span.value == .string("محمد شياع السوداني"))
    }

    @Test("every span is valid for the store and carries entity and evidence attributes")
    func validDrafts() throws {
        let extractor = try PeopleExtractor()
        for paragraph in EvaluationTexts.arabic + EvaluationTexts.english + HeldOutTexts.arabic + HeldOutTexts.english {
            let text = Annotated(paragraph).text
            let spans = try extractor.extract(Document(name: "p", text: text))
            for span in spans {
                #expect(span.problem(textLength: DocumentText(text).count, labels: Set(extractor.labels)) == nil)
                #expect(span.attributes["entity"]?.hasPrefix("p") == true)
                #expect(["title", "verb", "caption", "name", "link"].contains(span.attributes["evidence"] ?? ""))
            }
        }
    }

    @Test("entity numbers follow the order of first mention")
    func entityOrder() throws {
        let text = "وقال [[نتنياهو]] إن الحرب مستمرة، فيما رد الرئيس [[جو بايدن]] بأن الهدنة ممكنة. وأكد [[بايدن]] ذلك."
        let annotated = Annotated(text)
        let spans = try PeopleExtractor().extract(Document(name: "order", text: annotated.text)).sorted { $0.start < $1.start }
        #expect(spans.map { $0.start..<$0.end } == annotated.gold)
        #expect(spans.map { $0.attributes["entity"] ?? "" } == ["p1", "p2", "p2"])
    }

    @Test("empty and punctuation-only documents give no spans", arguments: ["", "   ", "،،؛ ... !!", "2024 ٢٠٢٤"])
    func empty(_ text: String) throws {
        #expect(try PeopleExtractor().extract(Document(name: "empty", text: text)).isEmpty)
    }

    @Test("the same document gives the same spans twice (no state between calls)")
    func deterministic() throws {
        let extractor = try PeopleExtractor()
        let text = Annotated(EvaluationTexts.arabic[0]).text
        let first = try extractor.extract(Document(name: "a", text: text))
        let second = try extractor.extract(Document(name: "a", text: text))
        #expect(first == second)
    }
}
