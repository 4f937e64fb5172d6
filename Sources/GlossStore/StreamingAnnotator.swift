import Foundation
import GlossKit

/// Extraction without a store: documents in, spans out, in input order — the engine of
/// `gloss annotate --emit jsonl`, the streaming filter that Spark, Hadoop Streaming or GNU
/// parallel pipe partitions through.
///
/// Documents are processed in small windows (extracted in parallel, returned in order), so
/// memory stays flat however long the stream is. Every extractor runs on every document, in
/// dependency order; a failure affects only its extractor on its document.
public struct StreamingAnnotator: Sendable {
    /// The extractors, in the order given.
    public let extractors: [any Extractor]
    private let extraction: BatchExtraction

    /// What came out of one document.
    public struct Output: Sendable {
        /// The input document's name.
        public let document: String
        /// The spans of each extractor that succeeded, with its source (`id@version`), in extractor order.
        public let spans: [(source: String, drafts: [SpanDraft])]
        /// The failures, one per extractor that failed on this document.
        public let failures: [StoreError]
    }

    /// Checks the extractors' dependencies; throws when they cannot be met.
    public init(extractors: [any Extractor], parallelism: Int = ProcessInfo.processInfo.activeProcessorCount) throws {
        self.extractors = extractors
        extraction = BatchExtraction(extractors: extractors, pipeline: try Pipeline(extractors), parallelism: parallelism, store: nil)
    }

    /// Extracts a window of documents; one output per input, in order.
    public func extract(_ window: [AnnotationInput]) -> [Output] {
        let all = [Bool](repeating: true, count: extractors.count)
        let outcomes = extraction.run(window, needed: Array(repeating: all, count: window.count))
        return zip(window, outcomes).map { input, results in
            var spans: [(String, [SpanDraft])] = []
            var failures: [StoreError] = []
            for index in extractors.indices {
                switch results[index] {
                case .success(let drafts)?: spans.append((extractors[index].source, drafts))
                case .failure(let error)?: failures.append(error)
                case nil: break
                }
            }
            return Output(document: input.name, spans: spans, failures: failures)
        }
    }
}
