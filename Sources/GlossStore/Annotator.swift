import Dispatch
import Foundation
import GlossKit
import LMDB

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
    /// The default of ``batchDocuments``: annotating 1 GB of generated news with it takes 68–76 s
    /// on two cores and peaks at about 240 MB resident (Benchmarks/README.md).
    public static let defaultBatchDocuments = 512
    /// Most documents per write transaction. Larger batches commit (and fsync) less often, but
    /// hold more texts, spans and LMDB dirty pages in memory until they commit.
    public var batchDocuments = Annotator.defaultBatchDocuments
    /// Most UTF-8 bytes of text per write transaction.
    public var batchBytes = 16 << 20
    /// Threads used for extraction.
    public var parallelism = ProcessInfo.processInfo.activeProcessorCount
    /// Most UTF-8 bytes of text in extracted batches waiting for the writer while it finishes a
    /// merge of the value log at once (see ``ValueLog``; merges usually go on a step in each
    /// batch's transaction): extraction goes on into this queue rather than stopping; each
    /// queued batch holds its texts and spans in memory (about four times its text). Otherwise
    /// two batches at most wait for the writer.
    public var maximumQueuedBytes = 8 << 20
    /// Whether the value log that batches write their value index entries to is merged into the
    /// index at the end (see ``ValueLog``; a merge an interrupted run left unfinished is always
    /// finished first). Tests turn it off to see a store as an interrupted run leaves it. A log
    /// that holds only what small transactions leave in it (see
    /// ``ValueLog/appendSmallRun(_:in:)``) is left to them.
    var mergesValueLog = true
    /// How many entries the store's value log (value index entries of earlier batches, not yet
    /// merged into the index) holds before it is merged between two batches; `nil`: merged only
    /// at the end. Default 2M.
    public var valueLogMergeThreshold: Int? = ValueLog.mergeThreshold
    /// How many value log entries a merge moves per transaction. Default 64k.
    public var valueLogMergeStep = ValueLog.mergeBatch
    /// While the value index holds fewer entries than this, batches write their value index
    /// entries as any other write transaction does: straight into the index, or, for a batch of
    /// at most 4,096 of them into an index of 4,096 or more, to the value log as a small run,
    /// merged once 16 runs or 16,384 entries are there (rewriting a small index's pages for a
    /// large batch costs less than writing the log and merging it). From this many, batches
    /// write to the log, merged between batches and at the end. Default 512k entries; 0 uses
    /// the log from the first batch.
    public var directValueWritesBelow = ValueLog.directWritesBelow

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
        // A merge of the value log that an interrupted run left unfinished is finished first, so
        // that the run starts with one log to append to and the other empty.
        try ValueLog.finishMerge(store, entriesPerTransaction: valueLogMergeStep)
        let writer = BatchWriter(store: store, extractors: extractors, started: started,
                                 valueLogMerge: valueLogMergeThreshold.map { ($0, valueLogMergeStep) },
                                 directValueWritesBelow: directValueWritesBelow,
                                 maximumQueuedBytes: maximumQueuedBytes)
        // The names of the documents in each batch handed to the writer and not committed yet,
        // in order: what the store says about them is about to change.
        var unsettled: [Set<String>] = []
        func report(_ committed: [BatchWriter.Committed]) throws {
            unsettled.removeFirst(min(committed.count, unsettled.count))
            try committed.forEach { try absorb($0, into: &summary, onEvent: onEvent) }
        }
        var batch: [AnnotationInput] = []
        var batchSize = 0
        func flush() throws {
            guard !batch.isEmpty else { return }
            try report(try writer.takeCommitted())
            let prepared = try prepare(batch, pipeline: pipeline, unsettled: unsettled.reduce(into: Set()) { $0.formUnion($1) })
            writer.commit(prepared)
            unsettled.append(Set(batch.map(\.name)))
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
            writer.waitUntilWritten()
            while case let committed = try writer.takeCommitted(), !committed.isEmpty { try report(committed) }
            if mergesValueLog, try ValueLog.needsMerge(store) {
                try ValueLog.merge(store, entriesPerTransaction: valueLogMergeStep)
            }
        } catch {
            writer.waitUntilWritten()  // never leave a write running behind the caller's back
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
    private func prepare(_ batch: [AnnotationInput], pipeline: Pipeline, unsettled: Set<String>) throws -> PreparedBatch {
        var plans = try plans(for: batch, pipeline: pipeline, unsettled: unsettled)
        var outcomes = BatchExtraction(extractors: extractors, pipeline: pipeline, parallelism: parallelism, store: store)
            .run(batch, needed: plans.map(\.needed))
        let (results, spansByLabel) = encode(&outcomes, texts: batch.map(\.text))
        for i in plans.indices { plans[i].results = results[i] }
        return PreparedBatch(inputs: batch, plans: plans, spansByLabel: spansByLabel)
    }

    /// What to do for each input of a batch (see ``plan(for:pipeline:trustingStore:ctx:)``),
    /// worked out in parallel, a chunk of the batch at a time under one read transaction.
    /// What the store holds is not trusted for a document named in `unsettled` (batches not
    /// committed yet) or earlier in the batch: the writer will find it changed.
    private func plans(for batch: [AnnotationInput], pipeline: Pipeline, unsettled: Set<String>) throws -> [Plan] {
        var named = unsettled
        let trusted = batch.map { named.insert($0.name).inserted }
        let chunks = chunks(of: batch.count)
        @Sendable func plans(_ range: Range<Int>, _ ctx: ReadContext) throws -> [Plan] {
            try range.map { try plan(for: batch[$0], pipeline: pipeline, trustingStore: trusted[$0], ctx: ctx) }
        }
        guard chunks.count > 1 else { return try store.read { try plans(batch.indices, $0) } }
        let slots = IterationResults<Result<[Plan], any Error>>(
            count: chunks.count, initial: .failure(StoreError.pipeline("internal error: a part of the batch was not planned")))
        DispatchQueue.concurrentPerform(iterations: chunks.count) { chunk in
            let result = Result { try store.read { try plans(chunks[chunk], $0) } }
            slots[chunk] = result
        }
        return try chunks.indices.flatMap { try slots[$0].get() }
    }

    /// `count` documents of a batch cut into a few chunks per extraction thread (one chunk on
    /// one thread), for work done a chunk at a time under one read transaction.
    private func chunks(of count: Int) -> [Range<Int>] {
        let chunkCount = min(count, parallelism <= 1 ? 1 : parallelism * 4)
        return (0 ..< chunkCount).map { count * $0 / chunkCount ..< count * ($0 + 1) / chunkCount }
    }

    /// What the writer gets of each extraction, per document and extractor index: the spans of
    /// a successful one encoded ahead of the write (see ``EncodedSpans``), or its drafts where a
    /// name is not interned yet (or a read failed), which the writer encodes; and the spans
    /// per label. In parallel over the documents.
    ///
    /// The drafts are taken out of `outcomes` (left empty) and freed by the extraction thread
    /// that encoded them, rather than by the writer with the batch. `texts` are the documents'
    /// texts, in which the spans' records locate their text (``SpanTextLocator``).
    private func encode(_ outcomes: inout [[Int: Result<[SpanDraft], StoreError>]], texts: [String])
    -> (results: [[Result<ExtractionSpans, StoreError>?]], spansByLabel: [String: Int]) {
        let store = self.store
        let sources = extractors.map(\.source)
        let extractorCount = extractors.count
        let count = outcomes.count
        let taken = IterationResults<[Int: Result<[SpanDraft], StoreError>]>(count: count, initial: [:])
        for i in outcomes.indices { taken[i] = outcomes[i] }
        outcomes = []
        let slots = IterationResults<[Result<ExtractionSpans, StoreError>?]>(count: count, initial: [])
        // A chunk of documents at a time, under one read transaction with one encoder, which
        // resolves each name once for the chunk.
        let chunks = chunks(of: count)
        let labelCounts = IterationResults<[String: Int]>(count: chunks.count, initial: [:])
        let work: @Sendable (Int) -> Void = { chunk in
            var encoder = SpanEncoder()
            var counted = AnnotationSummary()
            // (The encoder and the counts are passed, not captured: a local function's captured
            // variable is checked for exclusive access at run time on every use.)
            func results(_ i: Int, _ ctx: ReadContext?, _ encoder: inout SpanEncoder,
                         _ counted: inout AnnotationSummary) -> [Result<ExtractionSpans, StoreError>?] {
                let outcome = taken[i]
                taken[i] = [:]
                var results = [Result<ExtractionSpans, StoreError>?](repeating: nil, count: extractorCount)
                var text = texts[i]
                text.withUTF8 { utf8 in
                    var locator = SpanTextLocator(utf8: UnsafeRawBufferPointer(utf8))
                    for (index, result) in outcome {
                        switch result {
                        case .failure(let error):
                            results[index] = .failure(error)
                        case .success(let drafts):
                            counted.count(drafts)
                            results[index] = .success(encoded(drafts, source: sources[index], ctx, &encoder) {
                                try locator.locate($0, $1)
                            })
                        }
                    }
                }
                return results
            }
            func encoded(_ drafts: [SpanDraft], source: String, _ ctx: ReadContext?, _ encoder: inout SpanEncoder,
                         locate: (Int, Int) throws -> SpanTextLocation) -> ExtractionSpans {
                guard let ctx, !drafts.isEmpty else { return .drafts(drafts) }
                func id(_ kind: InternTable.Kind, _ name: String) throws -> UInt32 {
                    guard let id = try ctx.lookup(kind, name) else { throw NotInterned() }
                    return id
                }
                do {
                    return .encoded(try EncodedSpans(drafts, source: try id(.source, source), encoder: &encoder, locate: locate, id: id))
                } catch {
                    return .drafts(drafts)
                }
            }
            var done = false
            _ = try? store.read { ctx in
                for i in chunks[chunk] { slots[i] = results(i, ctx, &encoder, &counted) }
                done = true
            }
            if !done {
                for i in chunks[chunk] { slots[i] = results(i, nil, &encoder, &counted) }
            }
            labelCounts[chunk] = counted.spansByLabel
        }
        if chunks.count <= 1 {
            for chunk in chunks.indices { work(chunk) }
        } else {
            DispatchQueue.concurrentPerform(iterations: chunks.count, execute: work)
        }
        var spansByLabel: [String: Int] = [:]
        for chunk in chunks.indices {
            for (label, spans) in labelCounts[chunk] { spansByLabel[label, default: 0] += spans }
        }
        return ((0 ..< count).map { slots[$0] }, spansByLabel)
    }

    /// A name the store has not interned yet: the writer encodes the spans that use it.
    private struct NotInterned: Error {}

    /// Decides which extractors must run on an input: all of them on a new or changed text,
    /// or when the store's record of it is not to be trusted; otherwise those whose version
    /// changed since their last run here, and every extractor that depends on one that runs.
    private func plan(for input: AnnotationInput, pipeline: Pipeline, trustingStore: Bool, ctx: ReadContext) throws -> Plan {
        let hash = ContentHash.of(input.text)
        var needed = [Bool](repeating: true, count: extractors.count)
        guard trustingStore, let id = try ctx.documentID(input.name), let record = try ctx.documentRecord(id),
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
    /// What each extractor that ran gave, by index into `extractors` (`nil`: it did not run):
    /// its spans, ready for the writer, or its failure.
    var results: [Result<ExtractionSpans, StoreError>?] = []
}

/// A batch whose extraction is done, ready to be written.
struct PreparedBatch: Sendable {
    let inputs: [AnnotationInput]
    let plans: [Plan]
    /// The spans of the batch's successful extractions, per label.
    let spansByLabel: [String: Int]

    /// UTF-8 bytes of the inputs' texts.
    var bytes: Int { inputs.reduce(0) { $0 + $1.text.utf8.count } }
}
