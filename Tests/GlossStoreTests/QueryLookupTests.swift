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

    /// Spans in many documents, one label with thousands of them (its label index entries fill
    /// many pages), and `fillers` labels as common: every label and document query reads back
    /// what filtering all spans gives.
    private struct ManySpansExtractor: Extractor {
        let id = "manyspans"
        let version = "1"
        let fillers: Int
        var labels: [String] { ["COMMON", "RARE", "ONCE"] + (0..<fillers).map { "FILL\($0)" } }

        func extract(_ document: Document) throws -> [SpanDraft] {
            let words = document.text.tokens.filter { $0.kind == .word }
            var drafts = words.map { SpanDraft(start: $0.start, end: $0.end, label: "COMMON") }
            drafts += words.enumerated().filter { $0.offset % 17 == 3 }.map { SpanDraft(start: $0.element.start, end: $0.element.end, label: "RARE") }
            if document.name == "doc-017" { drafts.append(SpanDraft(start: 0, end: 1, label: "ONCE")) }
            for filler in 0..<fillers {
                drafts += words.map { SpanDraft(start: $0.start, end: $0.end, label: "FILL\(filler)") }
            }
            return drafts
        }
    }

    /// A query's labels are read through the label index, or from the records filtered by
    /// label when they hold a fifth of the spans or more: with no fillers COMMON is most of the
    /// spans, with five a sixth of them; both ways read back the same spans.
    @Test(arguments: [0, 5]) func labelQueriesReadBackLikeAFilteredScan(fillers: Int) throws {
        let temp = try TemporaryStore()
        let inputs = (0..<60).map { n in
            AnnotationInput(name: String(format: "doc-%03d", n),
                            text: (0..<(40 + n * 7 % 50)).map { "word\($0 % 13) كلمة\(n)" }.joined(separator: " "))
        }
        _ = try Annotator(store: temp.store, extractors: [ManySpansExtractor(fillers: fillers)]).annotate(inputs)
        let all = try temp.store.spans()
        #expect(all.filter { $0.label == "COMMON" }.count > 4_000)
        let plans = try temp.store.read { ctx in
            try ["COMMON", "RARE"].map { label in
                try QueryRunner(ctx: ctx, query: SpanQuery()).readsRecords(of: [try #require(try ctx.lookup(.label, label))])
            }
        }
        #expect(plans == [fillers == 0, false])
        func keys(_ spans: [Span]) -> [String] { spans.map { "\($0.document) \($0.start) \($0.end) \($0.label)" } }
        let documentSets = [["doc-000"], ["doc-017"], ["doc-059"], ["doc-003", "doc-030", "doc-044"], ["doc-0[12]*"], ["nothing-*"]]
        for labels in [["COMMON"], ["RARE"], ["ONCE"], ["COMMON", "RARE"], ["RARE", "ONCE"], ["COMMON", "FILL0"]] where labels.allSatisfy(ManySpansExtractor(fillers: fillers).labels.contains) {
            #expect(keys(try temp.store.spans(SpanQuery(labels: labels))) == keys(all.filter { labels.contains($0.label) }), "\(labels)")
            // Stopping early, and an offset, on either path.
            let window = all.filter { labels.contains($0.label) }.prefix(8).dropFirst(3)
            var limited = SpanQuery(labels: labels)
            limited.offset = 3
            limited.limit = 5
            #expect(keys(try temp.store.spans(limited)) == keys(Array(window)), "\(labels) offset 3 limit 5")
            for documents in documentSets {
                let wanted = all.filter { span in
                    labels.contains(span.label) && documents.contains { Glob.matches($0, span.document) }
                }
                #expect(keys(try temp.store.spans(SpanQuery(labels: labels, documents: documents))) == keys(wanted), "\(labels) \(documents)")
            }
        }
    }

    /// Thousands of spans share one value (its value index entries fill many pages): exact
    /// values and ranges read back what filtering all spans gives.
    private struct SharedValuesExtractor: Extractor {
        let id = "sharedvalues"
        let version = "1"
        let labels = ["NUM"]

        func extract(_ document: Document) throws -> [SpanDraft] {
            document.text.tokens.filter { $0.kind == .word }.enumerated().map { i, token in
                let value: Int64 = i % 5 == 0 ? Int64(i % 11) : 7
                return SpanDraft(start: token.start, end: token.end, label: "NUM", value: .integer(value))
            }
        }
    }

    @Test func valueIndexPagesReadBackLikeAFilteredScan() throws {
        let temp = try TemporaryStore()
        let inputs = (0..<40).map { n in
            AnnotationInput(name: String(format: "doc-%03d", n), text: (0..<(60 + n % 9)).map { "w\($0)" }.joined(separator: " "))
        }
        _ = try Annotator(store: temp.store, extractors: [SharedValuesExtractor()]).annotate(inputs)
        let all = try temp.store.spans()
        func number(_ span: Span) -> Double? {
            if case .integer(let n)? = span.value { return Double(n) }
            return nil
        }
        #expect(all.filter { number($0) == 7 }.count > 1_500)
        func keys(_ spans: [Span]) -> [String] { spans.map { "\($0.document) \($0.start) \($0.end)" } }
        for (minimum, maximum) in [(7.0, 7.0), (0, 6), (6, 8), (0, 10), (8, 100), (11, 20)] {
            let wanted = all.filter { number($0).map { $0 >= minimum && $0 <= maximum } ?? false }
            #expect(keys(try temp.store.spans(SpanQuery(labels: ["NUM"], minimum: minimum, maximum: maximum))) == keys(wanted), "\(minimum)...\(maximum)")
        }
        #expect(keys(try temp.store.spans(SpanQuery(labels: ["NUM"], value: "7"))) == keys(all.filter { number($0) == 7 }))
        #expect(keys(try temp.store.spans(SpanQuery(value: "3"))) == keys(all.filter { number($0) == 3 }))
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

    /// 4 labels (found in a list), 40 (found through the hash table) and 70 (ids past 64, whose
    /// names a query's table does not mark as read), each asked for by name in the store that
    /// wrote them and in a store opened afresh (nothing cached).
    @Test(arguments: [4, 40, 70])
    func everyLabelIsFoundByName(count: Int) throws {
        let temp = try TemporaryStore()
        let extractor = ManyLabelsExtractor(count: count)
        let text = String(repeating: "ab ", count: count)
        _ = try Annotator(store: temp.store, extractors: [extractor]).annotate([AnnotationInput(name: "d", text: text)])
        var options = GlossStore.Options()
        options.create = false
        let reopened = try GlossStore(path: temp.directory.path, options: options)
        // Nothing cached: the query reads every label's name as it meets it.
        #expect(try reopened.spans().map(\.label) == extractor.labels)
        for store in [temp.store, reopened] {
            for (i, label) in extractor.labels.enumerated() {
                let spans = try store.spans(SpanQuery(labels: [label]))
                #expect(spans.map(\.start) == [3 * i], "label \(label)")
                #expect(spans.map(\.label) == [label])
            }
            #expect(throws: StoreError.self) { try store.spans(SpanQuery(labels: ["L99"])) }
        }
    }

    /// Queries share the store's cached names until a name is added: labels written after a
    /// query by the same store, labels written by another opening of it (which this one's
    /// cache does not hold, so a query copies the shared names and reads the new ones), and
    /// labels read by an opening that caches none, all come back with their names, on either
    /// side of the 64-id mark.
    @Test func namesLearnedBetweenQueriesAreRead() throws {
        let temp = try TemporaryStore()
        let few = ManyLabelsExtractor(count: 3)
        let many = ManyLabelsExtractor(count: 70)
        let text = String(repeating: "ab ", count: 70)
        _ = try Annotator(store: temp.store, extractors: [few]).annotate([AnnotationInput(name: "a", text: text)])
        #expect(try temp.store.spans().map(\.label) == few.labels)
        // The same store learns 67 more labels: the names the first query shared are replaced.
        _ = try Annotator(store: temp.store, extractors: [many]).annotate([AnnotationInput(name: "b", text: text)])
        #expect(try temp.store.spans(SpanQuery(documents: ["b"])).map(\.label) == many.labels)
        // Another opening writes labels this one has never seen.
        var options = GlossStore.Options()
        options.create = false
        let other = try GlossStore(path: temp.directory.path, options: options)
        let more = ManyLabelsExtractor(count: 80)
        _ = try Annotator(store: other, extractors: [more]).annotate([AnnotationInput(name: "c", text: String(repeating: "ab ", count: 80))])
        // And an opening that has written nothing caches nothing: every name is read.
        let fresh = try GlossStore(path: temp.directory.path, options: options)
        for store in [temp.store, other, fresh] {
            #expect(try store.spans(SpanQuery(documents: ["c"])).map(\.label) == more.labels)
            #expect(try store.spans(SpanQuery(labels: ["L75"])).map(\.document) == ["c"])
            #expect(try store.spans(SpanQuery(documents: ["a"])).map(\.label) == few.labels)
        }
    }
}
