import Foundation
import GlossKit
import LMDB

/// Which spans to read back. Empty lists mean "any"; every filter given must hold.
///
/// Results always come in document order, then by start ascending and end descending, then by
/// span id — an enclosing span before the spans inside it.
public struct SpanQuery: Sendable {
    /// Labels to return (any of them).
    public var labels: [String]
    /// Sources to return: `extractor` (any version), `extractor@version`, or an import name.
    public var sources: [String]
    /// Documents: exact names or shell globs (`news/*.txt`, `report-??`).
    public var documents: [String]
    /// Exact normalized value, as text: `2500`, `Baghdad`, `2024-03-03`.
    public var value: String?
    /// Smallest numeric value (inclusive).
    public var minimum: Double?
    /// Largest numeric value (inclusive).
    public var maximum: Double?
    /// Only string values starting with this prefix (case-sensitive).
    public var valuePrefix: String?
    /// Attributes every span must carry with exactly these values.
    public var attributes: [String: String]
    /// A regular expression the span's surface text must match (anywhere in it).
    public var textPattern: String?
    /// Text the span's surface text must equal after normalisation (Arabic diacritics, tatweel
    /// and letter variants ignored; Latin letters case-folded).
    public var normalizedText: String?
    /// Position joins with other spans of the same document; all must hold.
    public var joins: [SpanJoin]
    /// Skip this many results first.
    public var offset: Int
    /// Return at most this many results.
    public var limit: Int?

    /// Creates a query; with no arguments it matches every span.
    public init(labels: [String] = [], sources: [String] = [], documents: [String] = [], value: String? = nil,
                minimum: Double? = nil, maximum: Double? = nil, valuePrefix: String? = nil,
                attributes: [String: String] = [:], textPattern: String? = nil, normalizedText: String? = nil,
                joins: [SpanJoin] = [], offset: Int = 0, limit: Int? = nil) {
        self.labels = labels
        self.sources = sources
        self.documents = documents
        self.value = value
        self.minimum = minimum
        self.maximum = maximum
        self.valuePrefix = valuePrefix
        self.attributes = attributes
        self.textPattern = textPattern
        self.normalizedText = normalizedText
        self.joins = joins
        self.offset = offset
        self.limit = limit
    }

    var usesValueIndex: Bool { value != nil || minimum != nil || maximum != nil || valuePrefix != nil }
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
