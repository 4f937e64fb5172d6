import GlossKit

/// A span as stored: where it is, what it is, what it means and who found it.
public struct Span: Sendable, Hashable {
    /// The span's id, unique in the store.
    public let id: UInt64
    /// The name of the document it belongs to.
    public let document: String
    /// First code point (inclusive).
    public let start: Int
    /// One past the last code point.
    public let end: Int
    /// The surface text, `text[start..<end]` of the document.
    public let text: String
    /// The label, e.g. `PERSON`.
    public let label: String
    /// Who wrote it: `extractor@version`, or the source name given to `gloss import`.
    public let source: String
    /// The extractor's confidence, 0 to 1 (stored to 1/65535).
    public let confidence: Double
    /// The normalized value, if any.
    public let value: SpanValue?
    /// Attributes such as `kind` or `entity`.
    public let attributes: [String: String]

    /// Creates a span (the store creates them when reading; streams create them from drafts).
    public init(id: UInt64, document: String, start: Int, end: Int, text: String, label: String, source: String,
                confidence: Double, value: SpanValue?, attributes: [String: String]) {
        self.id = id
        self.document = document
        self.start = start
        self.end = end
        self.text = text
        self.label = label
        self.source = source
        self.confidence = confidence
        self.value = value
        self.attributes = attributes
    }
}

/// A document in the store, without its text.
public struct DocumentSummary: Sendable, Hashable {
    /// The external name.
    public let name: String
    /// Length in code points.
    public let length: Int
    /// Size of the text in UTF-8 bytes.
    public let bytes: Int
    /// Number of spans on it, from every source.
    public let spans: Int
    /// The content hash of the text (64-bit FNV-1a, hexadecimal).
    public let hash: String
    /// Metadata given with the document.
    public let metadata: [String: String]
}

/// What adding a document did.
public enum DocumentChange: Sendable, Equatable {
    /// The name was new.
    case added
    /// The name existed with the same text: nothing changed.
    case unchanged
    /// The name existed with other text: the text was replaced and its spans dropped.
    case replaced
}

/// Counts and sizes of a store.
public struct StoreStatistics: Sendable {
    /// Number of documents.
    public let documents: Int
    /// Number of spans.
    public let spans: Int
    /// Spans per label, most frequent first.
    public let labels: [(name: String, count: Int)]
    /// Spans per source, most frequent first.
    public let sources: [(name: String, count: Int)]
    /// Bytes of the data file on disk.
    public let fileBytes: Int
    /// Bytes of the data file in use (pages up to the last one written).
    public let usedBytes: Int
    /// Total UTF-8 bytes of document text.
    public let textBytes: Int
    /// The schema version of the store.
    public let schemaVersion: UInt32
}

/// One run of one extractor, as recorded by `annotate`.
public struct RunRecord: Sendable, Codable, Hashable {
    /// The run's id.
    public var id: UInt64
    /// The extractor id.
    public var extractor: String
    /// The extractor version.
    public var version: String
    /// When the run started (seconds since 1970).
    public var started: Double
    /// When its last batch was committed.
    public var finished: Double
    /// Documents the extractor ran on (skipped ones not counted).
    public var documents: Int
    /// Spans written.
    public var spans: Int
    /// Documents on which it failed (nothing written for them).
    public var failures: Int
}
