import GlossKit
@testable import GlossPeople
import Testing

/// The form cache shared across documents: what a document finds never depends on the
/// documents analysed before it, nor on when the cache started afresh.
@Suite("People form cache")
struct FormCacheTests {
    /// News-style texts written for these tests, with titles, kunyas, nasab, nisbas,
    /// proclitics, English particles and possessives, so that later texts meet forms (and
    /// stems) the cache learnt from earlier ones.
    static let texts = [
        "قال الرئيس الفلسطيني محمود عباس إن المفاوضات متوقفة، وأكد وزير الخارجية فيصل بن فرحان أن الرياض تدعم الحل. وقال أبو مازن لاحقا إن عباس لن يتراجع.",
        "وقال لعباس مسؤول إن الرئيس محمود عباس سيزور القاهرة، فيما التقى الشيخ محمد بن زايد بالرئيس عبد الفتاح السيسي وأشاد السيسي بالموقف.",
        "President Joe Biden said on Monday that Ursula von der Leyen would meet Crown Prince Mohammed bin Salman. Biden's aides said al-Sudani agreed.",
        "وبحسب نوري المالكي فإن الحكومة ترفض ذلك، وأكد المالكي أن للمالكي رأيا آخر. وشارك نور الدين الزنكي في الاجتماع وذهب علي الأحمد على الطريق.",
        "(Photo: Olena Kovalenko/AFP) Spokesman John Kirby told reporters that Kirby expected news from Mohammed al-Sudani and Joe Biden.",
    ]

    /// Every draft of a document in a comparable form.
    static func describe(_ drafts: [SpanDraft]) -> [String] {
        drafts.map { d in
            let attributes = d.attributes.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            return "\(d.start) \(d.end) \(d.label) \(String(describing: d.value)) \(d.confidence) \(attributes)"
        }
    }

    /// The drafts of each text, each analysed with a cache of its own.
    static func alone(_ extractor: PeopleExtractor, _ lexicon: PeopleLexicon) -> [[String]] {
        texts.map { text in
            var cache = FormCache(lexicon)
            cache.beginDocument()
            return describe(extractor.spans(in: DocumentText(text), &cache))
        }
    }

    @Test("a shared cache gives each text the spans it gets alone", arguments: [FormCache.defaultLimit, 0, 50])
    func sharedCache(limit: Int) throws {
        let lexicon = try PeopleLexicon.shared.get()
        let extractor = try PeopleExtractor()
        let expected = Self.alone(extractor, lexicon)
        #expect(expected.contains { !$0.isEmpty })
        var cache = FormCache(lexicon, limit: limit)
        // Twice through, forwards then backwards: every text meets a warm cache.
        let order = Array(Self.texts.indices) + Array(Self.texts.indices.reversed())
        for k in order {
            cache.beginDocument()
            let found = Self.describe(extractor.spans(in: DocumentText(Self.texts[k]), &cache))
            #expect(found == expected[k], "text \(k), limit \(limit)")
        }
    }

    /// Many threads extracting at once share the extractor's caches (each document takes one
    /// no other thread holds) and the process's table of forms: every text still gets the spans
    /// it gets alone.
    @Test("threads extracting at once get the spans each text gets alone")
    func concurrentExtraction() async throws {
        let lexicon = try PeopleLexicon.shared.get()
        let extractor = try PeopleExtractor()
        let expected = Self.alone(extractor, lexicon)
        let rounds = 40
        let found = await withTaskGroup(of: (Int, [String]).self) { group in
            for round in 0..<rounds {
                for k in Self.texts.indices {
                    group.addTask {
                        let drafts = (try? extractor.extract(Document(name: "\(round)-\(k)", text: Self.texts[k]))) ?? []
                        return (k, Self.describe(drafts))
                    }
                }
            }
            var all: [(Int, [String])] = []
            for await result in group { all.append(result) }
            return all
        }
        #expect(found.count == rounds * Self.texts.count)
        for (k, spans) in found { #expect(spans == expected[k], "text \(k)") }
    }

    @Test("document ids are dense and in order of first use, whatever the cache knows")
    func documentIDs() throws {
        let lexicon = try PeopleLexicon.shared.get()
        var cache = FormCache(lexicon)
        cache.beginDocument()
        // Tokens from the tokenizer (with form ids) and made by hand (without): a form is found
        // by its id or by its bytes, with the same result.
        func token(_ word: String) -> Token { DocumentText(word).tokens[0] }
        func handMade(_ word: String) -> Token { Token(start: 0, end: 1, kind: .word, script: .arabic, normalized: word) }
        #expect(token("في").form >= 0 && handMade("في").form == -1)
        func intern(_ tokens: [Token], into forms: inout DocumentForms) -> [Int32] {
            tokens.withUnsafeBufferPointer { buffer in buffer.indices.map { forms.intern(buffer, $0, lexicon, &cache) } }
        }
        var first = DocumentForms(capacity: 4)
        let ids = intern([token("في"), token("الرئيس"), handMade("في"), token("وقال")], into: &first)
        #expect(ids == [0, 1, 0, 2])
        cache.beginDocument()
        var second = DocumentForms(capacity: 4)
        let again = intern([handMade("وقال"), token("بايدن"), token("في")], into: &second)
        #expect(again == [0, 1, 2])
        // Stems get their ids when the word's Arabic analysis is first asked for.
        let readings = second.arabicForm(again[0], lexicon, &cache).readings
        #expect(readings.0 == 3 && readings.1 == -1)
        second.finish(cache)
        #expect(second.string(readings.0) == "قال")
        #expect(second.count == 4)
    }
}
