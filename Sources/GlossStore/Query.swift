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
    /// Skip this many results first.
    public var offset: Int
    /// Return at most this many results.
    public var limit: Int?

    /// Creates a query; with no arguments it matches every span.
    public init(labels: [String] = [], sources: [String] = [], documents: [String] = [], value: String? = nil,
                minimum: Double? = nil, maximum: Double? = nil, offset: Int = 0, limit: Int? = nil) {
        self.labels = labels
        self.sources = sources
        self.documents = documents
        self.value = value
        self.minimum = minimum
        self.maximum = maximum
        self.offset = offset
        self.limit = limit
    }

    var usesValueIndex: Bool { value != nil || minimum != nil || maximum != nil }
}

extension GlossStore {
    /// Streams the spans matching `query` to `body`, in result order, until `body` returns
    /// false. Memory stays flat for index scans; value filters sort the matching keys first.
    public func forEachSpan(_ query: SpanQuery, _ body: (Span) throws -> Bool) throws {
        try read { ctx in try QueryRunner(ctx: ctx, query: query).run(body) }
    }

    /// The spans matching `query`, in result order.
    public func spans(_ query: SpanQuery = SpanQuery()) throws -> [Span] {
        var result: [Span] = []
        try forEachSpan(query) { result.append($0); return true }
        return result
    }
}

/// Plans and runs one query inside a read transaction.
struct QueryRunner {
    let ctx: ReadContext
    let query: SpanQuery
    private var schema: Schema { ctx.schema }

    init(ctx: ReadContext, query: SpanQuery) {
        self.ctx = ctx
        self.query = query
    }

    func run(_ body: (Span) throws -> Bool) throws {
        let labelIDs = try resolveLabels()
        let sourceIDs = try resolveSources()
        let documents = try resolveDocuments()
        if let documents, documents.isEmpty { return }
        var emitter = SpanEmitter(ctx: ctx, offset: query.offset, limit: query.limit)
        let filter = RecordFilter(labels: labelIDs.map(Set.init), sources: sourceIDs.map(Set.init), value: query.value,
                                  minimum: query.minimum, maximum: query.maximum)
        if query.usesValueIndex {
            let keys = try valueIndexKeys(labels: labelIDs, documents: documents)
            for key in keys {
                guard let record = try ctx.txn.get(schema.spans, key: key.bytes) else { continue }
                guard try emitter.emit(key: key, record: record, filter: filter, body) else { return }
            }
            return
        }
        let streams: [(Database, UInt32?)]
        if let labelIDs {
            streams = labelIDs.map { (schema.byLabel, $0) }
        } else if let sourceIDs {
            streams = sourceIDs.map { (schema.bySource, $0) }
        } else {
            streams = [(schema.spans, nil)]
        }
        try MergedSpanKeys.run(txn: ctx.txn, streams: streams, documents: documents) { key, value in
            let record = try value ?? ctx.txn.get(schema.spans, key: key.bytes)
            guard let record else { return true }
            return try emitter.emit(key: key, record: record, filter: filter, body)
        }
    }

    private func resolveLabels() throws -> [UInt32]? {
        guard !query.labels.isEmpty else { return nil }
        return try query.labels.map { label in
            guard let id = try ctx.lookup(.label, label) else {
                throw StoreError.unknownLabel(label, known: try ctx.store.dictionary.all(.label, in: ctx.txn, schema: schema).map(\.name).sorted())
            }
            return id
        }
    }

    private func resolveSources() throws -> [UInt32]? {
        guard !query.sources.isEmpty else { return nil }
        let all = try ctx.store.dictionary.all(.source, in: ctx.txn, schema: schema)
        var ids: [UInt32] = []
        for source in query.sources {
            let matching = all.filter { $0.name == source || $0.name.hasPrefix(source + "@") }
            guard !matching.isEmpty else { throw StoreError.unknownSource(source, known: all.map(\.name).sorted()) }
            ids.append(contentsOf: matching.map(\.id))
        }
        return Array(Set(ids)).sorted()
    }

    /// Sorted ids of the documents the query names, or `nil` for all documents.
    private func resolveDocuments() throws -> [UInt32]? {
        guard !query.documents.isEmpty else { return nil }
        var ids = Set<UInt32>()
        var patterns: [String] = []
        for name in query.documents {
            if Glob.isPattern(name) {
                patterns.append(name)
            } else if let id = try ctx.documentID(name) {
                ids.insert(id)
            } else {
                throw StoreError.unknownDocument(name)
            }
        }
        if !patterns.isEmpty {
            try ctx.txn.scan(schema.docNames) { key, value in
                let name = String(decoding: key, as: UTF8.self)
                if patterns.contains(where: { Glob.matches($0, name) }) { ids.insert(ByteReader.u32(value, at: 0)) }
                return true
            }
        }
        return ids.sorted()
    }

    /// Span keys from the value index, sorted into result order.
    private func valueIndexKeys(labels: [UInt32]?, documents: [UInt32]?) throws -> [SpanKey] {
        let labelIDs = try labels ?? ctx.store.dictionary.all(.label, in: ctx.txn, schema: schema).map(\.id)
        let allowed = documents.map(Set.init)
        var keys: [SpanKey] = []
        func collect(from start: [UInt8], while condition: (UnsafeRawBufferPointer) -> Bool) throws {
            try start.withUnsafeBytes { from in
                try ctx.txn.scan(schema.byValue, from: from) { key, _ in
                    guard condition(key) else { return false }
                    let spanKey = try SpanKey(suffixOf: key)
                    if allowed?.contains(spanKey.document) ?? true { keys.append(spanKey) }
                    return true
                }
            }
        }
        for label in labelIDs {
            let prefix = IndexKey.prefix(label)
            if let text = query.value {
                for candidate in ValueText.candidates(text) {
                    let valuePrefix = prefix + ValueKey.encoded(candidate)
                    try collect(from: valuePrefix) { key in
                        key.count == valuePrefix.count + SpanKey.size && key.starts(with: valuePrefix)
                    }
                }
            } else {
                var low = ByteWriter()
                low.append(prefix)
                ValueKey.writeNumber(query.minimum ?? -.infinity, into: &low)
                let high = ValueKey.orderedBits(query.maximum ?? .infinity)
                try collect(from: low.bytes) { key in
                    guard key.count == 4 + 9 + SpanKey.size, key.starts(with: prefix), key[4] == ValueKey.numberTag else { return false }
                    return ByteReader.u64(key, at: 5) <= high
                }
            }
        }
        return keys.sorted()
    }
}

/// Reading a value given as text in every type it could be.
enum ValueText {
    static func candidates(_ text: String) -> [SpanValue] {
        var result: [SpanValue] = [.string(text)]
        if let number = Double(text), number.isFinite { result.append(.decimal(number)) }
        if let date = SpanDate(iso: text) { result.append(.date(date)) }
        return result
    }
}

/// Filters on a decoded record that the driving index did not already apply.
struct RecordFilter {
    let labels: Set<UInt32>?
    let sources: Set<UInt32>?
    let value: String?
    let minimum: Double?
    let maximum: Double?

    func accepts(_ record: SpanRecord) -> Bool {
        if let labels, !labels.contains(record.label) { return false }
        if let sources, !sources.contains(record.source) { return false }
        if let value {
            guard let actual = record.value else { return false }
            let matches = ValueText.candidates(value).contains { candidate in
                switch (candidate, actual) {
                case (.decimal(let d), _): actual.number == d
                case (.string(let s), .string(let t)): s == t
                case (.date(let d), .date(let e)): d == e
                default: false
                }
            }
            if !matches { return false }
        }
        if minimum != nil || maximum != nil {
            guard let number = record.value?.number else { return false }
            if let minimum, number < minimum { return false }
            if let maximum, number > maximum { return false }
        }
        return true
    }
}

/// Turns keys and records into ``Span`` values, applying offset and limit.
struct SpanEmitter {
    let ctx: ReadContext
    var offset: Int
    let limit: Int?
    private var emitted = 0
    private var currentDocument: UInt32?
    private var documentName = ""
    private var text = TextSlicer(bytes: UnsafeRawBufferPointer(start: nil, count: 0))

    init(ctx: ReadContext, offset: Int, limit: Int?) {
        self.ctx = ctx
        self.offset = offset
        self.limit = limit
    }

    /// Emits one span if it passes `filter`; returns false when the caller should stop.
    mutating func emit(key: SpanKey, record buffer: UnsafeRawBufferPointer, filter: RecordFilter, _ body: (Span) throws -> Bool) throws -> Bool {
        if let limit, emitted >= limit { return false }
        let record = try SpanRecord.decode(buffer)
        guard filter.accepts(record) else { return true }
        if offset > 0 {
            offset -= 1
            return true
        }
        if currentDocument != key.document {
            guard let document = try ctx.documentRecord(key.document) else { throw StoreError.corrupt("span \(key.id) belongs to missing document \(key.document)") }
            documentName = document.name
            text = TextSlicer(bytes: try ctx.textBytes(of: key.document))
            currentDocument = key.document
        }
        var attributes: [String: String] = [:]
        for (id, value) in record.attributes { attributes[try ctx.name(.attribute, id)] = value }
        let span = Span(id: key.id, document: documentName, start: Int(key.start), end: Int(key.end),
                        text: try text.slice(Int(key.start), Int(key.end)), label: try ctx.name(.label, record.label),
                        source: try ctx.name(.source, record.source), confidence: record.confidence, value: record.value,
                        attributes: attributes)
        emitted += 1
        guard try body(span) else { return false }
        if let limit, emitted >= limit { return false }
        return true
    }
}

/// Cuts code-point ranges out of UTF-8 text, walking forward from the last position so that
/// spans in document order cost time proportional to the text, not to text × spans.
struct TextSlicer {
    let bytes: UnsafeRawBufferPointer
    private var codePoint = 0
    private var utf8 = 0

    init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    private mutating func advance(to target: Int) throws {
        if target < codePoint { codePoint = 0; utf8 = 0 }
        while codePoint < target {
            guard utf8 < bytes.count else { throw StoreError.corrupt("a span ends past the end of its document") }
            let lead = bytes[utf8]
            utf8 += lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
            codePoint += 1
        }
    }

    /// The text of code points `start..<end`.
    mutating func slice(_ start: Int, _ end: Int) throws -> String {
        try advance(to: start)
        let from = utf8
        let (savedCP, savedUTF8) = (codePoint, utf8)
        try advance(to: end)
        let to = min(utf8, bytes.count)
        let result = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[from..<to]), as: UTF8.self)
        (codePoint, utf8) = (savedCP, savedUTF8)
        return result
    }
}

/// Shell-style glob matching for document names (`*`, `?`, `[...]`).
enum Glob {
    static func isPattern(_ s: String) -> Bool { s.contains(where: { "*?[".contains($0) }) }

    static func matches(_ pattern: String, _ name: String) -> Bool {
        fnmatch(pattern, name, 0) == 0
    }
}
