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

    /// One encoder serves many drafts: names it has met are put in name order by rank, and a
    /// name arriving later (sorting before, between or after the known ones) re-ranks them, so
    /// every record still lists its attributes in name order.
    @Test(arguments: [
        [["mid": "1", "zeta": "2"], ["alpha": "3", "mid": "4"], ["zeta": "5", "beta": "6", "alpha": "7"], ["omega": "8", "mid": "9", "alpha": "10", "zeta": "11"]],
        [["z": "1"], ["y": "2", "z": "3"], ["x": "4", "z": "5", "y": "6"], [:], ["z": "7", "x": "8"]],
    ])
    func encoderWritesAttributesInNameOrder(_ attributeSets: [[String: String]]) throws {
        var interned: [String: UInt32] = [:]
        func id(_ kind: InternTable.Kind, _ name: String) -> UInt32 {
            if let id = interned["\(kind)/\(name)"] { return id }
            let id = UInt32(interned.count + 1)
            interned["\(kind)/\(name)"] = id
            return id
        }
        var encoder = SpanEncoder()
        // Twice through, so that the second pass finds every name known.
        for _ in 0 ..< 2 {
            let drafts = attributeSets.enumerated().map { SpanDraft(start: $0.offset, end: $0.offset + 1, label: "L", attributes: $0.element) }
            let encoded = EncodedSpans(drafts, source: 1, encoder: &encoder,
                                       locate: { SpanTextLocation(offset: 3 * $0, length: $1 - $0) }, id: id)
            for (span, attributes) in zip(encoded.spans, attributeSets) {
                let record = try encoded.bytes.withUnsafeBytes {
                    try SpanRecord.decode(UnsafeRawBufferPointer(rebasing: $0[span.recordStart ..< span.recordEnd]))
                }
                #expect(record.text == SpanTextLocation(offset: 3 * Int(span.start), length: 1))
                let names = attributes.keys.sorted()
                #expect(record.attributes.map(\.key) == names.map { id(.attribute, $0) })
                #expect(record.attributes.map(\.value) == names.map { attributes[$0] ?? "" })
            }
        }
    }
}
