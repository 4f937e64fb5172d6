import Foundation
import GlossKit
import LMDB
import Testing
@testable import GlossStore

/// How the writer stores the spans of a document: all extractors' spans together in key order,
/// with ids given extractor after extractor, and names interned in a fixed order.
@Suite("Span writes")
struct SpanWriteTests {
    /// Cities and numbers interleave in the text: the two extractors' spans are put in key
    /// order (so a new document's spans are all appended), while ids still follow the
    /// extractors' order, as when each extractor's spans were written in turn.
    @Test func extractorsInterleaveInKeyOrderWithIdsInExtractorOrder() throws {
        let temp = try TemporaryStore()
        let text = "وصل الوفد إلى بغداد 12 ثم الموصل 7 and then Paris 3."
        _ = try Annotator(store: temp.store, extractors: [CityExtractor(), DigitsExtractor()])
            .annotate([AnnotationInput(name: "trip", text: text)])
        let spans = try temp.store.spans()
        #expect(spans.map(\.text) == ["بغداد", "12", "الموصل", "7", "Paris", "3"])
        #expect(spans.map(\.label) == ["CITY", "NUMBER", "CITY", "NUMBER", "CITY", "NUMBER"])
        let cities = spans.filter { $0.label == "CITY" }.map(\.id)
        let numbers = spans.filter { $0.label == "NUMBER" }.map(\.id)
        #expect(cities == cities.sorted() && numbers == numbers.sorted())
        #expect(cities.max() ?? 0 < numbers.min() ?? 0, "the first extractor's spans get the first ids")
        #expect(try temp.store.check().problems.isEmpty)

        // Re-annotating with the extractors the other way round replaces both sets the same way.
        _ = try Annotator(store: temp.store, extractors: [DigitsExtractor(), CityExtractor()]).annotate(
            [AnnotationInput(name: "trip", text: text + " 40")])
        let again = try temp.store.spans()
        #expect(again.map(\.text) == ["بغداد", "12", "الموصل", "7", "Paris", "3", "40"])
        let numbersFirst = again.filter { $0.label == "NUMBER" }.map(\.id)
        let citiesAfter = again.filter { $0.label == "CITY" }.map(\.id)
        #expect(numbersFirst.max() ?? 0 < citiesAfter.min() ?? 0)
        #expect(try temp.store.check().problems.isEmpty)
    }

    /// Attribute names new to a store are interned in name order, whatever order a draft's
    /// dictionary yields them in, so that two runs on the same input build the same store.
    @Test func newAttributeNamesAreInternedInNameOrder() throws {
        let temp = try TemporaryStore()
        _ = try Annotator(store: temp.store, extractors: [AttributedExtractor()])
            .annotate([AnnotationInput(name: "words", text: "the quick brown fox jumps over")])
        let ids = try temp.store.read { ctx in
            try ["alpha", "extra", "mid", "zeta"].map { try #require(try ctx.lookup(.attribute, $0)) }
        }
        #expect(ids == ids.sorted())
        let first = try #require(try temp.store.spans().first)
        #expect(first.attributes == ["alpha": "the", "extra": "x", "mid": "short", "zeta": "0"])
    }
}
