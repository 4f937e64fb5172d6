import Dispatch
import Foundation
import GlossKit
import LMDB
import Synchronization

/// A document to annotate: its name, text and metadata.
public struct AnnotationInput: Sendable {
    /// The document's name in the store (a path, or the `id` of a JSON line).
    public var name: String
    /// The text, stored exactly as given.
    public var text: String
    /// Metadata stored with the document and passed to extractors.
    public var metadata: [String: String]

    /// Creates an input.
    public init(name: String, text: String, metadata: [String: String] = [:]) {
        self.name = name
        self.text = text
        self.metadata = metadata
    }
}

/// What one call of ``Annotator/annotate(_:onEvent:)`` did.
public struct AnnotationSummary: Sendable {
    /// Documents new to the store.
    public var added = 0
    /// Documents whose text changed (old spans dropped).
    public var replaced = 0
    /// Documents whose text was already stored.
    public var unchanged = 0
    /// Extractor runs on documents (one per extractor per document that needed it).
    public var extractions = 0
    /// Extractor runs skipped because text and extractor version were unchanged.
    public var skipped = 0
    /// Spans written, per label.
    public var spansByLabel: [String: Int] = [:]
    /// Extractor failures; nothing was written for these extractor/document pairs.
    public var failures: [StoreError] = []
    /// UTF-8 bytes of text read.
    public var bytes = 0
    /// Documents read.
    public var documents: Int { added + replaced + unchanged }

    /// Counts spans by label (runs of one label are counted together: no hashing per span).
    mutating func count(_ drafts: [SpanDraft]) {
        var start = drafts.startIndex
        while start < drafts.endIndex {
            let label = drafts[start].label
            var end = start + 1
            while end < drafts.endIndex && drafts[end].label == label { end += 1 }
            spansByLabel[label, default: 0] += end - start
            start = end
        }
    }
}

/// Something worth telling the user while annotating.
public enum AnnotationEvent: Sendable {
    /// A document's text changed: its old spans were dropped.
    case replaced(document: String)
    /// An extractor failed on a document; nothing was written for that pair.
    case failed(StoreError)
    /// A batch was committed: documents and bytes done so far.
    case committed(documents: Int, bytes: Int)
}

/// Runs extractors over documents and stores their spans: extraction in parallel over the
/// documents of a batch, then one write transaction per batch.
///
/// Re-running is incremental and idempotent: a document whose text is unchanged is not
/// re-added, an extractor whose version is unchanged is not re-run on it, and a re-run replaces
/// the extractor's earlier spans on that document in the same transaction — never duplicates.
/// A crash loses at most the batch being written; every committed batch is complete.
public struct Annotator: Sendable {
    /// The store written to.
    public let store: GlossStore
    /// The extractors run, in order.
    public let extractors: [any Extractor]
    /// The default of ``batchDocuments``: annotating 1 GB of generated news with it takes 71–72 s
    /// on two cores and peaks at about 200 MB resident (Benchmarks/README.md).
    public static let defaultBatchDocuments = 512
    /// Most documents per write transaction. Larger batches commit (and fsync) less often, but
    /// hold more texts, spans and LMDB dirty pages in memory until they commit.
    public var batchDocuments = Annotator.defaultBatchDocuments
    /// Most UTF-8 bytes of text per write transaction.
    public var batchBytes = 16 << 20
    /// Threads used for extraction.
    public var parallelism = ProcessInfo.processInfo.activeProcessorCount
    /// Whether the value log that batches write their value index entries to is merged into the
    /// index at the end (see ``ValueLog``; a merge an interrupted run left unfinished is always
    /// finished first). Tests turn it off to see a store as an interrupted run leaves it.
    var mergesValueLog = true
    /// How many entries the store's value log (value index entries of earlier batches, not yet
    /// merged into the index) holds before it is merged between two batches; `nil`: merged only
    /// at the end. Default 2M.
    public var valueLogMergeThreshold: Int? = ValueLog.mergeThreshold
    /// How many value log entries a merge moves per transaction. Default 64k.
    public var valueLogMergeStep = ValueLog.mergeBatch

    /// Creates an annotator. Extractor ids must be unique.
    public init(store: GlossStore, extractors: [any Extractor]) {
        self.store = store
        self.extractors = extractors
    }

    /// Annotates `inputs`, adding or replacing the documents, and reports events on the calling
    /// thread as batches commit. Throws before writing anything when the extractors' dependencies
    /// cannot be met (a needed label nobody produces, or a cycle).
    ///
    /// Batches are pipelined: while one batch is written (one transaction, on a background
    /// thread), the next is read and extracted. Commits stay in input order, one at a time.
    public func annotate<S: Sequence>(_ inputs: S, onEvent: (AnnotationEvent) -> Void = { _ in }) throws -> AnnotationSummary
    where S.Element == AnnotationInput {
        let pipeline = try Pipeline(extractors)
        var summary = AnnotationSummary()
        let started = Date().timeIntervalSince1970
        // A merge of the value log that an interrupted run left unfinished is finished first:
        // until it is, batches could not use the log.
        if try ValueLog.isMerging(store) { try ValueLog.merge(store, entriesPerTransaction: valueLogMergeStep) }
        let writer = BatchWriter(store: store, extractors: extractors, started: started,
                                 valueLogMerge: valueLogMergeThreshold.map { ($0, valueLogMergeStep) })
        var batch: [AnnotationInput] = []
        var batchSize = 0
        func flush() throws {
            guard !batch.isEmpty else { return }
            let prepared = try prepare(batch, pipeline: pipeline)
            // Wait for the previous batch's commit, report it, then hand this one over.
            try writer.wait().forEach { try absorb($0, into: &summary, onEvent: onEvent) }
            writer.commit(prepared)
            batch.removeAll(keepingCapacity: true)
            batchSize = 0
        }
        do {
            for input in inputs {
                batch.append(input)
                batchSize += input.text.utf8.count
                if batch.count >= batchDocuments || batchSize >= batchBytes { try flush() }
            }
            try flush()
            try writer.wait().forEach { try absorb($0, into: &summary, onEvent: onEvent) }
            if mergesValueLog, try !ValueLog.isEmpty(store) { try ValueLog.merge(store, entriesPerTransaction: valueLogMergeStep) }
        } catch {
            _ = try? writer.wait()  // never leave a write running behind the caller's back
            throw error
        }
        if writer.runs.allSatisfy({ $0 == nil }) && !extractors.isEmpty && summary.documents > 0 {
            // Every extraction was skipped: still record that the extractors were run.
            try store.write { ctx in
                for extractor in extractors {
                    try ctx.putRun(RunRecord(id: ctx.makeRunID(), extractor: extractor.id, version: extractor.version, started: started,
                                             finished: Date().timeIntervalSince1970, documents: 0, spans: 0, failures: 0))
                }
            }
        }
        return summary
    }

    private func absorb(_ committed: BatchWriter.Committed, into summary: inout AnnotationSummary, onEvent: (AnnotationEvent) -> Void) throws {
        let batch = committed.summary
        summary.added += batch.added
        summary.replaced += batch.replaced
        summary.unchanged += batch.unchanged
        summary.skipped += batch.skipped
        summary.extractions += batch.extractions
        summary.failures += batch.failures
        summary.bytes += batch.bytes
        for (label, count) in batch.spansByLabel { summary.spansByLabel[label, default: 0] += count }
        for event in committed.events { onEvent(event) }
        onEvent(.committed(documents: summary.documents, bytes: summary.bytes))
    }

    /// Annotates documents already in the store (all of them when `names` is empty).
    public func annotateStoredDocuments(_ names: [String] = [], onEvent: (AnnotationEvent) -> Void = { _ in }) throws -> AnnotationSummary {
        let documents = try store.documents()
        let wanted = names.isEmpty ? documents : try names.map { name in
            guard let summary = documents.first(where: { $0.name == name }) else { throw StoreError.unknownDocument(name) }
            return summary
        }
        let inputs = try wanted.map { AnnotationInput(name: $0.name, text: try store.text(ofDocument: $0.name), metadata: $0.metadata) }
        return try annotate(inputs, onEvent: onEvent)
    }

    // MARK: One batch

    /// Reads what the store knows about a batch, runs the extractors that must run, and encodes
    /// their spans for the writer (both in parallel over the documents).
    private func prepare(_ batch: [AnnotationInput], pipeline: Pipeline) throws -> PreparedBatch {
        var plans = try plans(for: batch, pipeline: pipeline)
        let outcomes = BatchExtraction(extractors: extractors, pipeline: pipeline, parallelism: parallelism, store: store)
            .run(batch, needed: plans.map(\.needed))
        for i in plans.indices { plans[i].outcomes = outcomes[i] }
        let encoded = encode(outcomes)
        for i in plans.indices { plans[i].encoded = encoded[i] }
        return PreparedBatch(inputs: batch, plans: plans)
    }

    /// What to do for each input of a batch (see ``plan(for:pipeline:ctx:)``), worked out in
    /// parallel, a chunk of the batch at a time under one read transaction.
    private func plans(for batch: [AnnotationInput], pipeline: Pipeline) throws -> [Plan] {
        let chunks = chunks(of: batch.count)
        guard chunks.count > 1 else { return try store.read { ctx in try batch.map { try plan(for: $0, pipeline: pipeline, ctx: ctx) } } }
        let slots = Mutex([Result<[Plan], any Error>](repeating: .failure(StoreError.pipeline("internal error: a part of the batch was not planned")),
                                                      count: chunks.count))
        DispatchQueue.concurrentPerform(iterations: chunks.count) { chunk in
            let inputs = batch[chunks[chunk]]
            let result = Result { try store.read { ctx in try inputs.map { try plan(for: $0, pipeline: pipeline, ctx: ctx) } } }
            slots.withLock { $0[chunk] = result }
        }
        return try slots.withLock { $0 }.flatMap { try $0.get() }
    }

    /// `count` documents of a batch cut into a few chunks per extraction thread (one chunk on
    /// one thread), for work done a chunk at a time under one read transaction.
    private func chunks(of count: Int) -> [Range<Int>] {
        let chunkCount = min(count, parallelism <= 1 ? 1 : parallelism * 4)
        return (0 ..< chunkCount).map { count * $0 / chunkCount ..< count * ($0 + 1) / chunkCount }
    }

    /// The spans of every successful extraction encoded ahead of the write (see
    /// ``EncodedSpans``), per document and extractor index; in parallel over the documents.
    /// An extraction left out (a name not interned yet, or a read error) is encoded by the writer.
    private func encode(_ outcomes: [[Int: Result<[SpanDraft], StoreError>]]) -> [[Int: EncodedSpans]] {
        let store = self.store
        let extractors = self.extractors
        let slots = Mutex([[Int: EncodedSpans]](repeating: [:], count: outcomes.count))
        // A chunk of documents at a time, under one read transaction with one encoder, which
        // resolves each name once for the chunk.
        let chunks = chunks(of: outcomes.count)
        let work: @Sendable (Int) -> Void = { chunk in
            let documents = chunks[chunk]
            var encoded = [[Int: EncodedSpans]](repeating: [:], count: documents.count)
            var encoder = SpanEncoder()
            _ = try? store.read { ctx in
                func id(_ kind: InternTable.Kind, _ name: String) throws -> UInt32 {
                    guard let id = try ctx.lookup(kind, name) else { throw NotInterned() }
                    return id
                }
                for (k, i) in documents.enumerated() {
                    for (index, outcome) in outcomes[i] {
                        guard case .success(let drafts) = outcome, !drafts.isEmpty else { continue }
                        do {
                            encoded[k][index] = try EncodedSpans(drafts, source: try id(.source, extractors[index].source),
                                                                 encoder: &encoder, id: id)
                        } catch is NotInterned {
                            continue
                        }
                    }
                }
            }
            slots.withLock { slots in
                for (k, i) in documents.enumerated() { slots[i] = encoded[k] }
            }
        }
        if chunks.count <= 1 {
            for chunk in chunks.indices { work(chunk) }
        } else {
            DispatchQueue.concurrentPerform(iterations: chunks.count, execute: work)
        }
        return slots.withLock { $0 }
    }

    /// A name the store has not interned yet: the writer encodes the spans that use it.
    private struct NotInterned: Error {}

    /// Decides which extractors must run on an input: all of them on a new or changed text;
    /// otherwise those whose version changed since their last run here, and every extractor
    /// that depends on one that runs.
    private func plan(for input: AnnotationInput, pipeline: Pipeline, ctx: ReadContext) throws -> Plan {
        let hash = ContentHash.of(input.text)
        var needed = [Bool](repeating: true, count: extractors.count)
        guard let id = try ctx.documentID(input.name), let record = try ctx.documentRecord(id),
              record.hash == hash, try ctx.text(of: id) == input.text else { return Plan(hash: hash, needed: needed) }
        for index in pipeline.order {
            let extractor = extractors[index]
            if pipeline.producers(of: index).contains(where: { needed[$0] }) { continue }
            if let extractorID = try ctx.lookup(.extractor, extractor.id),
               let sourceID = try ctx.lookup(.source, extractor.source),
               let state = try ctx.extractionState(document: id, extractor: extractorID),
               state.source == sourceID, state.textHash == hash {
                needed[index] = false
            }
        }
        return Plan(hash: hash, needed: needed)
    }
}

/// What to do for one input of a batch.
struct Plan: Sendable {
    var hash: UInt64
    /// Which extractors must run (by index into `extractors`).
    var needed: [Bool]
    /// Results of the extractors that ran.
    var outcomes: [Int: Result<[SpanDraft], StoreError>] = [:]
    /// The spans of `outcomes`, encoded for the writer where that could be done ahead.
    var encoded: [Int: EncodedSpans] = [:]
}

/// A batch whose extraction is done, ready to be written.
struct PreparedBatch: Sendable {
    let inputs: [AnnotationInput]
    let plans: [Plan]
}

/// Writes prepared batches one at a time on a background queue, so that the next batch can be
/// extracted meanwhile. `wait()` returns the outcome of the batch in flight (or rethrows its error).
final class BatchWriter: Sendable {
    struct Committed: Sendable {
        let summary: AnnotationSummary
        let events: [AnnotationEvent]
    }

    private let store: GlossStore
    private let extractors: [any Extractor]
    private let started: Double
    /// When the value log is merged between batches (entries in the log) and how many entries
    /// each merge transaction moves; `nil`: not between batches.
    private let valueLogMerge: (threshold: Int, step: Int)?
    private let queue = DispatchQueue(label: "gloss.annotate.writer")
    private let state = Mutex<(runs: [RunRecord?], result: Result<Committed, any Error>?)>(([], nil))
    private let group = DispatchGroup()
    /// How often the writer lets go of the store pages it has read, in documents.
    private static let documentsPerRelease = 16

    init(store: GlossStore, extractors: [any Extractor], started: Double, valueLogMerge: (threshold: Int, step: Int)?) {
        self.store = store
        self.extractors = extractors
        self.started = started
        self.valueLogMerge = valueLogMerge
        state.withLock { $0.runs = Array(repeating: nil, count: extractors.count) }
    }

    /// The run records so far (one per extractor that ran).
    var runs: [RunRecord?] { state.withLock { $0.runs } }

    /// Starts writing `batch` in the background.
    func commit(_ batch: PreparedBatch) {
        group.enter()
        queue.async { [self] in
            defer { group.leave() }
            let runs = state.withLock { $0.runs }
            do {
                let (committed, updated) = try write(batch, runs: runs)
                state.withLock { $0.runs = updated; $0.result = .success(committed) }
            } catch {
                state.withLock { $0.result = .failure(error) }
            }
        }
    }

    /// Waits for the batch in flight; returns its outcome (none when nothing was in flight).
    func wait() throws -> [Committed] {
        group.wait()
        let result = state.withLock { state -> Result<Committed, any Error>? in
            defer { state.result = nil }
            return state.result
        }
        switch result {
        case nil: return []
        case .success(let committed)?: return [committed]
        case .failure(let error)?: throw error
        }
    }

    private func write(_ batch: PreparedBatch, runs: [RunRecord?]) throws -> (Committed, [RunRecord?]) {
        var summary = AnnotationSummary()
        var updatedRuns = runs
        var events: [AnnotationEvent] = []
        try store.write { ctx in
            ctx.releasesMappedPages = true
            ctx.defersValueIndex = true
            summary = AnnotationSummary()
            updatedRuns = runs
            events = []
            for (n, (input, plan)) in zip(batch.inputs, batch.plans).enumerated() {
                // Lookups and inserts spread over a large store (document names, replaced
                // documents' spans) read a page of the map each, and the kernel maps the cached
                // pages around every page read (64 KB): let go of them as the transaction goes
                // (safe mid-transaction: see releaseMappedPages).
                if n > 0 && n % Self.documentsPerRelease == 0 { store.environment.releaseMappedPages() }
                let (id, change) = try ctx.putDocument(name: input.name, text: input.text, hash: plan.hash, metadata: input.metadata)
                switch change {
                case .added: summary.added += 1
                case .replaced: summary.replaced += 1; events.append(.replaced(document: input.name))
                case .unchanged: summary.unchanged += 1
                }
                summary.skipped += plan.needed.filter { !$0 }.count
                // The spans of every extractor that succeeded go in together (in key order).
                var writes: [ExtractionWrite] = []
                var written: [Int] = []
                for index in extractors.indices {
                    guard case .success(let drafts)? = plan.outcomes[index] else { continue }
                    let extractor = extractors[index]
                    writes.append(ExtractionWrite(extractorID: extractor.id, source: extractor.source, drafts: drafts,
                                                  encoded: plan.encoded[index]))
                    written.append(index)
                }
                let counts = Dictionary(uniqueKeysWithValues: zip(written, try ctx.replaceExtractions(document: id, textHash: plan.hash, writes)))
                for index in extractors.indices {
                    guard let outcome = plan.outcomes[index] else { continue }
                    let extractor = extractors[index]
                    var run = updatedRuns[index] ?? RunRecord(id: ctx.makeRunID(), extractor: extractor.id, version: extractor.version,
                                                              started: started, finished: started, documents: 0, spans: 0, failures: 0)
                    switch outcome {
                    case .success(let drafts):
                        summary.extractions += 1
                        summary.count(drafts)
                        run.documents += 1
                        run.spans += counts[index] ?? 0
                    case .failure(let error):
                        summary.failures.append(error)
                        events.append(.failed(error))
                        run.failures += 1
                    }
                    run.finished = Date().timeIntervalSince1970
                    updatedRuns[index] = run
                }
            }
            for run in updatedRuns.compactMap({ $0 }) { try ctx.putRun(run) }
        }
        // The pages this commit read through the map (the B-tree paths of every insert) would
        // otherwise stay resident, and resident memory would grow with the store.
        store.environment.releaseMappedPages()
        if let (threshold, step) = valueLogMerge, try store.read({ try ValueLog.needsMerge(in: $0.txn, schema: $0.schema, threshold: threshold) }) {
            try ValueLog.merge(store, entriesPerTransaction: step)
        }
        summary.bytes = batch.inputs.reduce(0) { $0 + $1.text.utf8.count }
        return (Committed(summary: summary, events: events), updatedRuns)
    }
}

