import Dispatch
import Foundation
import GlossKit
import Synchronization

/// Runs extractors over a batch of documents: level by level (an extractor after those whose
/// spans it needs), in-process extractors over the documents in parallel, batch extractors
/// (out-of-process plugins) once for the whole batch; every draft validated.
///
/// Used by ``Annotator`` (with a store, where spans of producers skipped on an unchanged
/// document are read back) and by ``StreamingAnnotator`` (no store: every extractor runs).
struct BatchExtraction: Sendable {
    let extractors: [any Extractor]
    let pipeline: Pipeline
    let parallelism: Int
    let store: GlossStore?

    /// Outcomes per document: the result of each extractor that was `needed` there.
    func run(_ batch: [AnnotationInput], needed: [[Bool]]) -> [[Int: Result<[SpanDraft], StoreError>]] {
        var plans = zip(batch, needed).map { Plan(needed: $1) }
        extract(batch, plans: &plans)
        return plans.map(\.outcomes)
    }

    struct Plan: Sendable {
        var needed: [Bool]
        var outcomes: [Int: Result<[SpanDraft], StoreError>] = [:]
    }

    /// Runs the needed extractors level by level (an extractor after those it depends on):
    /// in-process extractors over the documents in parallel, batch extractors (out-of-process
    /// plugins) once for the whole batch.
    private func extract(_ batch: [AnnotationInput], plans: inout [Plan]) {
        let extractors = self.extractors
        let store = self.store
        let pipeline = self.pipeline
        let texts = TextCache(count: batch.count)
        for (number, level) in pipeline.levels.enumerated() {
            let inProcess = level.filter { !(extractors[$0] is any BatchExtractor) }
            let batched = level.filter { extractors[$0] is any BatchExtractor }
            // After the last extractor that reads a document's text, the iteration on it lets
            // the tokenized text go: freed on the extraction threads, in parallel, rather than
            // all at once by the caller's thread when the batch is done.
            let lastReader = number == pipeline.levels.count - 1 && batched.isEmpty
            let work = plans.indices.filter { i in inProcess.contains { plans[i].needed[$0] } }
            if !work.isEmpty {
                let snapshot = plans
                let slots = IterationResults<[Int: Result<[SpanDraft], StoreError>]>(count: work.count, initial: [:])
                let run: @Sendable (Int) -> Void = { k in
                    let i = work[k]
                    var outcomes: [Int: Result<[SpanDraft], StoreError>] = [:]
                    for index in inProcess where snapshot[i].needed[index] {
                        let extractor = extractors[index]
                        outcomes[index] = Self.document(for: batch[i], index: i, extractor: index, pipeline: pipeline, plan: snapshot[i],
                                                        texts: texts, store: store, extractors: extractors)
                            .flatMap { Self.run(extractor, on: $0) }
                    }
                    slots[k] = outcomes
                    if lastReader { texts.forget(i) }
                }
                if parallelism <= 1 || work.count <= 1 {
                    for k in work.indices { run(k) }
                } else {
                    DispatchQueue.concurrentPerform(iterations: work.count, execute: run)
                }
                for (k, i) in work.enumerated() { plans[i].outcomes.merge(slots[k]) { $1 } }
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
                                 texts: TextCache, store: GlossStore?, extractors: [any Extractor]) -> Result<Document, StoreError> {
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
                guard let store else {
                    return .failure(.extractorFailed(extractor: extractors[index].source, document: input.name,
                                                     message: "the spans it needs from \(extractors[producer].source) are not available"))
                }
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
        let labels = extractor.labels  // a few: scanned faster than hashed
        let length = document.text.count
        // The checks of `SpanDraft.problem`, cheapest first, on the drafts in place (a copy of
        // each would retain and release its strings and dictionary); a draft that fails one
        // is described by `problem` itself. A declared label is a valid one (`Pipeline`).
        let invalid: Int? = drafts.withUnsafeBufferPointer { drafts in
            var declared: Int?  // a draft before whose label was found declared
            for index in drafts.indices {
                let isDeclared = declared.map { drafts[$0].label == drafts[index].label } ?? false
                    || labels.contains(drafts[index].label)
                let finite = if case .decimal(let d)? = drafts[index].value { d.isFinite } else { true }
                guard drafts[index].start >= 0, drafts[index].end <= length, drafts[index].start < drafts[index].end, isDeclared,
                      (0...1).contains(drafts[index].confidence), finite,
                      !drafts[index].attributes.keys.contains(where: \.isEmpty) else { return index }
                declared = index
            }
            return nil
        }
        if let invalid {
            for draft in drafts[invalid...] {
                if let problem = draft.problem(textLength: length, labels: Set(labels)) {
                    return .failure(.invalidSpan(extractor: extractor.source, document: document.name, problem: problem))
                }
            }
        }
        return .success(drafts)
    }
}


/// Tokenized texts of a batch, made once per document and shared by every extractor.
///
/// Document `i`'s text is asked for only by the work on document `i`: within one level of
/// extractors by one iteration of the parallel loop, and across levels one loop after the other.
final class TextCache: Sendable {
    private let texts: IterationResults<DocumentText?>

    init(count: Int) { texts = IterationResults(count: count, initial: nil) }

    func text(_ i: Int, _ string: String) -> DocumentText {
        if let text = texts[i] { return text }
        let text = DocumentText(string)
        texts[i] = text
        return text
    }

    /// Lets go of document `i`'s text (it is freed once no document handed out holds it).
    func forget(_ i: Int) { texts[i] = nil }
}

/// The results of a parallel loop (`DispatchQueue.concurrentPerform`), without a lock: each
/// element is read and written only by the one iteration that owns it (a document, or a chunk
/// of documents), and read by others only once the loop has returned (it returns after every
/// iteration has finished).
final class IterationResults<Value: Sendable>: @unchecked Sendable {
    // @unchecked: see above — no two threads touch one element without a loop's end between them.
    private let storage: UnsafeMutablePointer<Value>
    private let count: Int

    init(count: Int, initial: Value) {
        self.count = count
        storage = .allocate(capacity: count)
        storage.initialize(repeating: initial, count: count)
    }

    deinit {
        storage.deinitialize(count: count)
        storage.deallocate()
    }

    subscript(k: Int) -> Value {
        get {
            precondition(k >= 0 && k < count, "iteration out of range")
            return storage[k]
        }
        set {
            precondition(k >= 0 && k < count, "iteration out of range")
            storage[k] = newValue
        }
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
        // Declared labels are checked here, once: a draft whose label is declared has a valid one.
        for extractor in extractors {
            if let problem = extractor.labels.lazy.compactMap(SpanDraft.labelProblem).first {
                throw StoreError.pipeline("extractor \(extractor.id) declares an invalid label: \(problem)")
            }
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
