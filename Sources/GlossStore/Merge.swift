import CSupport
import Foundation
import GlossKit
import LMDB
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

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
    /// The merge is built in a sibling directory, `.NAME.merging-PID` (a compacted copy of the
    /// destination plus the shards), and swapped into place in one atomic rename: the destination
    /// is either fully merged or untouched, even if the process dies half-way. The copy is removed
    /// when the merge fails, by ``MergeStaging/abandonAll()`` when the process is interrupted,
    /// and — left by a process that was killed — by the next merge into the same destination.
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

        MergeStaging.removeLeftovers(beside: destinationURL)
        let staging = MergeStaging.path(for: destinationURL, process: getpid())
        let stagingLock = try MergeStaging.begin(staging, destination: destination)
        defer { MergeStaging.end(staging, lock: stagingLock) }
        var summary = MergeSummary()
        do {
            // Neither step creates the copy's folder: once it is removed, they fail.
            if let existingStore {
                try existingStore.copy(intoDirectory: staging)
            }
            var options = Options()
            options.durable = false  // synced once at the end, before the swap
            let merged = try MergeStaging.createStore(in: staging, options: options)
            for shard in shards { try merged.absorb(shard, prefer: prefer, summary: &summary) }
            try merged.environment.sync()
        } catch {
            MergeStaging.waitForExitIfAbandoned()
            try? fm.removeItem(atPath: staging)
            throw error
        }
        // Swap the finished store into place.
        if existing {
            let failure = MergeStaging.finish { gloss_rename_exchange(staging, destination) == 0 ? 0 : errno }
            guard failure == 0 else {
                let reason = String(cString: strerror(failure))
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
                let failure = MergeStaging.finish { rename(staging, destination) == 0 ? 0 : errno }
                guard failure == 0 else { throw POSIXError(POSIXErrorCode(rawValue: failure) ?? .EIO) }
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

/// The working copies of the merges this process is building (see ``GlossStore/merge(into:from:prefer:lockWait:)``),
/// so that a process being interrupted can remove them before it exits.
///
/// A host installs its own signal handling (the library installs none) and, when a signal
/// arrives, calls ``abandonAll()`` before exiting. Each copy is a directory `.NAME.merging-PID`
/// beside the destination, locked (`flock`) by its merge: the kernel releases the lock when the
/// process dies, so the next merge into the destination can tell a copy left by a killed merge,
/// which it removes, from one a live merge is building.
public enum MergeStaging {
    private struct Registry: ~Copyable {
        var copies: Set<String> = []
        var abandoned = false
    }

    private static let registry = Mutex(Registry())

    /// Removes the working copy of every merge this process is building and returns their
    /// paths, sorted.
    ///
    /// Call it only when the process is about to exit: from then on no merge starts or swaps
    /// its copy into place, and a thread that would waits until the process exits instead.
    @discardableResult
    public static func abandonAll() -> [String] {
        let copies = registry.withLock { registry in
            registry.abandoned = true
            return registry.copies.sorted()
        }
        for copy in copies { try? FileManager.default.removeItem(atPath: copy) }
        return copies
    }

    /// The working copy of a merge into `destination` by the process `pid`.
    static func path(for destination: URL, process pid: pid_t) -> String {
        destination.deletingLastPathComponent().appendingPathComponent(prefix(for: destination) + String(pid)).path
    }

    private static func prefix(for destination: URL) -> String {
        ".\(destination.lastPathComponent).merging-"
    }

    /// Removes the working copies beside `destination` that merges killed before they could
    /// remove them left behind: every `.NAME.merging-PID` directory that no process holds locked
    /// and that holds only a store's files (a folder of the user's that happens to have such a
    /// name is left alone).
    static func removeLeftovers(beside destination: URL) {
        let fm = FileManager.default
        let folder = destination.deletingLastPathComponent().path
        let prefix = prefix(for: destination)
        for name in (try? fm.contentsOfDirectory(atPath: folder)) ?? [] where name.hasPrefix(prefix) {
            let pid = name.dropFirst(prefix.count)
            guard !pid.isEmpty, pid.allSatisfy({ $0.isASCII && $0.isNumber }) else { continue }
            let copy = (folder as NSString).appendingPathComponent(name)
            let descriptor = open(copy, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard descriptor >= 0 else { continue }
            defer { close(descriptor) }
            // Locked: a live merge is building it.
            guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else { continue }
            guard GlossStore.foreignFiles(in: copy).isEmpty else { continue }
            try? fm.removeItem(atPath: copy)
        }
    }

    /// Creates the working copy's directory, empty (and the folders it goes in), locks it for as
    /// long as the returned descriptor is open, and records it for ``abandonAll()``.
    static func begin(_ copy: String, destination: String) throws -> Int32 {
        // A failure here is reported by mkdir below.
        try? FileManager.default.createDirectory(atPath: (copy as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let started: Result<Int32, StoreError>? = registry.withLock { registry in
            guard !registry.abandoned else { return nil }
            guard mkdir(copy, 0o755) == 0 else {
                let reason = String(cString: strerror(errno))
                return .failure(.cannotMerge(destination: destination, reason: "cannot create the folder \(copy) to build the merge in (\(reason)); nothing was merged"))
            }
            let descriptor = open(copy, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard descriptor >= 0, flock(descriptor, LOCK_EX) == 0 else {
                let reason = String(cString: strerror(errno))
                if descriptor >= 0 { close(descriptor) }
                rmdir(copy)
                return .failure(.cannotMerge(destination: destination, reason: "cannot lock the folder \(copy) to build the merge in (\(reason)); nothing was merged"))
            }
            registry.copies.insert(copy)
            return .success(descriptor)
        }
        guard let started else { waitForExit() }
        return try started.get()
    }

    /// Opens (creating) the store in the working copy's folder — unless the merges were
    /// abandoned: then waits until the process exits. Never while ``abandonAll()`` removes the
    /// folder, which the store would create anew.
    static func createStore(in copy: String, options: GlossStore.Options) throws -> GlossStore {
        let opened: Result<GlossStore, any Error>? = registry.withLock { registry in
            registry.abandoned ? nil : Result { try GlossStore(path: copy, options: options) }
        }
        guard let opened else { waitForExit() }
        return try opened.get()
    }

    /// Runs `swap`, which moves a finished copy into place and returns 0 or an errno value, and
    /// returns its result — unless the merges were abandoned: then waits until the process exits.
    static func finish(_ swap: () -> Int32) -> Int32 {
        let result: Int32? = registry.withLock { registry in
            registry.abandoned ? nil : swap()
        }
        guard let result else { waitForExit() }
        return result
    }

    /// Waits until the process exits if the merges were abandoned: a merge that failed because
    /// ``abandonAll()`` removed its copy has nothing to report.
    static func waitForExitIfAbandoned() {
        if registry.withLock({ $0.abandoned }) { waitForExit() }
    }

    /// Forgets the working copy (moved into place or removed) and releases its lock.
    static func end(_ copy: String, lock descriptor: Int32) {
        _ = registry.withLock { $0.copies.remove(copy) }
        close(descriptor)
    }

    /// Never returns: the process is about to exit (``abandonAll()`` was called).
    private static func waitForExit() -> Never {
        while true { sleep(60) }
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
