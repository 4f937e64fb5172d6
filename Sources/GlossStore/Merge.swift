import CSupport
import Foundation
import GlossKit
import LMDB

/// What to do when the same document name has different texts in two stores being merged.
public enum MergePreference: String, Sendable, CaseIterable {
    /// Stop: nothing is merged, and the error names the document.
    case error
    /// Keep the text (and spans) seen first — the destination's, then the sources' in order.
    case first
    /// Take the text (and spans) seen last.
    case last
}

/// What a merge did.
public struct MergeSummary: Sendable {
    /// Documents new to the destination.
    public var added = 0
    /// Documents already there with the same text (spans merged).
    public var same = 0
    /// Documents whose text differed and were kept (`first`) or replaced (`last`).
    public var conflicts = 0
    /// Spans copied.
    public var spans = 0
    /// Run records copied.
    public var runs = 0
    /// Plugin registrations copied.
    public var plugins = 0
}

extension GlossStore {
    /// Merges shard stores into `destination` (created when missing): documents, spans, runs
    /// and plugin registrations. The same document with the same text in several shards is kept
    /// once, its spans combined (for the same extractor, the later shard's replace the earlier's);
    /// with different texts it is an error naming it unless `prefer` says which wins.
    ///
    /// The merge is built in a sibling directory (a compacted copy of the destination plus the
    /// shards) and swapped into place in one atomic rename: the destination is either fully
    /// merged or untouched, even if the process dies half-way.
    @discardableResult
    public static func merge(into destination: String, from sources: [String], prefer: MergePreference = .error,
                             lockWait: Double = 0) throws -> MergeSummary {
        let fm = FileManager.default
        guard !destination.isEmpty else { throw StoreError.emptyPath }
        let destinationURL = URL(fileURLWithPath: destination).standardizedFileURL
        for source in sources where URL(fileURLWithPath: source).standardizedFileURL == destinationURL {
            throw StoreError.cannotMerge(destination: destination, reason: "\(source) is also given as a store to merge from, and a store "
                                         + "cannot be merged into itself; name it only as the destination")
        }
        // Check the destination before the work of merging, not when swapping the result in.
        var isDirectory: ObjCBool = false
        let destinationExists = fm.fileExists(atPath: destination, isDirectory: &isDirectory)
        if destinationExists && !isDirectory.boolValue {
            throw StoreError.cannotMerge(destination: destination, reason: "it is a file, and the destination must be a store directory "
                                         + "(an existing store, or a new or empty directory); nothing was merged")
        }
        if destinationExists && !fm.fileExists(atPath: destination + "/data.mdb") {
            let foreign = foreignFiles(in: destination)
            if !foreign.isEmpty { throw StoreError.cannotMerge(destination: destination, reason: occupied(by: foreign) + "; nothing was merged") }
        }
        var readOnly = Options()
        readOnly.create = false
        let shards = try sources.map { try GlossStore(path: $0, options: readOnly) }
        let existing = fm.fileExists(atPath: destination + "/data.mdb")
        let existingStore = existing ? try GlossStore(path: destination, options: readOnly) : nil
        let lock = try existingStore?.lockForWriting(waitingUpTo: lockWait)
        defer { withExtendedLifetime(lock) {} }

        let staging = destinationURL.deletingLastPathComponent()
            .appendingPathComponent(".\(destinationURL.lastPathComponent).merging-\(getpid())").path
        try? fm.removeItem(atPath: staging)
        var summary = MergeSummary()
        do {
            if let existingStore {
                try existingStore.backup(to: staging)
            }
            var options = Options()
            options.durable = false  // synced once at the end, before the swap
            let merged = try GlossStore(path: staging, options: options)
            for shard in shards { try merged.absorb(shard, prefer: prefer, summary: &summary) }
            try merged.environment.sync()
        } catch {
            try? fm.removeItem(atPath: staging)
            throw error
        }
        // Swap the finished store into place.
        if existing {
            guard gloss_rename_exchange(staging, destination) == 0 else {
                let reason = String(cString: strerror(errno))
                try? fm.removeItem(atPath: staging)
                throw StoreError.cannotMerge(destination: destination, reason: "cannot swap the merged store into place (\(reason)); nothing was changed")
            }
            try? fm.removeItem(atPath: staging)  // now the old destination
        } else {
            do {
                try fm.createDirectory(at: destinationURL.deletingLastPathComponent(), withIntermediateDirectories: true)
                // An empty destination directory (or one left with only a failed store's lock
                // files) is replaced: rename(2) replaces an empty directory in one step.
                for leftover in (try? fm.contentsOfDirectory(atPath: destination)) ?? [] where storeFiles.contains(leftover) {
                    try fm.removeItem(atPath: destination + "/" + leftover)
                }
                guard rename(staging, destination) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            } catch {
                try? fm.removeItem(atPath: staging)
                throw StoreError.cannotMerge(destination: destination, reason: "cannot move the merged store into place (\(Self.reason(error))); nothing was changed")
            }
        }
        return summary
    }

    /// Copies every document, span, run and plugin registration of `shard` into this store,
    /// a batch of documents per transaction.
    private func absorb(_ shard: GlossStore, prefer: MergePreference, summary: inout MergeSummary) throws {
        struct Extraction { let extractor: String; let source: String; let drafts: [SpanDraft] }
        struct Entry { let name: String; let text: String; let hash: UInt64; let metadata: [String: String]; let extractions: [Extraction] }
        var ids: [UInt32] = []
        try shard.read { ctx in
            try ctx.txn.scan(shard.schema.docs) { key, _ in
                ids.append(ByteReader.u32(key, at: 0))
                return true
            }
        }
        for chunk in stride(from: 0, to: ids.count, by: 256).map({ Array(ids[$0..<min($0 + 256, ids.count)]) }) {
            let entries: [Entry] = try shard.read { ctx in
                try chunk.compactMap { id in
                    guard let record = try ctx.documentRecord(id) else { return nil }
                    var extractions: [Extraction] = []
                    var states: [(UInt32, ExtractionState)] = []
                    try ctx.txn.scan(shard.schema.docState, prefix: IndexKey.prefix(id)) { key, value in
                        states.append((ByteReader.u32(key, at: 4), try ExtractionState.decode(value)))
                        return true
                    }
                    for (extractor, state) in states {
                        let source = try ctx.name(.source, state.source)
                        extractions.append(Extraction(extractor: try ctx.name(.extractor, extractor), source: source,
                                                      drafts: try ctx.drafts(document: id, source: state.source)))
                    }
                    return Entry(name: record.name, text: try ctx.text(of: id), hash: record.hash,
                                 metadata: ReadContext.decodeMetadata(record.metadataJSON), extractions: extractions)
                }
            }
            var batch = MergeSummary()
            try write { ctx in
                batch = MergeSummary()
                for entry in entries {
                    if let id = try ctx.documentID(entry.name), let record = try ctx.documentRecord(id),
                       try record.hash != entry.hash || ctx.text(of: id) != entry.text {
                        switch prefer {
                        case .error: throw StoreError.mergeConflict(document: entry.name, store: shard.path)
                        case .first:
                            batch.conflicts += 1
                            continue
                        case .last:
                            batch.conflicts += 1
                        }
                    }
                    let (id, change) = try ctx.putDocument(name: entry.name, text: entry.text, hash: entry.hash, metadata: entry.metadata)
                    switch change {
                    case .added: batch.added += 1
                    case .unchanged: batch.same += 1
                    case .replaced: break
                    }
                    for extraction in entry.extractions {
                        batch.spans += try ctx.replaceExtraction(document: id, extractorID: extraction.extractor, source: extraction.source,
                                                                 textHash: entry.hash, drafts: extraction.drafts)
                    }
                }
            }
            summary.added += batch.added
            summary.same += batch.same
            summary.conflicts += batch.conflicts
            summary.spans += batch.spans
        }
        // Runs (renumbered) and plugin registrations (the first one registered under an id wins).
        let runs = try shard.runs()
        let plugins = try shard.registeredPlugins()
        let known = Set(try registeredPlugins().map(\.id))
        try write { ctx in
            for var run in runs {
                run.id = ctx.makeRunID()
                try ctx.putRun(run)
            }
            for (id, data) in plugins where !known.contains(id) {
                try ctx.txn.put(schema.plugins, key: Array(id.utf8), value: Array(data))
            }
        }
        summary.runs += runs.count
        summary.plugins += plugins.filter { !known.contains($0.id) }.count
    }
}

extension ReadContext {
    /// Every span one source wrote on one document, as drafts.
    func drafts(document: UInt32, source: UInt32) throws -> [SpanDraft] {
        var drafts: [SpanDraft] = []
        try forEachSpan(document: document, source: source) { spanKey, record in
            drafts.append(try draft(spanKey, record))
        }
        return drafts
    }

    /// A stored span as a draft (names resolved, values copied).
    func draft(_ spanKey: SpanKey, _ record: SpanRecordView) throws -> SpanDraft {
        var attributes: [String: String] = [:]
        try record.forEachAttribute { id, value in
            attributes[try name(.attribute, id)] = String(decoding: value, as: UTF8.self)
            return true
        }
        return SpanDraft(start: Int(spanKey.start), end: Int(spanKey.end), label: try name(.label, record.label),
                         value: record.value?.value, confidence: record.confidence, attributes: attributes)
    }
}
