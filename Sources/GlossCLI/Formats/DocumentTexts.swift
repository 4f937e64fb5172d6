import GlossKit
import GlossStore

/// The text of the document a stream of spans is in, loaded once per document.
struct DocumentTexts {
    let store: GlossStore
    private var name: String?
    private var current: DocumentText?

    init(store: GlossStore) { self.store = store }

    mutating func text(of document: String) throws -> DocumentText {
        if name == document, let current { return current }
        let text = DocumentText(try store.text(ofDocument: document))
        name = document
        current = text
        return text
    }
}

/// Left and right context of a span, cut at line breaks and collapsed to one line.
struct SpanContext {
    let before: String
    let after: String

    init(span: Span, text: DocumentText, width: Int) {
        let start = max(0, span.start - width)
        let end = min(text.count, span.end + width)
        before = Self.oneLine(text[start..<span.start])
        after = Self.oneLine(text[span.end..<end])
    }

    static func oneLine(_ s: String) -> String {
        String(s.unicodeScalars.map { $0 == "\n" || $0 == "\r" || $0 == "\t" ? " " : Character($0) })
    }
}
