import Foundation
import GlossKit
import LMDB

/// Plans and runs one query inside a read transaction:
/// index scan → record filters → span filters → joins (per document) → offset/limit → caller.
///
/// A class: the closures of a run capture one reference, not a copy of the query.
final class QueryRunner {
    let ctx: ReadContext
    let query: SpanQuery
    /// `nil` unless the store releases read pages (see ``MappedPageReleaser``).
    private let pages: MappedPageReleaser?
    /// The store's schema, read in place (``StoreContext/schema`` would return a copy).
    private var schema: Schema { ctx.store.schema }

    init(ctx: ReadContext, query: SpanQuery) {
        self.ctx = ctx
        self.query = query
        pages = MappedPageReleaser.make(ctx: ctx)
    }

    /// Streams owned ``Span``s.
    func run(_ body: (Span) throws -> Bool) throws {
        try runReferences { try body($0.span) }
    }

    /// Streams ``SpanRef``s (valid only inside `body`): record filters on the records in place,
    /// joins on buffered keys and records, the text filter on the sliced text, then offset and
    /// limit. Nothing is copied for a span unless the query has a text filter.
    func runReferences(_ body: (SpanRef) throws -> Bool) throws {
        try ctx.txn.withCursor(schema.texts) { texts in try ctx.txn.withCursor(schema.docs) { documents in
            var delivery = Delivery(ctx: ctx, query: query, texts: texts, documents: documents, textFilter: try SpanFilter.make(query: query))
            if let limit = query.limit, limit <= 0 { return }
            if query.joins.isEmpty {
                _ = try enumerate { try delivery.deliver($0, $1, body) }
            } else {
                try join(into: &delivery, body)
            }
        } }
    }

    /// Buffers each document's candidates for the joins, then delivers those that satisfy them.
    private func join(into delivery: inout Delivery, _ body: (SpanRef) throws -> Bool) throws {
        var joiner = try JoinEvaluator(joins: query.joins, ctx: ctx, pages: pages)
        if try enumerate({ try joiner.add($0, $1) { try delivery.deliver($0, $1, body) } }) {
            _ = try joiner.finish { try delivery.deliver($0, $1, body) }
        }
    }

    /// Visits the candidates that pass the record filters, in result order; returns false when
    /// `visit` stopped the scan. Every candidate has one of the query's labels already: both
    /// indexes are read label by label.
    private func enumerate(_ visit: (SpanKey, SpanRecordView) throws -> Bool) throws -> Bool {
        let labelIDs = try resolveLabels()
        let sourceIDs = try resolveSources()
        let documents = try resolveDocuments()
        if let documents, documents.isEmpty { return true }
        guard let recordFilter = try RecordFilter(query: query, sources: sourceIDs, ctx: ctx) else { return true }
        func consider(_ key: SpanKey, _ buffer: UnsafeRawBufferPointer) throws -> Bool {
            pages?.tick()
            let record = try SpanRecordView(buffer)
            guard try recordFilter.accepts(record) else { return true }
            return try visit(key, record)
        }
        // Index entries come in key order, so their records are looked up through one cursor:
        // LMDB searches the page the cursor stands on alone when the key is on it, instead of
        // descending from the root as a lookup in the transaction does.
        return try ctx.txn.withCursor(schema.spans) { records in
            func record(_ key: SpanKey) throws -> UnsafeRawBufferPointer? {
                try key.withBytes { try records.seek(exactly: $0)?.value }
            }
            if query.usesValueIndex {
                for key in try valueIndexKeys(labels: labelIDs, documents: documents) {
                    guard let record = try record(key) else { continue }
                    guard try consider(key, record) else { return false }
                }
                return true
            }
            // Labels that hold many of the spans are read from the primary database, filtered by label.
            let recordLabels = try readsRecords(of: labelIDs) ? labelIDs.map(IDSet.init) : nil
            if documents == nil && (labelIDs == nil || recordLabels != nil) {
                // The primary database in key order, each record with its key.
                var entry = try records.first()
                guard let recordLabels else {
                    while let (key, value) = entry {
                        guard try consider(try SpanKey(suffixOf: key), value) else { return false }
                        entry = try records.next()
                    }
                    return true
                }
                while let (key, value) = entry {
                    if recordLabels.contains(try SpanRecordView.label(of: value)) {
                        guard try consider(try SpanKey(suffixOf: key), value) else { return false }
                    } else {
                        pages?.tick()
                    }
                    entry = try records.next()
                }
                return true
            }
            // Sources have no index of their own (a store holds few): they filter records.
            var completed = true
            try MergedSpanKeys.run(txn: ctx.txn, records: records, byLabel: schema.byLabel,
                                   labels: recordLabels == nil ? labelIDs : nil, documents: documents) { key, value in
                if let value, try recordLabels?.contains(SpanRecordView.label(of: value)) == false {
                    pages?.tick()
                    return true
                }
                guard let record = try value ?? record(key) else { return true }
                completed = try consider(key, record)
                return completed
            }
            return completed
        }
    }

    /// Whether the spans of `labels` are read from the primary database, its records filtered by
    /// label, rather than through the label index: when they are at least
    /// 1/``recordScanShare`` of the store's spans (their counters against the database's
    /// entries). Through the index, each span costs a search for its record; in the primary
    /// database, in key order, a record of another label costs a step of the cursor and a look
    /// at its label, on pages read one after the other.
    func readsRecords(of labels: [UInt32]?) throws -> Bool {
        guard let labels else { return false }
        let total = try ctx.txn.count(schema.spans)
        var spans = 0
        for label in labels { spans += try ctx.counter(.label, label) }
        return total > 0 && spans * Self.recordScanShare >= total
    }

    /// On the benchmark's stores (100k and 1M spans), labels holding 26–31 % of the spans
    /// streamed 15–25 % faster from the records, one holding 17 % a little faster, 11 % at the
    /// same speed, 6 % slower.
    private static let recordScanShare = 5

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
        if query.documents.count == 1, let name = query.documents.first, !Glob.isPattern(name) {
            guard let id = try ctx.documentID(name) else { throw StoreError.unknownDocument(name) }
            return [id]
        }
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
        /// Scans the value index (and the value log) from `start` while `condition` holds for the
        /// key (label · value); each entry's value is a span key, added to `keys`. (`keys` is a
        /// parameter, not captured: a local function's captured variable is checked for
        /// exclusive access at run time on every change, here once per span.)
        func collect(from start: [UInt8], into keys: inout [SpanKey], while condition: (UnsafeRawBufferPointer) -> Bool) throws {
            try start.withUnsafeBytes { from in
                try ctx.scanValueEntries(from: from, while: condition) { _, value in
                    pages?.tick()
                    let spanKey = try SpanKey(suffixOf: value)
                    if allowed?.contains(spanKey.document) ?? true { keys.append(spanKey) }
                }
            }
        }
        for label in labelIDs {
            let prefix = IndexKey.prefix(label)
            if let text = query.value {
                for candidate in ValueText.candidates(text) {
                    let valueKey = prefix + ValueKey.encoded(candidate)
                    try collect(from: valueKey, into: &keys) { $0.elementsEqual(valueKey) }
                }
            } else if let text = query.valuePrefix {
                // Strings are stored as tag · bytes · 0x00: drop the terminator to get a prefix.
                let valuePrefix = prefix + ValueKey.encoded(.string(text)).dropLast()
                try collect(from: valuePrefix, into: &keys) { $0.starts(with: valuePrefix) }
            } else {
                var low = ByteWriter()
                low.append(prefix)
                ValueKey.writeNumber(query.minimum ?? -.infinity, into: &low)
                let high = ValueKey.orderedBits(query.maximum ?? .infinity)
                try collect(from: low.bytes, into: &keys) { key in
                    guard key.count == 4 + 9, key.starts(with: prefix), key[4] == ValueKey.numberTag else { return false }
                    return ByteReader.u64(key, at: 5) <= high
                }
            }
        }
        return keys.sorted()
    }
}

/// With ``GlossStore/Options/releasesReadPages``, keeps a long query's resident memory flat: in
/// a store larger than 64 MiB, the store's pages are dropped from the process's resident set
/// after every 4,096 entries read (they stay in the page cache; see
/// ``Environment/releaseMappedPages()``). Without it, the resident size of a scan grows to the
/// size of the store.
final class MappedPageReleaser {
    private let environment: Environment
    private var entries = 0

    private init(environment: Environment) { self.environment = environment }

    /// `nil` when the store does not release pages, or is too small for it to matter.
    static func make(ctx: ReadContext) -> MappedPageReleaser? {
        let store = ctx.store
        guard store.releasesReadPages, store.environment.usedBytes > 64 << 20 else { return nil }
        return MappedPageReleaser(environment: store.environment)
    }

    /// Counts entries read; releases the pages every 4,096 (a scan touching a page or two per
    /// entry across the whole store keeps under ~32 MiB of it mapped).
    @inline(__always)
    func tick(_ count: Int = 1) {
        let before = entries
        entries &+= count
        if before >> 12 != entries >> 12 { environment.releaseMappedPages() }
    }
}

/// The last steps of a query: a span reference is built, the text filter applied, then offset
/// and limit.
struct Delivery {
    private var builder: SpanBuilder
    private var limiter: Limiter
    /// `nil` when the query has no text filter.
    private let textFilter: SpanFilter?

    /// Does not throw: the caller builds the text filter (through a throwing initializer, the
    /// whole struct was built aside and copied).
    init(ctx: ReadContext, query: borrowing SpanQuery, texts: Cursor, documents: Cursor, textFilter: SpanFilter?) {
        builder = SpanBuilder(ctx: ctx, texts: texts, documents: documents)
        limiter = Limiter(offset: query.offset, limit: query.limit)
        self.textFilter = textFilter
    }

    /// Returns false when no more spans are wanted.
    mutating func deliver(_ key: SpanKey, _ record: SpanRecordView, _ body: (SpanRef) throws -> Bool) throws -> Bool {
        if limiter.isDone { return false }
        let span = try builder.reference(key: key, record: record)
        if let textFilter, !(try textFilter.accepts(text: span.text)) { return true }
        return try limiter.take { try body(span) }
    }
}

/// Applies offset and limit to the spans handed to the caller.
struct Limiter {
    private var skip: Int
    private let limit: Int?
    private var taken = 0

    init(offset: Int, limit: Int?) {
        skip = offset
        self.limit = limit
    }

    var isDone: Bool { limit.map { taken >= $0 } ?? false }

    /// Calls `deliver` for a span past the offset; returns false when no more spans are wanted.
    mutating func take(_ deliver: () throws -> Bool) throws -> Bool {
        if isDone { return false }
        if skip > 0 {
            skip -= 1
            return true
        }
        taken += 1
        guard try deliver() else { return false }
        return !isDone
    }
}

/// Turns keys and records into borrowed ``SpanRef``s, caching the current
/// document's name and text and the names of interned ids met in this query.
struct SpanBuilder {
    let ctx: ReadContext
    /// A cursor on `docs`. Spans come in document order, so the next document's record is
    /// mostly on the page the cursor stands on, which LMDB then searches alone (a lookup in
    /// the transaction descends from the root every time).
    private let documents: Cursor
    private var currentDocument: UInt32?
    /// The current document's name, lent to the references (``LentStrings``).
    private let documentName = LentStrings([""])
    private var text: TextSlicer
    private var labels: NameTable
    private var sources: NameTable
    private var attributeNames: NameTable
    /// Bit `id` set when attribute key `id` (below 63) is in `attributeNames`.
    private var resolvedAttributeIDs: UInt64 = 0

    init(ctx: ReadContext, texts: Cursor, documents: Cursor) {
        self.ctx = ctx
        self.documents = documents
        text = TextSlicer(texts: texts)
        let dictionary = ctx.store.dictionary
        labels = NameTable(kind: .label, names: dictionary.cachedNames(.label))
        sources = NameTable(kind: .source, names: dictionary.cachedNames(.source))
        let attributes = dictionary.cachedNames(.attribute)
        attributeNames = NameTable(kind: .attribute, names: attributes)
        // The cached names are resolved already: a query over known attributes looks none up.
        resolvedAttributeIDs = attributes.known & ~(1 << 63)
    }

    private mutating func enter(_ key: SpanKey) throws {
        guard currentDocument != key.document else { return }
        guard let record = try IndexKey.withKey(key.document, { try documents.seek(exactly: $0)?.value }) else {
            throw StoreError.corrupt("span \(key.id) belongs to missing document \(key.document)")
        }
        documentName.set(0, try DocumentRecord.name(record))
        text.reset(document: key.document)
        currentDocument = key.document
    }

    /// The record's attributes, every key name resolved.
    private mutating func attributes(of record: SpanRecordView) throws -> SpanAttributesRef {
        if record.attributeIDs & ~resolvedAttributeIDs != 0 {
            try record.forEachAttribute { id, _ in
                try attributeNames.resolve(id, ctx)
                return true
            }
            // Ids of 63 and above share bit 63: never marked resolved, they are looked at each time.
            resolvedAttributeIDs |= record.attributeIDs & ~(1 << 63)
        }
        return SpanAttributesRef(bytes: record.attributes, count: record.attributeCount, names: attributeNames.strings)
    }

    /// A reference to the span, valid until the next call (its text may be in a scratch buffer).
    mutating func reference(key: SpanKey, record: SpanRecordView) throws -> SpanRef {
        try enter(key)
        let bytes = try text.slice(Int(key.start), Int(key.end), at: record.text)
        return SpanRef(id: key.id, document: documentName.address(0), start: Int(key.start), end: Int(key.end),
                       label: try labels.name(record.label, ctx), source: try sources.name(record.source, ctx),
                       confidence: record.confidence, text: bytes, value: record.value, attributes: try attributes(of: record))
    }
}

/// Names of one kind of interned id for one query, indexed by id (ids are small and dense): no
/// lock, no hashing per span. It starts from the store's cache of names (a committed id never
/// changes name), shared with other queries and not copied (``NameSnapshot``), and copies them
/// into names of its own (``LentStrings``) only when it meets an id the cache did not hold. The
/// names are lent to span references by address. One query's builder holds each table (a class
/// costs a retain per span, measured).
struct NameTable {
    let kind: InternTable.Kind
    /// The store's names when the query started.
    private let shared: NameSnapshot
    /// The shared names and those the query read since, once it has read one.
    private var own: LentStrings?
    /// The names in use: `shared`'s, or `own`'s once there (both kept alive by this table).
    private var current: UnsafeBufferPointer<String>
    /// Bit `id` set when id (below 64, as ids mostly are) has its name in ``strings``. Ids of 64
    /// and above are looked at in the names themselves: interned names are never empty (labels
    /// are declared, sources are `id@version`, attribute keys are checked), and one that were
    /// would only be read again each time.
    private var known: UInt64

    init(kind: InternTable.Kind, names: NameSnapshot) {
        self.kind = kind
        shared = names
        current = names.strings
        known = names.known
    }

    /// The names by id ("" for an id not read), valid until a later call adds a name.
    var strings: UnsafeBufferPointer<String> { current }

    @inline(__always)
    private func has(_ index: Int) -> Bool {
        index < 64 ? known & (1 << UInt64(index)) != 0 : index < current.count && !current[index].isEmpty
    }

    /// Makes sure id's name is in ``strings`` (which may move them all; see
    /// ``LentStrings/set(_:_:)``).
    mutating func resolve(_ id: UInt32, _ ctx: ReadContext) throws {
        let index = Int(id)
        if has(index) { return }
        let name = try ctx.name(kind, id)
        let names = own ?? LentStrings(Array(shared.strings))
        names.set(index, name)
        own = names
        current = names.strings
        if index < 64 { known |= 1 << UInt64(index) }
    }

    /// The address of id's name, valid until a later call adds a name.
    @inline(__always)
    mutating func name(_ id: UInt32, _ ctx: ReadContext) throws -> UnsafePointer<String> {
        let index = Int(id)
        if !has(index) { try resolve(id, ctx) }
        precondition(index < current.count, "a lent name past the end")
        return UnsafePointer(current.baseAddress.unsafelyUnwrapped + index)
    }
}

/// Shell-style glob matching for document names (`*`, `?`, `[...]`).
enum Glob {
    static func isPattern(_ s: String) -> Bool {
        func special(_ byte: UInt8) -> Bool { byte == 0x2A || byte == 0x3F || byte == 0x5B }
        // Native strings are contiguous: a plain loop over their bytes.
        return s.utf8.withContiguousStorageIfAvailable { $0.contains(where: special) } ?? s.utf8.contains(where: special)
    }

    static func matches(_ pattern: String, _ name: String) -> Bool {
        fnmatch(pattern, name, 0) == 0
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
