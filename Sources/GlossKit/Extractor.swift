/// A component that finds spans in a document: the one protocol every Gloss plugin implements.
///
/// An extractor is a pure function of the document: it must not keep state between calls, and
/// it may be called from several threads at once (hence `Sendable`). The store records every
/// span it returns under the source `id@version`; bump ``version`` whenever the output for the
/// same text can change, so that `gloss annotate` knows to run it again on unchanged documents.
///
/// ```swift
/// struct HashtagExtractor: Extractor {
///     let id = "hashtags"
///     let version = "1.0.0"
///     let labels = ["HASHTAG"]
///     func extract(_ document: Document) throws -> [SpanDraft] {
///         document.text.tokens.indices.compactMap { i in
///             let tokens = document.text.tokens
///             guard tokens[i].normalized == "#", i + 1 < tokens.count,
///                   tokens[i + 1].start == tokens[i].end, tokens[i + 1].kind == .word else { return nil }
///             return SpanDraft(start: tokens[i].start, end: tokens[i + 1].end, label: "HASHTAG")
///         }
///     }
/// }
/// ```
public protocol Extractor: Sendable {
    /// A short, stable, lower-case identifier such as `"numbers"`; part of every span's source.
    var id: String { get }
    /// The version of the extractor's output; changing it makes `annotate` re-run the extractor.
    var version: String { get }
    /// Every label this extractor may produce. A span with another label is rejected.
    var labels: [String] { get }
    /// Labels of other extractors' spans this one needs to see in ``Document/spans``; `annotate`
    /// runs the extractors producing them first. Empty by default.
    var needs: [String] { get }
    /// Finds the spans of one document. Throwing fails this extractor on this document only.
    func extract(_ document: Document) throws -> [SpanDraft]
}

extension Extractor {
    public var needs: [String] { [] }

    /// The provenance string stored with each span: `id@version`.
    public var source: String { "\(id)@\(version)" }
}

/// The input of an extractor: a document's name, its text and its metadata.
public struct Document: Sendable {
    /// The document's external name (a file path, or the `id` given in JSON lines).
    public var name: String
    /// The text, with code-point offsets and tokens.
    public var text: DocumentText
    /// Free-form metadata given with the document (string values).
    public var metadata: [String: String]
    /// Spans already found by other extractors, of the labels this extractor ``Extractor/needs``.
    public var spans: [SpanDraft]

    /// Creates a document from its parts.
    public init(name: String, text: DocumentText, metadata: [String: String] = [:], spans: [SpanDraft] = []) {
        self.name = name
        self.text = text
        self.metadata = metadata
        self.spans = spans
    }

    /// Creates a document from a plain string; tokenizes it once.
    public init(name: String, text: String, metadata: [String: String] = [:], spans: [SpanDraft] = []) {
        self.init(name: name, text: DocumentText(text), metadata: metadata, spans: spans)
    }
}

/// An extractor that works on a batch of documents at once — an out-of-process plugin streams a
/// batch through its process. `annotate` hands it every document of a batch that needs it in
/// one call; the results come back in the same order.
public protocol BatchExtractor: Extractor {
    /// Finds the spans of each document; one result per document, in order.
    func extract(batch documents: [Document]) -> [Result<[SpanDraft], any Error>]
}

extension BatchExtractor {
    /// A single document is a batch of one.
    public func extract(_ document: Document) throws -> [SpanDraft] {
        guard let result = extract(batch: [document]).first else { return [] }
        return try result.get()
    }
}
