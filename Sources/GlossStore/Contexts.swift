import Foundation
import GlossKit
import LMDB

/// What both transaction contexts share: the transaction, the store, and lookups.
protocol StoreContext {
    var txn: Transaction { get }
    var store: GlossStore { get }
}

extension StoreContext {
    var schema: Schema { store.schema }

    func documentID(_ name: String) throws -> UInt32? {
        guard !name.isEmpty, name.utf8.count <= 500 else { return nil }
        var name = name
        return try name.withUTF8 { try txn.get(schema.docNames, key: UnsafeRawBufferPointer($0)) }.map { ByteReader.u32($0, at: 0) }
    }

    func documentRecord(_ id: UInt32) throws -> DocumentRecord? {
        try txn.get(schema.docs, key: IndexKey.prefix(id)).map { try DocumentRecord.decode($0) }
    }

    /// Calls `body` with each span one source wrote on one document, in document order
    /// (a scan of the document's spans: there is no index by source).
    func forEachSpan(document: UInt32, source: UInt32, _ body: (SpanKey, SpanRecordView) throws -> Void) throws {
        try txn.scan(schema.spans, prefix: IndexKey.prefix(document)) { key, value in
            let record = try SpanRecordView(value)
            if record.source == source { try body(try SpanKey(suffixOf: key), record) }
            return true
        }
    }

    /// Calls `body` with the key of each span of `label` in `document`, in document order, from
    /// the label index (seeking to the document among the label's span keys), for as long as
    /// `body` returns true.
    func forEachIndexedSpan(label: UInt32, document: UInt32, _ body: (SpanKey) throws -> Bool) throws {
        try MergedSpanKeys.run(txn: txn, byLabel: schema.byLabel, label: label, document: document, body)
    }

    /// True when the index holds this entry (an ``IndexKey`` key and value).
    func contains(_ db: Database, _ entry: (key: [UInt8], value: [UInt8])) throws -> Bool {
        try entry.key.withUnsafeBytes { key in
            try entry.value.withUnsafeBytes { try txn.contains(db, key: key, value: $0) }
        }
    }

    func extractionState(document: UInt32, extractor: UInt32) throws -> ExtractionState? {
        try txn.get(schema.docState, key: ExtractionState.key(document: document, extractor: extractor))
            .map { try ExtractionState.decode($0) }
    }

    func name(_ kind: InternTable.Kind, _ id: UInt32) throws -> String {
        try store.dictionary.name(kind, id, in: txn, schema: schema)
    }

    func lookup(_ kind: InternTable.Kind, _ name: String) throws -> UInt32? {
        try store.dictionary.id(kind, name, in: txn, schema: schema)
    }

    func counter(_ kind: InternTable.Kind, _ id: UInt32) throws -> Int {
        guard let value = try CounterKey.withKey(kind, id, { try txn.get(schema.counters, key: $0) }), value.count == 8 else { return 0 }
        return Int(Int64(bitPattern: ByteReader.u64(value, at: 0)))
    }

    func metaCounter(_ key: [UInt8]) throws -> UInt64 {
        guard let value = try txn.get(schema.meta, key: key), value.count == 8 else { return 0 }
        return ByteReader.u64(value, at: 0)
    }
}

/// A counter in memory: spans per label or per source.
struct CounterID: Hashable {
    let kind: InternTable.Kind
    let id: UInt32
}

/// Keys of the `counters` database: `kind byte · id u32` for spans per label and per source.
/// (Spans per value are the duplicate counts of the value index.)
enum CounterKey {
    /// Schema 2 also kept spans per value here, under `V · label u32 · ValueKey`; the upgrade
    /// to schema 3 deletes them.
    static let schema2ValueTag: UInt8 = 0x56  // "V"

    /// The counter key of an id: `kind u8 · id u32`.
    static func make(_ kind: InternTable.Kind, _ id: UInt32) -> [UInt8] {
        withKey(kind, id) { Array($0) }
    }

    /// Lends the key of `make` from the stack (a query reads counters without allocating).
    static func withKey<R>(_ kind: InternTable.Kind, _ id: UInt32, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        var scratch: UInt64 = 0
        return try withUnsafeMutableBytes(of: &scratch) { bytes in
            bytes[0] = kind.rawValue
            bytes.storeBytes(of: id.bigEndian, toByteOffset: 1, as: UInt32.self)
            return try body(UnsafeRawBufferPointer(rebasing: bytes[0..<5]))
        }
    }
}

/// A read transaction of a store.
struct ReadContext: StoreContext {
    let txn: Transaction
    let store: GlossStore
}

/// A write transaction of a store: allocates ids, maintains the indexes and counters.
final class WriteContext: StoreContext {
    let txn: Transaction
    let store: GlossStore
    private(set) var pendingInterns: [InternTable.Key: UInt32] = [:]
    /// The last names interned or looked up by ``intern(_:_:)`` (up to eight), with their ids.
    private var recentInterns: [(kind: InternTable.Kind, name: String, id: UInt32)] = []
    private var counterDeltas: [CounterID: Int64] = [:]
    /// What every span written changes (see ``SpanWrites``).
    private var spanWrites: SpanWrites
    private var nextDocument: UInt64
    private var nextRun: UInt64
    private var nextInternIDs: [InternTable.Kind: UInt32] = [:]
    /// Ids of the label and attribute names interned or looked up in this transaction.
    private var labelIDs: [String: UInt32] = [:]
    private var attributeIDs: [String: UInt32] = [:]
    /// Names the drafts encoded here resolved, for the next drafts of the transaction.
    private var encoder = SpanEncoder()
    /// Whether to drop the store's pages read through the map from the resident set while the
    /// index entries are put (every 512 of them): inserts spread over a large index (a value
    /// log merge, or a batch written while one is under way) read a page each, and the kernel
    /// maps the cached pages around each one. Set by the annotator and by merges; the annotator
    /// does the same between documents and after commits.
    var releasesMappedPages = false
    /// Whether the value index entries of the spans written go to the value log as an
    /// annotation batch's run, merged into the index later (see ``ValueLog``). Set by the
    /// annotator once the index is large; otherwise ``ValueLog/appendSmallRun(_:in:)`` decides
    /// between the log and the index.
    var appendsBatchRuns = false

    init(txn: Transaction, store: GlossStore) throws {
        self.txn = txn
        self.store = store
        let meta = store.schema.meta
        func counter(_ key: [UInt8]) throws -> UInt64 {
            guard let value = try txn.get(meta, key: key), value.count == 8 else { return 1 }
            return ByteReader.u64(value, at: 0)
        }
        spanWrites = SpanWrites(schema: store.schema, nextSpan: try counter(MetaKey.nextSpan))
        nextDocument = try counter(MetaKey.nextDocument)
        nextRun = try counter(MetaKey.nextRun)
    }

    /// Writes pending index entries, counters and id sequences; called once before commit.
    func finish() throws {
        try flushIndexes()
        for (key, value) in [(MetaKey.nextSpan, spanWrites.nextSpan), (MetaKey.nextDocument, nextDocument), (MetaKey.nextRun, nextRun)] {
            var w = ByteWriter(capacity: 8)
            w.u64(value)
            try txn.put(schema.meta, key: key, value: w.bytes)
        }
        for (kind, next) in nextInternIDs {
            var w = ByteWriter(capacity: 4)
            w.u32(next)
            try txn.put(schema.meta, key: InternTable.nextKey(kind), value: w.bytes)
        }
        for (id, added) in spanWrites.labelsAdded.enumerated() where added != 0 { adjust(.label, UInt32(id), by: added) }
        spanWrites.labelsAdded.removeAll()
        let keys = counterDeltas.map { (CounterKey.make($0.key.kind, $0.key.id), $0.value) }
        for (key, delta) in keys where delta != 0 {
            let current = try txn.get(schema.counters, key: key).map { Int64(bitPattern: ByteReader.u64($0, at: 0)) } ?? 0
            let updated = current + delta
            if updated == 0 {
                try txn.delete(schema.counters, key: key)
            } else {
                var w = ByteWriter(capacity: 8)
                w.u64(UInt64(bitPattern: updated))
                try txn.put(schema.counters, key: key, value: w.bytes)
            }
        }
    }

    // MARK: Ids

    /// The id of `name`, interning it when new.
    func intern(_ kind: InternTable.Kind, _ name: String) throws -> UInt32 {
        // The few names every document repeats (extractors, sources), compared before hashing.
        for recent in recentInterns where recent.kind == kind && recent.name == name { return recent.id }
        let id = try internLookingUp(kind, name)
        if recentInterns.count < 8 { recentInterns.append((kind, name, id)) }
        return id
    }

    private func internLookingUp(_ kind: InternTable.Kind, _ name: String) throws -> UInt32 {
        let key = InternTable.Key(kind: kind, name: name)
        if let id = pendingInterns[key] { return id }
        if let id = try lookup(kind, name) { return id }
        let id: UInt32
        if let next = nextInternIDs[kind] {
            id = next
        } else {
            id = try txn.get(schema.meta, key: InternTable.nextKey(kind)).map { ByteReader.u32($0, at: 0) } ?? 1
        }
        nextInternIDs[kind] = id + 1
        var w = ByteWriter(capacity: 4)
        w.u32(id)
        try txn.put(schema.dict, key: InternTable.forwardKey(kind, name), value: w.bytes)
        try txn.put(schema.dict, key: InternTable.reverseKey(kind, id), value: Array(name.utf8))
        pendingInterns[key] = id
        return id
    }

    func makeRunID() -> UInt64 {
        defer { nextRun += 1 }
        return nextRun
    }

    private func adjust(_ kind: InternTable.Kind, _ id: UInt32, by delta: Int64) {
        counterDeltas[CounterID(kind: kind, id: id), default: 0] += delta
    }

    // MARK: Documents

    /// Adds or replaces a document; see ``GlossStore/addDocument(name:text:metadata:)``.
    func putDocument(name: String, text: String, hash: UInt64, metadata: [String: String]) throws -> (id: UInt32, change: DocumentChange) {
        guard !name.isEmpty else { throw StoreError.invalidDocumentName("the name is empty") }
        guard name.utf8.count <= 500 else { throw StoreError.invalidDocumentName("\(name.prefix(60))… is longer than 500 bytes") }
        let existing = try documentID(name)
        if let id = existing, let record = try documentRecord(id), record.hash == hash,
           try self.text(of: id) == text {
            return (id, .unchanged)
        }
        let id: UInt32
        if let existing {
            id = existing
            try deleteAllSpans(document: id)
        } else {
            guard nextDocument < UInt64(UInt32.max) else { throw StoreError.invalidDocumentName("the store holds the maximum number of documents") }
            id = UInt32(nextDocument)
            nextDocument += 1
            var w = ByteWriter(capacity: 4)
            w.u32(id)
            try txn.put(schema.docNames, key: Array(name.utf8), value: w.bytes)
        }
        let metadataJSON = metadata.isEmpty ? "{}" : (try? JSONSerialization.data(withJSONObject: metadata, options: [.sortedKeys]))
            .map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        let codePoints = try putText(text, document: id, replacing: existing != nil)
        let record = DocumentRecord(name: name, hash: hash, codePoints: codePoints, utf8Count: text.utf8.count,
                                    added: Int64(Date().timeIntervalSince1970), metadataJSON: metadataJSON)
        try txn.put(schema.docs, key: IndexKey.prefix(id), value: record.encode())
        return (id, existing == nil ? .added : .replaced)
    }

    /// Removes a document, its text, spans and extraction states.
    func removeDocument(name: String) throws -> Bool {
        guard let id = try documentID(name) else { return false }
        try deleteAllSpans(document: id)
        try txn.delete(schema.docNames, key: Array(name.utf8))
        try txn.delete(schema.docs, key: IndexKey.prefix(id))
        try deleteText(document: id)
        return true
    }

    // MARK: Spans

    /// Deletes every span of a document and forgets which extractors ran on it.
    func deleteAllSpans(document: UInt32) throws {
        var keys: [SpanKey] = []
        try txn.scan(schema.spans, prefix: IndexKey.prefix(document)) { key, _ in
            keys.append(try SpanKey(suffixOf: key))
            return true
        }
        try deleteSpans(keys)
        var states: [[UInt8]] = []
        try txn.scan(schema.docState, prefix: IndexKey.prefix(document)) { key, _ in
            states.append(Array(key))
            return true
        }
        for key in states { try txn.delete(schema.docState, key: key) }
    }

    /// Deletes the spans one source wrote on one document.
    func deleteSpans(document: UInt32, source: UInt32) throws {
        var keys: [SpanKey] = []
        try forEachSpan(document: document, source: source) { key, _ in keys.append(key) }
        try deleteSpans(keys)
    }

    /// Puts the index entries of the spans written so far (see ``PendingIndexEntries``); done
    /// before index entries are deleted, so that every entry to delete is in its index.
    private func flushIndexes() throws {
        let release: (() -> Void)? = releasesMappedPages ? { [store] in store.environment.releaseMappedPages() } : nil
        try spanWrites.labelEntries.flush(in: txn, every: release)
        if appendsBatchRuns {
            try ValueLog.appendRun(&spanWrites.valueEntries, batch: true, in: txn, schema: schema)
            return
        }
        if try ValueLog.appendSmallRun(&spanWrites.valueEntries, in: self) { return }
        try spanWrites.valueEntries.flush(in: txn, every: release)
    }

    private func deleteSpans(_ keys: [SpanKey]) throws {
        guard !keys.isEmpty else { return }
        try flushIndexes()
        for key in keys {
            let primary = key.bytes
            guard let buffer = try txn.get(schema.spans, key: primary) else { continue }
            let record = try SpanRecord.decode(buffer)
            try txn.delete(schema.spans, key: primary)
            try delete(schema.byLabel, IndexKey.byLabel(record.label, key))
            if let value = record.value {
                let entry = IndexKey.byValue(record.label, value, key)
                if try !delete(schema.byValue, entry) {
                    _ = try entry.key.withUnsafeBytes { key in
                        try entry.value.withUnsafeBytes { try ValueLog.delete(key: key, spanKey: $0, in: txn, schema: schema) }
                    }
                }
            }
            adjust(.label, record.label, by: -1)
            adjust(.source, record.source, by: -1)
        }
    }

    /// Deletes one index entry (an ``IndexKey`` key and value); false when it was not there.
    @discardableResult
    private func delete(_ db: Database, _ entry: (key: [UInt8], value: [UInt8])) throws -> Bool {
        try entry.key.withUnsafeBytes { key in
            try entry.value.withUnsafeBytes { try txn.delete(db, key: key, value: $0) }
        }
    }

    /// Writes one span through `cursor` (on the spans database): its record now; its label
    /// index entry (key label, value the span key) and, when it has a value, its value index
    /// entry (key `valueKey`, that is label · value, and value the span key) when the indexes
    /// are flushed; counts it.
    private func putSpan(_ spanKey: SpanKey, label: UInt32, record: UnsafeRawBufferPointer, valueKey: UnsafeRawBufferPointer,
                         into writes: inout SpanWrites, cursor: Cursor) throws {
        try spanKey.withBytes { key in
            // The spans of a new document, in order, sort after every stored one: appended
            // (see Cursor.append: through one cursor, each append starts from the last page)
            // until one does not.
            if writes.spansOutOfOrder != spanKey.document, try !cursor.append(key: key, value: record) {
                writes.spansOutOfOrder = spanKey.document
            }
            if writes.spansOutOfOrder == spanKey.document { try txn.put(schema.spans, key: key, value: record) }
            IndexKey.withKey(label) { writes.labelEntries.append(key: $0, value: key) }
            if !valueKey.isEmpty { writes.valueEntries.append(key: valueKey, value: key) }
        }
        writes.countLabel(label)
    }

    /// Adds the index entries of a span already stored — its label entry and, with `values`,
    /// its value entry — to be put in key order with the transaction's others (a schema
    /// upgrade rebuilding the indexes).
    func reindex(_ spanKey: SpanKey, record: SpanRecordView, values: Bool) {
        withSpanWrites { writes in
            spanKey.withBytes { key in
                IndexKey.withKey(record.label) { writes.labelEntries.append(key: $0, value: key) }
                if values, let stored = record.value {
                    IndexKey.byValue(record.label, stored.value, spanKey).key.withUnsafeBytes {
                        writes.valueEntries.append(key: $0, value: key)
                    }
                }
            }
        }
    }

    /// Makes room for the index entries of `count` spans about to be written (a label entry
    /// each: a label id and a span key; a value entry at most: the same with a value key, some
    /// 16 bytes), so that the transaction's lists of pending entries do not grow step by step.
    func reserveIndexEntries(forSpans count: Int) {
        withSpanWrites { writes in
            writes.labelEntries.reserveCapacity(count, bytesEach: 4 + SpanKey.size)
            writes.valueEntries.reserveCapacity(count, bytesEach: 4 + 16 + SpanKey.size)
        }
    }

    /// Runs `body` with the span-writing state taken out of the context (and put back after,
    /// also when `body` throws): a local is changed without the run-time exclusivity checks
    /// that every change of a class's stored property costs.
    private func withSpanWrites<R>(_ body: (inout SpanWrites) throws -> R) rethrows -> R {
        var writes = SpanWrites(schema: schema, nextSpan: 0)
        swap(&writes, &spanWrites)
        defer { swap(&writes, &spanWrites) }
        return try body(&writes)
    }

    /// Writes sets of encoded spans (see ``EncodedSpans``) as spans of `document`: only their
    /// keys, which hold the document and span ids, are made here. Span ids are given set after
    /// set, span after span, as if each set were written in turn; the spans are put in key
    /// order, so that all of a new document's spans are appended (see `Cursor.append`),
    /// however the sets interleave.
    private func insertEncoded(_ sets: [EncodedSpans], document: UInt32) throws {
        try withSpanWrites { writes in try txn.withCursor(schema.spans) { cursor in
            if sets.allSatisfy(\.isInKeyOrder) {
                // Sets each in key order (the usual case: one per extractor, or an import's
                // one): merged, the smallest head first and, among equal heads, the earlier
                // set's (whose ids, given set after set, are the lower), as the sort below
                // would order them.
                var firstIDs: [UInt64] = []
                firstIDs.reserveCapacity(sets.count)
                for set in sets {
                    firstIDs.append(writes.nextSpan)
                    writes.nextSpan += UInt64(set.spans.count)
                }
                var next = [Int](repeating: 0, count: sets.count)
                while true {
                    var chosen = -1
                    var start: UInt32 = 0
                    var end: UInt32 = 0
                    for index in sets.indices where next[index] < sets[index].spans.count {
                        let head = sets[index].spans[next[index]]
                        if chosen < 0 || head.start < start || (head.start == start && head.end > end) {
                            (chosen, start, end) = (index, head.start, head.end)
                        }
                    }
                    guard chosen >= 0 else { break }
                    let position = next[chosen]
                    next[chosen] += 1
                    let spanKey = SpanKey(document: document, start: start, end: end, id: firstIDs[chosen] + UInt64(position))
                    try sets[chosen].bytes.withUnsafeBytes {
                        try putSpan(spanKey, sets[chosen].spans[position], in: $0, into: &writes, cursor: cursor)
                    }
                }
            } else {
                var order: [(span: EncodedSpans.Span, id: UInt64, set: Int)] = []
                order.reserveCapacity(sets.reduce(0) { $0 + $1.spans.count })
                for (setIndex, set) in sets.enumerated() {
                    for span in set.spans {
                        order.append((span, writes.nextSpan, setIndex))
                        writes.nextSpan += 1
                    }
                }
                // Key order: start, then end descending, then id (see SpanKey).
                order.sort { ($0.span.start, $1.span.end, $0.id) < ($1.span.start, $0.span.end, $1.id) }
                for (span, id, set) in order {
                    let spanKey = SpanKey(document: document, start: span.start, end: span.end, id: id)
                    try sets[set].bytes.withUnsafeBytes { try putSpan(spanKey, span, in: $0, into: &writes, cursor: cursor) }
                }
            }
        } }
        for set in sets { adjust(.source, set.source, by: Int64(set.spans.count)) }
    }

    /// ``putSpan(_:label:record:valueKey:into:cursor:)`` for an encoded span whose record and
    /// value key lie in `bytes`.
    private func putSpan(_ spanKey: SpanKey, _ span: EncodedSpans.Span, in bytes: UnsafeRawBufferPointer,
                         into writes: inout SpanWrites, cursor: Cursor) throws {
        let record = UnsafeRawBufferPointer(rebasing: bytes[span.recordStart ..< span.recordEnd])
        let valueKey = UnsafeRawBufferPointer(rebasing: bytes[span.recordEnd ..< span.valueKeyEnd])
        try putSpan(spanKey, label: span.label, record: record, valueKey: valueKey, into: &writes, cursor: cursor)
    }

    /// Encodes drafts of `source` on `document` with ids interned here, each span's text
    /// located in the document's text as this transaction holds it. Label and attribute ids are
    /// remembered for the whole transaction (interning is idempotent, so the ids are the ones
    /// `intern` gives, in the same order).
    private func encode(_ drafts: [SpanDraft], source: UInt32, document: UInt32) throws -> EncodedSpans {
        try txn.withCursor(schema.texts) { texts in
            var slicer = TextSlicer(texts: texts)
            slicer.reset(document: document)
            return try EncodedSpans(drafts, source: source, encoder: &encoder, locate: { try slicer.locate($0, $1) }) { kind, name in
                switch kind {
                case .label: try labelID(name)
                case .attribute: try attributeID(name)
                default: try intern(kind, name)
                }
            }
        }
    }

    /// The id of a label name, interning it when new; remembered for the transaction.
    private func labelID(_ name: String) throws -> UInt32 {
        if let id = labelIDs[name] { return id }
        let id = try intern(.label, name)
        labelIDs[name] = id
        return id
    }

    /// The id of an attribute name, interning it when new; remembered for the transaction.
    private func attributeID(_ name: String) throws -> UInt32 {
        if let id = attributeIDs[name] { return id }
        let id = try intern(.attribute, name)
        attributeIDs[name] = id
        return id
    }

    /// Replaces what extractor `extractorID` (now at `source`) wrote on `document` with
    /// `drafts`, and remembers the text hash so that an unchanged document is skipped next time.
    func replaceExtraction(document: UInt32, extractorID: String, source: String, textHash: UInt64, drafts: [SpanDraft]) throws -> Int {
        let write = ExtractionWrite(extractorID: extractorID, source: source, spans: .drafts(drafts))
        return try replaceExtractions(document: document, textHash: textHash, [write])[0]
    }

    /// Replaces what each extractor of `writes` wrote on `document` (see
    /// ``replaceExtraction(document:extractorID:source:textHash:drafts:)``), all in one:
    /// the spans of every extractor are put together, in key order. Returns the span counts,
    /// in the order of `writes`. `isNew` says the document was added by this transaction, so
    /// that no earlier extraction of it is looked for.
    func replaceExtractions(document: UInt32, textHash: UInt64, _ writes: [ExtractionWrite], isNew: Bool = false) throws -> [Int] {
        var sets: [(extractor: UInt32, spans: EncodedSpans)] = []
        for write in writes {
            let extractor = try intern(.extractor, write.extractorID)
            let sourceID = try intern(.source, write.source)
            if !isNew, let previous = try extractionState(document: document, extractor: extractor) {
                try deleteSpans(document: document, source: previous.source)
            }
            switch write.spans {
            case .encoded(let encoded):
                // Encoded with the ids the store had committed, which never change.
                guard encoded.source == sourceID else {
                    throw StoreError.pipeline("internal error: the spans of \(write.source) were encoded for another source id")
                }
                sets.append((extractor, encoded))
            case .drafts(let drafts):
                sets.append((extractor, try encode(drafts, source: sourceID, document: document)))
            }
        }
        try insertEncoded(sets.map { $0.spans }, document: document)
        for set in sets {
            let state = ExtractionState(source: set.spans.source, textHash: textHash, spanCount: UInt32(clamping: set.spans.spans.count))
            try txn.put(schema.docState, key: ExtractionState.key(document: document, extractor: set.extractor), value: state.encode())
        }
        return sets.map { $0.spans.spans.count }
    }

    // MARK: Runs

    func putRun(_ run: RunRecord) throws {
        var w = ByteWriter(capacity: 8)
        w.u64(run.id)
        let data = try JSONEncoder().encode(run)
        try txn.put(schema.runs, key: w.bytes, value: Array(data))
    }
}

/// One extractor's spans on one document, for
/// ``WriteContext/replaceExtractions(document:textHash:_:)``.
struct ExtractionWrite {
    let extractorID: String
    let source: String
    let spans: ExtractionSpans
}

/// An extractor's spans on one document as they reach the writer: encoded ahead of the write
/// transaction (see ``EncodedSpans``), or as drafts, which the writer encodes, when that could
/// not be done (a name the store has not interned yet).
enum ExtractionSpans: Sendable {
    case encoded(EncodedSpans)
    case drafts([SpanDraft])
}

/// What every span a transaction writes changes: the next span id, the index entries waiting
/// for ``WriteContext`` to put them, the spans counted per label, and the document whose
/// records can no longer be appended.
struct SpanWrites {
    var nextSpan: UInt64
    /// A document whose span keys do not all sort after the store's last one (an append
    /// failed: another source's spans came first); its further spans are put in place.
    var spansOutOfOrder: UInt32?
    /// Spans added per label id, folded into the counters at commit.
    var labelsAdded: [Int64] = []
    /// Label and value index entries of the spans written, put in key order when flushed.
    var labelEntries: PendingIndexEntries
    var valueEntries: PendingIndexEntries

    init(schema: Schema, nextSpan: UInt64) {
        self.nextSpan = nextSpan
        labelEntries = PendingIndexEntries(schema.byLabel)
        valueEntries = PendingIndexEntries(schema.byValue)
    }

    /// One more span of `label` (counted in an array by id: no hashing per span).
    mutating func countLabel(_ label: UInt32) {
        let index = Int(label)
        if index >= labelsAdded.count { labelsAdded.append(contentsOf: repeatElement(0, count: index + 1 - labelsAdded.count)) }
        labelsAdded[index] += 1
    }
}
