import Dispatch
import Foundation
import GlossKit
import Synchronization

/// Writes prepared batches one at a time, in the order given, on a background queue, so that
/// extraction goes on meanwhile. While the writer writes, at most ``maximumQueuedBatches``
/// batches wait for it: a batch is written soon after it was prepared, while its drafts are
/// still in the processor's caches, and the run does not end with the writer alone working
/// through a long queue. Each batch's transaction also moves a merge of the value log on by one
/// step (see ``ValueLog``); only when the current log fills before the merge of the other has
/// ended does the writer stop to finish that merge, and extraction then fills the queue up to
/// `maximumQueuedBytes` of text instead of stopping, and the writer catches up afterwards.
///
/// After a batch fails, the batches queued behind it are dropped unwritten (a run's commits
/// stay in input order); the error is thrown once the batches committed before it have been
/// taken.
final class BatchWriter: Sendable {
    struct Committed: Sendable {
        let summary: AnnotationSummary
        let events: [AnnotationEvent]
    }

    private struct State: Sendable {
        /// The run records so far (one per extractor that ran).
        var runs: [RunRecord?]
        /// Batches committed and not taken yet, in order.
        var committed: [Committed] = []
        /// The first failure; nothing is written after it.
        var error: (any Error)?
        /// UTF-8 bytes of text in the batches handed over and not written yet.
        var queuedBytes = 0
        var queuedBatches = 0
        /// True while the writer finishes a merge of the value log.
        var merging = false
    }

    /// Most batches handed over and not written yet (the one being written included) while the
    /// writer is not merging the value log.
    static let maximumQueuedBatches = 2

    private let store: GlossStore
    private let extractors: [any Extractor]
    /// Each extractor's source (`id@version`), made once.
    private let sources: [String]
    private let started: Double
    /// When the value log is merged between batches (entries in the log) and how many entries
    /// each merge transaction moves; `nil`: not between batches.
    private let valueLogMerge: (threshold: Int, step: Int)?
    /// Below this many value index entries, batches write their value entries as any other
    /// transaction does (see ``ValueLog/appendSmallRun(_:in:)``) rather than to the log as
    /// annotation batches (see ``ValueLog/directWritesBelow``).
    private let directValueWritesBelow: Int
    /// Most bytes of text waiting for the writer; a batch bigger than that alone still goes.
    private let maximumQueuedBytes: Int
    private let queue = DispatchQueue(label: "gloss.annotate.writer")
    private let state: Mutex<State>
    /// Signalled each time a batch leaves the queue (signals left from batches that nobody
    /// waited for only make ``commit(_:)`` look at the queue once more).
    private let dequeued = DispatchSemaphore(value: 0)
    private let group = DispatchGroup()
    /// How often the writer lets go of the store pages it has read, in documents.
    private static let documentsPerRelease = 64

    init(store: GlossStore, extractors: [any Extractor], started: Double, valueLogMerge: (threshold: Int, step: Int)?,
         directValueWritesBelow: Int, maximumQueuedBytes: Int) {
        self.store = store
        self.extractors = extractors
        sources = extractors.map(\.source)
        self.started = started
        self.valueLogMerge = valueLogMerge
        self.directValueWritesBelow = directValueWritesBelow
        self.maximumQueuedBytes = maximumQueuedBytes
        state = Mutex(State(runs: Array(repeating: nil, count: extractors.count)))
    }

    /// The run records so far (one per extractor that ran).
    var runs: [RunRecord?] { state.withLock { $0.runs } }

    /// Queues `batch` for writing, first waiting while the queue is full: it holds
    /// ``maximumQueuedBatches`` batches, or, while the writer merges the value log,
    /// `maximumQueuedBytes` of text.
    func commit(_ batch: PreparedBatch) {
        let bytes = batch.bytes
        let limit = maximumQueuedBytes
        while state.withLock({ state in
            state.queuedBatches > 0 && (state.merging ? state.queuedBytes + bytes > limit
                                                      : state.queuedBatches >= Self.maximumQueuedBatches)
        }) {
            dequeued.wait()
        }
        state.withLock {
            $0.queuedBytes += bytes
            $0.queuedBatches += 1
        }
        group.enter()
        queue.async { [self] in
            defer { group.leave() }
            let (runs, failed) = state.withLock { ($0.runs, $0.error != nil) }
            if !failed {
                do {
                    let (committed, updated) = try write(batch, runs: runs)
                    state.withLock { $0.runs = updated; $0.committed.append(committed) }
                } catch {
                    state.withLock { $0.error = error }
                }
            }
            state.withLock {
                $0.queuedBytes -= bytes
                $0.queuedBatches -= 1
            }
            dequeued.signal()
        }
    }

    /// The batches committed since the last call, in order; throws the writer's error once
    /// every batch committed before it has been taken.
    func takeCommitted() throws -> [Committed] {
        try state.withLock { state in
            if state.committed.isEmpty, let error = state.error { throw error }
            defer { state.committed.removeAll() }
            return state.committed
        }
    }

    /// Waits until every batch handed over is written (or dropped after a failure).
    func waitUntilWritten() {
        group.wait()
    }

    private func write(_ batch: PreparedBatch, runs: [RunRecord?]) throws -> (Committed, [RunRecord?]) {
        var summary = AnnotationSummary()
        var updatedRuns = runs
        var events: [AnnotationEvent] = []
        var finishesMerge = false
        try store.write { ctx in
            ctx.releasesMappedPages = true
            ctx.appendsBatchRuns = try ctx.txn.count(ctx.schema.byValue) >= directValueWritesBelow
            summary = AnnotationSummary()
            summary.spansByLabel = batch.spansByLabel
            ctx.reserveIndexEntries(forSpans: batch.spansByLabel.values.reduce(0, +))
            finishesMerge = false
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
                for needed in plan.needed where !needed { summary.skipped += 1 }
                // The spans of every extractor that succeeded go in together (in key order).
                var writes: [ExtractionWrite] = []
                for index in plan.results.indices {
                    guard case .success(let spans)? = plan.results[index] else { continue }
                    writes.append(ExtractionWrite(extractorID: extractors[index].id, source: sources[index], spans: spans))
                }
                // A document added by this transaction has no spans to replace.
                let counts = try ctx.replaceExtractions(document: id, textHash: plan.hash, writes, isNew: change == .added)
                var written = 0  // the successful extractions so far: their span counts are in `counts`, in order
                for index in plan.results.indices {
                    guard let result = plan.results[index] else { continue }
                    let extractor = extractors[index]
                    var run: RunRecord
                    if let existing = updatedRuns[index] {
                        run = existing
                    } else {
                        // The extractor's first document of this run: the labels it declares become
                        // known to the store, so that asking for one it found nothing of answers
                        // with no spans rather than "unknown label".
                        for label in extractor.labels { _ = try ctx.intern(.label, label) }
                        run = RunRecord(id: ctx.makeRunID(), extractor: extractor.id, version: extractor.version,
                                        started: started, finished: started, documents: 0, spans: 0, failures: 0)
                    }
                    switch result {
                    case .success:
                        summary.extractions += 1
                        run.documents += 1
                        run.spans += counts[written]
                        written += 1
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
            // A step of the value log's merge goes in the batch's transaction: it goes on beside
            // the batches rather than stopping them (batches append to the other log meanwhile),
            // and costs no commit of its own.
            if let (threshold, step) = valueLogMerge {
                finishesMerge = try ValueLog.moveOn(ctx, entries: step, threshold: threshold)
            }
        }
        // The pages this commit read through the map (the B-tree paths of every insert) would
        // otherwise stay resident, and resident memory would grow with the store.
        store.environment.releaseMappedPages()
        if finishesMerge, let (_, step) = valueLogMerge {
            // The current log filled before the merge of the other ended: finish that merge now
            // (extraction may run further ahead meanwhile: wake a batch waiting for room).
            state.withLock { $0.merging = true }
            dequeued.signal()
            defer { state.withLock { $0.merging = false } }
            try ValueLog.finishMerge(store, entriesPerTransaction: step)
        }
        summary.bytes = batch.bytes
        return (Committed(summary: summary, events: events), updatedRuns)
    }
}

