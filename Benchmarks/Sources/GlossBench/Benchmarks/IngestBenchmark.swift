import Foundation
import GlossKit
@testable import GlossStore

/// Span ingest through the store: one writer, batches of `--batch` spans per transaction.
///
/// `--mode store` (the default) runs the store's own write path for each document — exactly
/// what `Annotator` does in its write transaction (`putDocument`, then `replaceExtraction`),
/// without extraction — so the figure compares with the C baselines that do the same puts.
/// `--mode annotator` goes through the public `Annotator` API with an extractor that replays
/// the corpus spans: it adds tokenizing every text (`DocumentText`) and validating every draft.
/// Reading and parsing the corpus file is never timed.
enum IngestBenchmark {
    /// Replays the corpus spans of each document.
    struct ReplayExtractor: Extractor {
        let id = "bench"
        let version = "1"
        let labels = ["PERSON", "TITLE", "PLACE", "ORG", "NUMBER", "DATE"]
        let drafts: [String: [SpanDraft]]

        func extract(_ document: Document) throws -> [SpanDraft] { drafts[document.name] ?? [] }
    }

    static func run(_ options: Options) throws {
        let corpus = try options.string("corpus")
        let path = try options.string("store")
        let batch = try options.int("batch", default: 100_000)
        let maxSpans = try options.int("max-spans", default: Int.max)
        let mode = options.string("mode", default: "store")
        let name = options.string("name", default: "bulk")
        let tag = try options.string("tag")
        let fm = FileManager.default
        if fm.fileExists(atPath: path) { try fm.removeItem(atPath: path) }
        var storeOptions = GlossStore.Options()
        storeOptions.durable = !options.flag("nosync")
        let store = try GlossStore(path: path, options: storeOptions)
        let reader = try CorpusReader(path: corpus)
        var total = 0
        var seconds = 0.0
        var transactions = 0
        while total < maxSpans {
            var documents: [CorpusDocument] = []
            var spans = 0
            while spans < batch, total + spans < maxSpans, let document = try reader.next() {
                documents.append(document)
                spans += document.drafts.count
            }
            if documents.isEmpty { break }
            switch mode {
            case "store":
                seconds += try Timer.measure { try writeThroughStore(store, documents) }
            case "annotator":
                var drafts: [String: [SpanDraft]] = [:]
                for document in documents { drafts[document.name] = document.drafts }
                let inputs = documents.map { AnnotationInput(name: $0.name, text: $0.text) }
                var annotator = Annotator(store: store, extractors: [ReplayExtractor(drafts: drafts)])
                annotator.batchDocuments = Int.max
                annotator.batchBytes = Int.max
                seconds += try Timer.measure { blackHole(try annotator.annotate(inputs)) }
            default:
                throw BenchError("unknown --mode \(mode)")
            }
            total += spans
            transactions += 1
        }
        let stored = try store.statistics().spans
        guard stored == total else { throw BenchError("the store holds \(stored) spans, \(total) were written") }
        Figures.emit("gloss.ingest.\(name).\(tag)", Double(total) / seconds, "spans/s")
        Figures.note("gloss ingest \(name) \(tag): \(total) spans in \(transactions) transactions, \(String(format: "%.3f", seconds)) s")
        if options.flag("sizes") { try reportSizes(store, spans: total, tag: tag) }
    }

    /// The write phase of `Annotator` for a batch of documents, in one transaction.
    static func writeThroughStore(_ store: GlossStore, _ documents: [CorpusDocument]) throws {
        try store.write { ctx in
            for document in documents {
                let hash = ContentHash.of(document.text)
                let (id, _) = try ctx.putDocument(name: document.name, text: document.text, hash: hash, metadata: [:])
                _ = try ctx.replaceExtraction(document: id, extractorID: "bench", source: "bench@1", textHash: hash, drafts: document.drafts)
            }
        }
    }

    /// Bytes per span: the whole store (texts included), and the span databases alone. LMDB's
    /// statistics leave out the pages of sorted duplicates kept in trees of their own, so the
    /// span databases' share is what remains of the live pages once the other databases, the
    /// two meta pages and the main database's page are taken away.
    static func reportSizes(_ store: GlossStore, spans: Int, tag: String) throws {
        let statistics = try store.statistics()
        let info = store.environment.info()
        let pageSize = info.pageSize
        let spanPages = try store.read { ctx in
            let spanDatabases = [ctx.schema.spans, ctx.schema.byLabel, ctx.schema.byValue]
            let others = try ctx.schema.all.filter { !spanDatabases.contains($0) }.reduce(0) { $0 + (try ctx.txn.pageCount($1)) }
            return info.lastPage + 1 - (try ctx.txn.freePageCount()) - others - 3
        }
        Figures.emit("gloss.store.bytes_per_span.\(tag)", Double(statistics.usedBytes) / Double(spans), "bytes")
        Figures.emit("gloss.store.span_bytes_per_span.\(tag)", Double(spanPages * pageSize) / Double(spans), "bytes")
        Figures.emit("gloss.store.file_bytes.\(tag)", Double(statistics.fileBytes), "bytes")
    }
}
