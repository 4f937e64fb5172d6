import GlossKit

/// A span read from an exchange file (JSON lines or brat), to be imported under a source name.
public struct ImportedSpan: Sendable {
    /// Where it came from, for error messages: `gold.jsonl:12`.
    public var origin: String
    /// The document's name in the store.
    public var document: String
    /// The span itself.
    public var draft: SpanDraft
    /// The text the file says the span covers, checked against the stored document when given
    /// (line breaks and tabs count as spaces, as brat writes them).
    public var text: String?

    /// Creates an imported span.
    public init(origin: String, document: String, draft: SpanDraft, text: String? = nil) {
        self.origin = origin
        self.document = document
        self.draft = draft
        self.text = text
    }
}

extension GlossStore {
    static func flattened(_ s: String) -> String {
        String(s.unicodeScalars.map { $0 == "\n" || $0 == "\t" || $0 == "\r" ? " " : Character($0) })
    }

    /// Imports spans under `source` (e.g. `gold`) in one transaction: every span is checked
    /// against the stored text first, and if any fails — unknown document, offsets outside the
    /// text, text that does not match — nothing is written and the error names its origin.
    /// Importing the same source again replaces its spans on the documents the file covers.
    /// Returns the number of spans written.
    @discardableResult
    public func importSpans(_ spans: [ImportedSpan], source: String) throws -> Int {
        try importSpans(files: [spans], source: source).reduce(0, +)
    }

    /// Imports the spans of several files under `source` in one transaction: all of them, or —
    /// if any span fails its check (see ``importSpans(_:source:)``) — none, the error naming the
    /// span's origin. Each file replaces the source's spans on the documents it covers, in
    /// order, as importing the files one after the other would: a document in two files keeps
    /// the later file's spans. Returns the number of spans of each file.
    @discardableResult
    public func importSpans(files: [[ImportedSpan]], source: String) throws -> [Int] {
        guard !source.isEmpty, !source.contains("@") else {
            throw StoreError.invalidImport(origin: "--source", problem: "the source name must be non-empty and must not contain @ (which marks extractor versions)")
        }
        return try write { ctx in
            var byDocument: [String: [SpanDraft]] = [:]
            var order: [String] = []
            var ids: [String: (id: UInt32, text: DocumentText, hash: UInt64)] = [:]
            var counts: [Int] = []
            for spans in files {
                var fileDrafts: [String: [SpanDraft]] = [:]
                for span in spans {
                    if ids[span.document] == nil {
                        guard let id = try ctx.documentID(span.document), let record = try ctx.documentRecord(id) else {
                            throw StoreError.invalidImport(origin: span.origin, problem: "no document named \(span.document.debugDescription) in the store (add it with `gloss annotate` first)")
                        }
                        ids[span.document] = (id, DocumentText(try ctx.text(of: id)), record.hash)
                        order.append(span.document)
                    }
                    guard let document = ids[span.document] else { continue }
                    let draft = span.draft
                    if let problem = SpanDraft.labelProblem(draft.label) {
                        throw StoreError.invalidImport(origin: span.origin, problem: problem)
                    }
                    if let problem = draft.problem(textLength: document.text.count, labels: [draft.label]) {
                        throw StoreError.invalidImport(origin: span.origin, problem: problem + " of \(span.document)")
                    }
                    if let expected = span.text, Self.flattened(document.text[draft.start..<draft.end]) != Self.flattened(expected) {
                        throw StoreError.invalidImport(origin: span.origin, problem: "the text at \(draft.start)..<\(draft.end) of \(span.document) is \(document.text[draft.start..<draft.end].debugDescription), not \(expected.debugDescription)")
                    }
                    fileDrafts[span.document, default: []].append(draft)
                }
                // This file's spans replace those of the files before it on its documents.
                byDocument.merge(fileDrafts) { _, later in later }
                counts.append(spans.count)
            }
            for name in order {
                guard let document = ids[name] else { continue }
                _ = try ctx.replaceExtraction(document: document.id, extractorID: "import:" + source, source: source,
                                              textHash: document.hash, drafts: byDocument[name] ?? [])
            }
            return counts
        }
    }
}
