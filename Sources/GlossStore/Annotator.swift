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
    /// Most documents per write transaction.
    public var batchDocuments = 512
    /// Most UTF-8 bytes of text per write transaction.
    public var batchBytes = 16 << 20
    /// Threads used for extraction.
    public var parallelism = ProcessInfo.processInfo.activeProcessorCount

    /// Creates an annotator. Extractor ids must be unique.
    public init(store: GlossStore, extractors: [any Extractor]) {
        self.store = store
        self.extractors = extractors
    }

    /// Annotates `inputs`, adding or replacing the documents, and reports events on the calling
    /// thread as batches commit. Throws before writing anything when the extractors' dependencies
    /// cannot be met (a needed label nobody produces, or a cycle).
    public func annotate<S: Sequence>(_ inputs: S, onEvent: (AnnotationEvent) -> Void = { _ in }) throws -> AnnotationSummary
    where S.Element == AnnotationInput {
        let pipeline = try Pipeline(extractors)
        var summary = AnnotationSummary()
        var runs: [RunRecord?] = Array(repeating: nil, count: extractors.count)
        let started = Date().timeIntervalSince1970
        var batch: [AnnotationInput] = []
        var batchSize = 0
        func flush() throws {
            guard !batch.isEmpty else { return }
            try process(batch, pipeline: pipeline, summary: &summary, runs: &runs, started: started, onEvent: onEvent)
            batch.removeAll(keepingCapacity: true)
            batchSize = 0
        }
        for input in inputs {
            batch.append(input)
            batchSize += input.text.utf8.count
            if batch.count >= batchDocuments || batchSize >= batchBytes { try flush() }
        }
        try flush()
        if runs.allSatisfy({ $0 == nil }) && !extractors.isEmpty && summary.documents > 0 {
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

    /// What to do for one input of a batch.
    private struct Plan {
        var hash: UInt64
        /// Which extractors must run (by index into `extractors`).
        var needed: [Bool]
        /// Results of the extractors that ran.
        var outcomes: [Int: Result<[SpanDraft], StoreError>] = [:]
    }

    private func process(_ batch: [AnnotationInput], pipeline: Pipeline, summary: inout AnnotationSummary, runs: inout [RunRecord?],
                         started: Double, onEvent: (AnnotationEvent) -> Void) throws {
        var plans = try store.read { ctx in try batch.map { try plan(for: $0, pipeline: pipeline, ctx: ctx) } }
        extract(batch, pipeline: pipeline, plans: &plans)
        let batchBytes = batch.reduce(0) { $0 + $1.text.utf8.count }
        var batchSummary = AnnotationSummary()
        var updatedRuns = runs
        var events: [AnnotationEvent] = []
        try store.write { ctx in
            batchSummary = AnnotationSummary()
            updatedRuns = runs
            events = []
            for (input, plan) in zip(batch, plans) {
                let (id, change) = try ctx.putDocument(name: input.name, text: input.text, hash: plan.hash, metadata: input.metadata)
                switch change {
                case .added: batchSummary.added += 1
                case .replaced: batchSummary.replaced += 1; events.append(.replaced(document: input.name))
                case .unchanged: batchSummary.unchanged += 1
                }
                batchSummary.skipped += plan.needed.filter { !$0 }.count
                for index in extractors.indices {
                    guard let outcome = plan.outcomes[index] else { continue }
                    let extractor = extractors[index]
                    var run = updatedRuns[index] ?? RunRecord(id: ctx.makeRunID(), extractor: extractor.id, version: extractor.version,
                                                              started: started, finished: started, documents: 0, spans: 0, failures: 0)
                    switch outcome {
                    case .success(let drafts):
                        let count = try ctx.replaceExtraction(document: id, extractorID: extractor.id, source: extractor.source,
                                                              textHash: plan.hash, drafts: drafts)
                        batchSummary.extractions += 1
                        for draft in drafts { batchSummary.spansByLabel[draft.label, default: 0] += 1 }
                        run.documents += 1
                        run.spans += count
                    case .failure(let error):
                        batchSummary.failures.append(error)
                        events.append(.failed(error))
                        run.failures += 1
                    }
                    run.finished = Date().timeIntervalSince1970
                    updatedRuns[index] = run
                }
            }
            for run in updatedRuns.compactMap({ $0 }) { try ctx.putRun(run) }
        }
        runs = updatedRuns
        summary.added += batchSummary.added
        summary.replaced += batchSummary.replaced
        summary.unchanged += batchSummary.unchanged
        summary.skipped += batchSummary.skipped
        summary.extractions += batchSummary.extractions
        summary.failures += batchSummary.failures
        summary.bytes += batchBytes
        for (label, count) in batchSummary.spansByLabel { summary.spansByLabel[label, default: 0] += count }
        for event in events { onEvent(event) }
        onEvent(.committed(documents: summary.documents, bytes: summary.bytes))
    }

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

    /// Runs the needed extractors level by level (an extractor after those it depends on):
    /// in-process extractors over the documents in parallel, batch extractors (out-of-process
    /// plugins) once for the whole batch.
    private func extract(_ batch: [AnnotationInput], pipeline: Pipeline, plans: inout [Plan]) {
        let extractors = self.extractors
        let store = self.store
        let texts = TextCache(count: batch.count)
        for level in pipeline.levels {
            let inProcess = level.filter { !(extractors[$0] is any BatchExtractor) }
            let batched = level.filter { extractors[$0] is any BatchExtractor }
            let work = plans.indices.filter { i in inProcess.contains { plans[i].needed[$0] } }
            if !work.isEmpty {
                let snapshot = plans
                let slots = Mutex([[Int: Result<[SpanDraft], StoreError>]](repeating: [:], count: work.count))
                let run: @Sendable (Int) -> Void = { k in
                    let i = work[k]
                    var outcomes: [Int: Result<[SpanDraft], StoreError>] = [:]
                    for index in inProcess where snapshot[i].needed[index] {
                        let extractor = extractors[index]
                        outcomes[index] = Self.document(for: batch[i], index: i, extractor: index, pipeline: pipeline, plan: snapshot[i],
                                                        texts: texts, store: store, extractors: extractors)
                            .flatMap { Self.run(extractor, on: $0) }
                    }
                    slots.withLock { $0[k] = outcomes }
                }
                if parallelism <= 1 || work.count <= 1 {
                    for k in work.indices { run(k) }
                } else {
                    DispatchQueue.concurrentPerform(iterations: work.count, execute: run)
                }
                let outcomes = slots.withLock { $0 }
                for (k, i) in work.enumerated() { plans[i].outcomes.merge(outcomes[k]) { $1 } }
            }
            for index in batched {
                guard let extractor = extractors[index] as? any BatchExtractor else { continue }
                let wanting = plans.indices.filter { plans[$0].needed[index] }
                var documents: [(Int, Document)] = []
                for i in wanting {
                    switch Self.document(for: batch[i], index: i, extractor: index, pipeline: pipeline, plan: plans[i],
                                         texts: texts, store: store, extractors: extractors) {
                    case .success(let document): documents.append((i, document))
                    case .failure(let error): plans[i].outcomes[index] = .failure(error)
                    }
                }
                guard !documents.isEmpty else { continue }
                let results = extractor.extract(batch: documents.map(\.1))
                for ((i, document), result) in zip(documents, results) {
                    plans[i].outcomes[index] = Self.validate(result.mapError { $0 }, of: extractor, on: document)
                }
            }
        }
    }

    /// The document handed to an extractor: its text (tokenized once per batch) and the spans
    /// of the labels it needs — from this batch's results, or from the store where the producer
    /// was skipped because nothing changed.
    private static func document(for input: AnnotationInput, index i: Int, extractor index: Int, pipeline: Pipeline, plan: Plan,
                                 texts: TextCache, store: GlossStore, extractors: [any Extractor]) -> Result<Document, StoreError> {
        var spans: [SpanDraft] = []
        let needs = Set(extractors[index].needs)
        for producer in pipeline.producers(of: index) {
            let wanted = needs.intersection(extractors[producer].labels)
            if plan.needed[producer] {
                switch plan.outcomes[producer] {
                case .success(let drafts)?:
                    spans += drafts.filter { wanted.contains($0.label) }
                case .failure?, nil:
                    return .failure(.extractorFailed(extractor: extractors[index].source, document: input.name,
                                                     message: "it needs spans from \(extractors[producer].source), which failed on this document"))
                }
            } else {
                do {
                    spans += try store.storedDrafts(document: input.name, labels: wanted, source: extractors[producer].source)
                } catch let error as StoreError {
                    return .failure(error)
                } catch {
                    return .failure(.extractorFailed(extractor: extractors[index].source, document: input.name, message: "\(error)"))
                }
            }
        }
        spans.sort { ($0.start, -$0.end) < ($1.start, -$1.end) }
        return .success(Document(name: input.name, text: texts.text(i, input.text), metadata: input.metadata, spans: spans))
    }

    /// Runs one extractor on one document and validates every draft it returns.
    static func run(_ extractor: any Extractor, on document: Document) -> Result<[SpanDraft], StoreError> {
        let result: Result<[SpanDraft], any Error>
        do { result = .success(try extractor.extract(document)) } catch { result = .failure(error) }
        return validate(result, of: extractor, on: document)
    }

    static func validate(_ result: Result<[SpanDraft], any Error>, of extractor: any Extractor, on document: Document) -> Result<[SpanDraft], StoreError> {
        let drafts: [SpanDraft]
        switch result {
        case .success(let value): drafts = value
        case .failure(let error as StoreError): return .failure(error)
        case .failure(let error):
            return .failure(.extractorFailed(extractor: extractor.source, document: document.name, message: "\(error)"))
        }
        let labels = Set(extractor.labels)
        for draft in drafts {
            if let problem = draft.problem(textLength: document.text.count, labels: labels) {
                return .failure(.invalidSpan(extractor: extractor.source, document: document.name, problem: problem))
            }
        }
        return .success(drafts)
    }
}

/// Tokenized texts of a batch, made once per document and shared by every extractor.
final class TextCache: Sendable {
    private let texts: Mutex<[DocumentText?]>

    init(count: Int) { texts = Mutex([DocumentText?](repeating: nil, count: count)) }

    func text(_ i: Int, _ string: String) -> DocumentText {
        if let text = texts.withLock({ $0[i] }) { return text }
        let text = DocumentText(string)
        texts.withLock { $0[i] = text }
        return text
    }
}

/// The order extractors run in: each after the extractors producing the labels it needs.
struct Pipeline: Sendable {
    /// Extractor indices in a valid running order.
    let order: [Int]
    /// Groups of extractors that can run together, in order.
    let levels: [[Int]]
    private let producersOf: [[Int]]

    func producers(of index: Int) -> [Int] { producersOf[index] }

    init(_ extractors: [any Extractor]) throws {
        var ids = Set<String>()
        for extractor in extractors where !ids.insert(extractor.id).inserted {
            throw StoreError.pipeline("extractor \(extractor.id) is listed twice")
        }
        var producersOf: [[Int]] = []
        for (index, extractor) in extractors.enumerated() {
            var producers: [Int] = []
            for label in extractor.needs {
                let found = extractors.indices.filter { $0 != index && extractors[$0].labels.contains(label) }
                guard !found.isEmpty else {
                    throw StoreError.pipeline("extractor \(extractor.id) needs \(label) spans, but none of the chosen extractors produces \(label); add one that does to --extractors")
                }
                producers += found
            }
            producersOf.append(Array(Set(producers)).sorted())
        }
        var level = [Int?](repeating: nil, count: extractors.count)
        var remaining = Set(extractors.indices)
        var levels: [[Int]] = []
        while !remaining.isEmpty {
            let ready = remaining.filter { i in producersOf[i].allSatisfy { level[$0] != nil } }.sorted()
            guard !ready.isEmpty else {
                let cycle = remaining.sorted().map { extractors[$0].id }.joined(separator: ", ")
                throw StoreError.pipeline("the extractors \(cycle) need each other's spans in a cycle; no order can satisfy them")
            }
            for i in ready { level[i] = levels.count }
            levels.append(ready)
            remaining.subtract(ready)
        }
        self.producersOf = producersOf
        self.levels = levels
        order = levels.flatMap { $0 }
    }
}
