import Foundation
import GlossKit
import LMDB

/// Which spans to read back. Empty lists mean "any"; every filter given must hold.
///
/// Results always come in document order, then by start ascending and end descending, then by
/// span id — an enclosing span before the spans inside it.
///
/// A query's fields live in one shared, immutable box: copying a query (into a run, into a
/// loop's variable) retains one reference instead of each of its arrays and strings, and
/// changing a field gives the query a box of its own.
public struct SpanQuery: Sendable {
    /// Labels to return (any of them).
    public var labels: [String] { get { self[\.labels] } set { self[\.labels] = newValue } }
    /// Sources to return: `extractor` (any version), `extractor@version`, or an import name.
    public var sources: [String] { get { self[\.sources] } set { self[\.sources] = newValue } }
    /// Documents: exact names or shell globs (`news/*.txt`, `report-??`).
    public var documents: [String] { get { self[\.documents] } set { self[\.documents] = newValue } }
    /// Exact normalized value, as text: `2500`, `Baghdad`, `2024-03-03`.
    public var value: String? { get { self[\.value] } set { self[\.value] = newValue } }
    /// Smallest numeric value (inclusive).
    public var minimum: Double? { get { self[\.minimum] } set { self[\.minimum] = newValue } }
    /// Largest numeric value (inclusive).
    public var maximum: Double? { get { self[\.maximum] } set { self[\.maximum] = newValue } }
    /// Only string values starting with this prefix (case-sensitive).
    public var valuePrefix: String? { get { self[\.valuePrefix] } set { self[\.valuePrefix] = newValue } }
    /// Attributes every span must carry with exactly these values.
    public var attributes: [String: String] { get { self[\.attributes] } set { self[\.attributes] = newValue } }
    /// A regular expression the span's surface text must match (anywhere in it).
    public var textPattern: String? { get { self[\.textPattern] } set { self[\.textPattern] = newValue } }
    /// Text the span's surface text must equal after normalisation (Arabic diacritics, tatweel
    /// and letter variants ignored; Latin letters case-folded).
    public var normalizedText: String? { get { self[\.normalizedText] } set { self[\.normalizedText] = newValue } }
    /// Position joins with other spans of the same document; all must hold.
    public var joins: [SpanJoin] { get { self[\.joins] } set { self[\.joins] = newValue } }
    /// Skip this many results first.
    public var offset: Int { get { self[\.offset] } set { self[\.offset] = newValue } }
    /// Return at most this many results.
    public var limit: Int? { get { self[\.limit] } set { self[\.limit] = newValue } }

    private var storage: Storage

    /// Creates a query; with no arguments it matches every span.
    public init(labels: [String] = [], sources: [String] = [], documents: [String] = [], value: String? = nil,
                minimum: Double? = nil, maximum: Double? = nil, valuePrefix: String? = nil,
                attributes: [String: String] = [:], textPattern: String? = nil, normalizedText: String? = nil,
                joins: [SpanJoin] = [], offset: Int = 0, limit: Int? = nil) {
        storage = Storage(Fields(labels: labels, sources: sources, documents: documents, value: value,
                                 minimum: minimum, maximum: maximum, valuePrefix: valuePrefix,
                                 attributes: attributes, textPattern: textPattern, normalizedText: normalizedText,
                                 joins: joins, offset: offset, limit: limit))
    }

    var usesValueIndex: Bool { value != nil || minimum != nil || maximum != nil || valuePrefix != nil }

    /// A field of the box. Setting one gives the query a box of its own, a changed copy of the
    /// fields (queries are changed while being built, not while running).
    private subscript<Value>(field: WritableKeyPath<Fields, Value>) -> Value {
        get { storage.fields[keyPath: field] }
        set {
            var fields = storage.fields
            fields[keyPath: field] = newValue
            storage = Storage(fields)
        }
    }

    private struct Fields: Sendable {
        var labels: [String]
        var sources: [String]
        var documents: [String]
        var value: String?
        var minimum: Double?
        var maximum: Double?
        var valuePrefix: String?
        var attributes: [String: String]
        var textPattern: String?
        var normalizedText: String?
        var joins: [SpanJoin]
        var offset: Int
        var limit: Int?
    }

    private final class Storage: Sendable {
        let fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }
}

extension GlossStore {
    /// Streams the spans matching `query` to `body`, in result order, until `body` returns
    /// false. Memory stays flat for index scans; value filters sort the matching keys first.
    public func forEachSpan(_ query: SpanQuery, _ body: (Span) throws -> Bool) throws {
        try read { ctx in try QueryRunner(ctx: ctx, query: query).run(body) }
    }

    /// Streams the spans matching `query` as borrowed ``SpanRef``s — no copy of their text,
    /// value or attributes, no allocation per span — until `body` returns false.
    public func forEachSpanReference(_ query: SpanQuery, _ body: (SpanRef) throws -> Bool) throws {
        try read { ctx in try QueryRunner(ctx: ctx, query: query).runReferences(body) }
    }

    /// The spans matching `query`, in result order.
    public func spans(_ query: SpanQuery = SpanQuery()) throws -> [Span] {
        var result: [Span] = []
        try forEachSpan(query) { result.append($0); return true }
        return result
    }
}


extension GlossStore {
    /// The spans of some labels that one source wrote on one document, as drafts (for
    /// extractors that need other extractors' spans).
    func storedDrafts(document: String, labels: Set<String>, source: String) throws -> [SpanDraft] {
        try read { ctx in
            guard let documentID = try ctx.documentID(document), let sourceID = try ctx.lookup(.source, source) else { return [] }
            var drafts: [SpanDraft] = []
            try ctx.forEachSpan(document: documentID, source: sourceID) { spanKey, record in
                guard labels.contains(try ctx.name(.label, record.label)) else { return }
                drafts.append(try ctx.draft(spanKey, record))
            }
            return drafts
        }
    }
}
