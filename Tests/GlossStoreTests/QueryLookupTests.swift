import Foundation
import GlossKit
import Testing
@testable import GlossStore

/// ``SpanQuery`` as a value, and label lookups by name (a few labels are searched in a list,
/// many through a hash table, names unknown to the cache in the database).
@Suite("Query values and label lookups")
struct QueryLookupTests {
    /// One span per label, `L00` at code points 0..<2, `L01` at 3..<5, and so on.
    private struct ManyLabelsExtractor: Extractor {
        let id = "many"
        let version = "1"
        let labels: [String]

        init(count: Int) { labels = (0..<count).map { String(format: "L%02d", $0) } }

        func extract(_ document: Document) throws -> [SpanDraft] {
            labels.enumerated().map { i, label in SpanDraft(start: 3 * i, end: 3 * i + 2, label: label) }
        }
    }

    @Test func copiesOfAQueryAreIndependent() {
        let original = SpanQuery(labels: ["PLACE"], documents: ["a"], attributes: ["kind": "city"], limit: 5)
        var copy = original
        copy.labels.append("PERSON")
        copy.attributes["kind"] = "country"
        copy.limit = nil
        copy.minimum = 3
        #expect(original.labels == ["PLACE"])
        #expect(original.attributes == ["kind": "city"])
        #expect(original.limit == 5)
        #expect(original.minimum == nil)
        #expect(copy.labels == ["PLACE", "PERSON"])
        #expect(copy.attributes == ["kind": "country"])
        #expect(copy.limit == nil)
        #expect(copy.minimum == 3)
        #expect(copy.documents == ["a"])
    }

    /// 4 labels (found in a list) and 40 (found through the hash table), each asked for by
    /// name in the store that wrote them and in a store opened afresh (nothing cached).
    @Test(arguments: [4, 40])
    func everyLabelIsFoundByName(count: Int) throws {
        let temp = try TemporaryStore()
        let extractor = ManyLabelsExtractor(count: count)
        let text = String(repeating: "ab ", count: count)
        _ = try Annotator(store: temp.store, extractors: [extractor]).annotate([AnnotationInput(name: "d", text: text)])
        var options = GlossStore.Options()
        options.create = false
        let reopened = try GlossStore(path: temp.directory.path, options: options)
        for store in [temp.store, reopened] {
            for (i, label) in extractor.labels.enumerated() {
                let spans = try store.spans(SpanQuery(labels: [label]))
                #expect(spans.map(\.start) == [3 * i], "label \(label)")
                #expect(spans.map(\.label) == [label])
            }
            #expect(throws: StoreError.self) { try store.spans(SpanQuery(labels: ["L99"])) }
        }
    }
}
