import Foundation
import GlossKit
import LMDB

/// The result of ``GlossStore/check()``.
public struct CheckReport: Sendable {
    /// Every inconsistency found, one sentence each; empty for a sound store.
    public var problems: [String] = []
    /// Documents checked.
    public var documents = 0
    /// Spans checked.
    public var spans = 0
    /// Index entries checked.
    public var indexEntries = 0

    /// True when nothing is wrong.
    public var isSound: Bool { problems.isEmpty }
}

extension GlossStore {
    /// Verifies the whole store in one read transaction (a consistent snapshot, so it can run
    /// while another process writes): every index entry matches a span and every span has its
    /// index entries; spans lie within their documents; stored texts match their hashes and
    /// lengths; names, counters, extraction states and id sequences agree. Reports at most
    /// `limit` problems.
    public func check(limit: Int = 100) throws -> CheckReport {
        try read { ctx in
            var checker = StoreChecker(ctx: ctx, limit: limit)
            return try checker.run()
        }
    }
}

private struct StoreChecker {
    let ctx: ReadContext
    let limit: Int
    var report = CheckReport()
    var schema: Schema { ctx.schema }

    init(ctx: ReadContext, limit: Int) {
        self.ctx = ctx
        self.limit = limit
    }

    mutating func problem(_ text: String) {
        if report.problems.count < limit { report.problems.append(text) }
    }

    mutating func run() throws -> CheckReport {
        var lengths: [UInt32: Int] = [:]
        var maxDocument: UInt32 = 0
        var textChunks = 0
        // Documents: record, text, hash, name.
        try ctx.txn.scan(schema.docs) { key, value in
            report.documents += 1
            let id = ByteReader.u32(key, at: 0)
            maxDocument = max(maxDocument, id)
            let record: DocumentRecord
            do { record = try DocumentRecord.decode(value) } catch {
                problem("document \(id): its record cannot be read (\(error))")
                return true
            }
            lengths[id] = record.codePoints
            var text: [UInt8] = []
            var chunkSizesAgree = true
            var codePoints = 0
            let chunks: Int
            do {
                chunks = try ctx.forEachTextChunk(of: id) { chunk in
                    // Every chunk but the last holds exactly TextChunks.codePoints code points.
                    if codePoints % TextChunks.codePoints != 0 { chunkSizesAgree = false }
                    codePoints += chunk.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
                    text.append(contentsOf: chunk)
                }
            } catch {
                problem("document \(record.name.debugDescription): \(error)")
                return true
            }
            guard chunks > 0 else {
                problem("document \(record.name.debugDescription) has no text")
                return true
            }
            textChunks += chunks
            if !chunkSizesAgree { problem("document \(record.name.debugDescription): its text chunks do not hold \(TextChunks.codePoints) code points each") }
            if text.withUnsafeBytes(ContentHash.of) != record.hash { problem("document \(record.name.debugDescription): its text does not match its hash") }
            if text.count != record.utf8Count { problem("document \(record.name.debugDescription): \(text.count) bytes of text, record says \(record.utf8Count)") }
            if codePoints != record.codePoints { problem("document \(record.name.debugDescription): \(codePoints) code points, record says \(record.codePoints)") }
            if try ctx.documentID(record.name) != id { problem("document \(record.name.debugDescription): the name index does not point to it") }
            return true
        }
        let names = try ctx.txn.count(schema.docNames)
        if names != report.documents { problem("\(names) document names for \(report.documents) documents") }
        let texts = try ctx.txn.count(schema.texts)
        if texts != textChunks { problem("\(texts) text chunks, of which \(textChunks) belong to documents") }

        // Spans: bounds, decodability, text locations, and their two or three index entries.
        var labelCounts: [UInt32: Int] = [:]
        var sourceCounts: [UInt32: Int] = [:]
        var perDocumentSource: [[UInt8]: Int] = [:]
        var maxSpan: UInt64 = 0
        var valued = 0
        // A record's text location is checked by walking the stored text to the span.
        try ctx.txn.withCursor(schema.texts) { texts in
            var slicer = TextSlicer(texts: texts)
            var slicing: UInt32?
            try ctx.txn.scan(schema.spans) { key, value in
                report.spans += 1
                guard key.count == SpanKey.size, let spanKey = try? SpanKey(suffixOf: key) else {
                    problem("a span key has \(key.count) bytes instead of \(SpanKey.size)")
                    return true
                }
                maxSpan = max(maxSpan, spanKey.id)
                guard let length = lengths[spanKey.document] else {
                    problem("span \(spanKey.id) belongs to missing document \(spanKey.document)")
                    return true
                }
                if spanKey.start >= spanKey.end || Int(spanKey.end) > length {
                    problem("span \(spanKey.id) at \(spanKey.start)..<\(spanKey.end) does not fit its document (\(length) code points)")
                }
                let record: SpanRecord
                do { record = try SpanRecord.decode(value) } catch {
                    problem("span \(spanKey.id): its record cannot be read (\(error))")
                    return true
                }
                if let location = record.text, spanKey.start < spanKey.end, Int(spanKey.end) <= length {
                    if slicing != spanKey.document {
                        slicer.reset(document: spanKey.document)
                        slicing = spanKey.document
                    }
                    if (try? slicer.locate(Int(spanKey.start), Int(spanKey.end))) != location {
                        problem("span \(spanKey.id): its record places its text at byte \(location.offset) of its chunk (\(location.length) bytes), which is not where code points \(spanKey.start)..<\(spanKey.end) lie")
                    }
                }
                labelCounts[record.label, default: 0] += 1
                sourceCounts[record.source, default: 0] += 1
                perDocumentSource[IndexKey.prefix(spanKey.document, document: record.source), default: 0] += 1
                if try !ctx.contains(schema.byLabel, IndexKey.byLabel(record.label, spanKey)) { problem("span \(spanKey.id) is missing from the label index") }
                if let v = record.value {
                    valued += 1
                    if try !ctx.containsValueEntry(IndexKey.byValue(record.label, v, spanKey)) { problem("span \(spanKey.id) is missing from the value index") }
                }
                _ = try ctx.name(.label, record.label)
                _ = try ctx.name(.source, record.source)
                return true
            }
        }
        // Index entries must all point at spans (the counts then prove a one-to-one match).
        for (db, expected, name) in [(schema.byLabel, report.spans, "label"), (schema.byValue, valued, "value")] {
            var entries = 0
            func visit(_ value: UnsafeRawBufferPointer) throws {
                entries += 1
                report.indexEntries += 1
                // Both indexes: the value is the span key.
                let spanKey = value.count == SpanKey.size ? try? SpanKey(suffixOf: value) : nil
                guard let spanKey, try ctx.txn.get(schema.spans, key: spanKey.bytes) != nil else {
                    problem("the \(name) index has an entry for a span that does not exist")
                    return
                }
            }
            try ctx.txn.scan(db) { _, value in
                try visit(value)
                return true
            }
            if db == schema.byValue {
                // Entries of the value log not merged into the index yet count as the index's.
                try ValueLog.scan(in: ctx.txn, schema: schema, from: UnsafeRawBufferPointer(start: nil, count: 0), while: { _ in true }) { _, spanKey in
                    try visit(spanKey)
                }
            }
            if entries != expected { problem("the \(name) index has \(entries) entries for \(expected) spans") }
        }
        // Counters.
        for (kind, counts) in [(InternTable.Kind.label, labelCounts), (.source, sourceCounts)] {
            for (id, name) in try ctx.store.dictionary.all(kind, in: ctx.txn, schema: schema).map({ ($0.id, $0.name) }) {
                let stored = try ctx.counter(kind, id)
                let actual = counts[id] ?? 0
                if stored != actual { problem("the counter of \(name) says \(stored) spans, the store holds \(actual)") }
            }
        }
        // Extraction states: their span counts match the spans of their source.
        try ctx.txn.scan(schema.docState) { key, value in
            guard key.count == 8, let state = try? ExtractionState.decode(value) else {
                problem("an extraction state cannot be read")
                return true
            }
            let document = ByteReader.u32(key, at: 0)
            if lengths[document] == nil { problem("an extraction state refers to missing document \(document)") }
            let actual = perDocumentSource[IndexKey.prefix(document, document: state.source)] ?? 0
            if actual != Int(state.spanCount) {
                problem("document \(document): source \(try ctx.name(.source, state.source)) should have \(state.spanCount) spans, has \(actual)")
            }
            return true
        }
        // Id sequences are ahead of every id in use.
        if report.spans > 0, try ctx.metaCounter(MetaKey.nextSpan) <= maxSpan { problem("the next span id is not above the largest span id") }
        if report.documents > 0, try ctx.metaCounter(MetaKey.nextDocument) <= UInt64(maxDocument) { problem("the next document id is not above the largest document id") }
        return report
    }
}

extension GlossStore {
    /// Writes a consistent, compacted copy of the store into `destination` (a directory that
    /// must not exist yet, or be empty). Readers and writers may keep working meanwhile: the
    /// copy is the snapshot of one read transaction.
    public func backup(to destination: String) throws {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: destination, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw StoreError.cannotBackUp(destination: destination, reason: "it is a file; give a new or empty directory")
            }
            guard (try? fm.contentsOfDirectory(atPath: destination).isEmpty) == true else {
                throw StoreError.cannotBackUp(destination: destination, reason: "the directory already exists and is not empty; give a new or empty directory")
            }
        } else {
            do { try fm.createDirectory(atPath: destination, withIntermediateDirectories: true) } catch {
                throw StoreError.cannotBackUp(destination: destination, reason: "cannot create the directory (\(Self.reason(error)))")
            }
        }
        try copy(intoDirectory: destination)
    }

    /// Writes a consistent, compacted copy of the store into the existing empty directory
    /// `destination`, which it never creates.
    func copy(intoDirectory destination: String) throws {
        do {
            try environment.copy(to: destination, compact: true)
        } catch let error as LMDBError {
            try? FileManager.default.removeItem(atPath: destination + "/data.mdb")
            throw StoreError.lmdb(error)
        }
    }
}
