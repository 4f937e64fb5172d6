import Foundation
import GlossKit
import Testing
@testable import GlossStore

/// Borrowed ``SpanRef``s (the zero-copy streaming path) must say exactly what owned ``Span``s say.
@Suite("Span references")
struct SpanRefTests {
    /// One document with a span of every value kind, attributes with characters JSON escapes,
    /// and text with a code point outside the BMP before the spans.
    private func populated() throws -> TemporaryStore {
        let temp = try TemporaryStore()
        let text = "🙂 قال \"نعم\" يوم 3 آذار 2024 في عمّان: 2.5 مليون و 17 و 0.25"
        let scalars = Array(text.unicodeScalars)
        func range(of needle: String) -> (Int, Int) {
            let target = Array(needle.unicodeScalars)
            for i in 0...(scalars.count - target.count) where Array(scalars[i..<(i + target.count)]) == target {
                return (i, i + target.count)
            }
            return (0, 0)
        }
        func draft(_ needle: String, _ label: String, _ value: SpanValue?, _ attributes: [String: String] = [:],
                   confidence: Double = 1) -> SpanDraft {
            let (start, end) = range(of: needle)
            return SpanDraft(start: start, end: end, label: label, value: value, confidence: confidence, attributes: attributes)
        }
        let drafts = [
            draft("\"نعم\"", "QUOTE", .string("yes \"quoted\"\n\\"), ["tone": "tab\there", "z-last": "ü"], confidence: 0.85),
            draft("3 آذار 2024", "DATE", .date(try #require(SpanDate(year: 2024, month: 3, day: 3)))),
            draft("2024", "NUMBER", .integer(2024), ["kind": "year"]),
            draft("عمّان", "PLACE", .string("Amman"), ["country": "JO", "kind": "city"], confidence: 0.0001),
            draft("2.5 مليون", "NUMBER", .decimal(2_500_000), ["kind": "cardinal"]),
            draft("17", "NUMBER", .integer(17), confidence: 0.6),
            draft("0.25", "NUMBER", .decimal(0.25)),
            draft("قال", "VERB", nil),
        ]
        _ = try Annotator(store: temp.store, extractors: [FixedExtractor(drafts: drafts)])
            .annotate([AnnotationInput(name: "doc \"1\"", text: text)])
        return temp
    }

    private func references(_ store: GlossStore, _ query: SpanQuery) throws -> [Span] {
        var result: [Span] = []
        try store.forEachSpanReference(query) { reference in
            // Field by field, then the owned copy.
            let copy = reference.span
            #expect(copy.text == String(decoding: reference.text, as: UTF8.self))
            #expect(reference.value == copy.value)
            #expect(reference.attributes.map(\.key) == copy.attributes.keys.sorted())
            #expect(reference.attributesRef.count == copy.attributes.count)
            result.append(copy)
            return true
        }
        return result
    }

    @Test func referencesAgreeWithSpans() throws {
        let temp = try populated()
        let queries = [
            SpanQuery(),
            SpanQuery(labels: ["NUMBER"]),
            SpanQuery(labels: ["NUMBER"], minimum: 20, maximum: 3_000_000),
            SpanQuery(value: "Amman"),
            SpanQuery(valuePrefix: "yes"),
            SpanQuery(attributes: ["kind": "cardinal"]),
            SpanQuery(attributes: ["tone": "tab\there"]),
            SpanQuery(labels: ["DATE"], value: "2024-03-03"),
            SpanQuery(sources: ["fixed"], offset: 2, limit: 3),
        ]
        for query in queries {
            let spans = try temp.store.spans(query)
            #expect(try references(temp.store, query) == spans)
        }
        #expect(try temp.store.spans().count == 8)
        #expect(try temp.store.spans(SpanQuery(attributes: ["kind": "cardinal"])).map(\.text) == ["2.5 مليون"])
        #expect(try temp.store.spans(SpanQuery(valuePrefix: "yes")).map(\.label) == ["QUOTE"])
        #expect(try temp.store.spans(SpanQuery(labels: ["NUMBER"], minimum: 20, maximum: 3_000_000)).map(\.text) == ["2024", "2.5 مليون"])
        #expect(try temp.store.spans(SpanQuery(attributes: ["kind": "nothing"])).isEmpty)
    }

    @Test func ownedSpansLendReferences() throws {
        let temp = try populated()
        for span in try temp.store.spans() {
            let back = span.withReference { $0.span }
            #expect(back == span)
        }
    }
}

/// Writes the drafts it is given, whatever their labels.
private struct FixedExtractor: Extractor {
    let id = "fixed"
    let version = "1"
    let labels = ["QUOTE", "DATE", "NUMBER", "PLACE", "VERB"]
    let drafts: [SpanDraft]

    func extract(_ document: Document) throws -> [SpanDraft] { drafts }
}

/// Counts by value come from the value index (how many span keys each value has); they must
/// agree with the spans through additions, replacements and removals.
@Suite("Counts by value")
struct ValueCountTests {
    private func countedFromSpans(_ store: GlossStore, label: String) throws -> [String] {
        var counts: [String: Int] = [:]
        for span in try store.spans(SpanQuery(labels: [label])) { counts[span.value?.text ?? "-", default: 0] += 1 }
        return GlossStore.ranked(counts.map { (key: $0.key, count: $0.value) }).map { "\($0.key)=\($0.count)" }
    }

    private func counted(_ store: GlossStore, label: String) throws -> [String] {
        try store.count(SpanQuery(labels: [label]), by: .value).map { "\($0.key)=\($0.count)" }
    }

    @Test func countsFollowEveryChange() throws {
        let temp = try TemporaryStore()
        let annotator = Annotator(store: temp.store, extractors: [DigitsExtractor(), CityExtractor()])
        _ = try annotator.annotate([
            AnnotationInput(name: "a", text: "بغداد 7 و 7.0 و 12 ثم بغداد و Paris"),
            AnnotationInput(name: "b", text: "Paris 12 Paris"),
        ])
        let cities = try counted(temp.store, label: "CITY")
        #expect(cities == ["Paris=3", "Baghdad=2"], "\(cities)")
        #expect(try counted(temp.store, label: "CITY") == countedFromSpans(temp.store, label: "CITY"))
        #expect(try counted(temp.store, label: "NUMBER") == countedFromSpans(temp.store, label: "NUMBER"))
        _ = try annotator.annotate([AnnotationInput(name: "b", text: "الموصل 5")])
        #expect(try counted(temp.store, label: "CITY") == ["Baghdad=2", "Mosul=1", "Paris=1"])
        #expect(try counted(temp.store, label: "NUMBER") == countedFromSpans(temp.store, label: "NUMBER"))
        #expect(try temp.store.removeDocument(name: "a"))
        #expect(try counted(temp.store, label: "CITY") == ["Mosul=1"])
        #expect(try counted(temp.store, label: "NUMBER") == ["5=1"])
        #expect(try temp.store.check().isSound)
    }
}
