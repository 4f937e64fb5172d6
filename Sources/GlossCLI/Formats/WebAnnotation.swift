import GlossKit
import GlossStore

/// A span as a W3C Web Annotation (JSON-LD): the label and value as textual bodies, the target
/// selected by a TextPositionSelector (code points, as the model specifies) and a
/// TextQuoteSelector (exact text with up to 32 code points of prefix and suffix).
enum WebAnnotation {
    static func json(_ span: Span, text: DocumentText) -> String {
        var s = "{\"@context\":\"http://www.w3.org/ns/anno.jsonld\",\"id\":\"urn:gloss:span:\(span.id)\",\"type\":\"Annotation\",\"body\":["
        s += "{\"type\":\"TextualBody\",\"purpose\":\"tagging\",\"value\":"
        SpanJSON.appendString(span.label, to: &s)
        s += "}"
        if let value = span.value {
            s += ",{\"type\":\"TextualBody\",\"purpose\":\"identifying\",\"value\":"
            SpanJSON.appendString(value.text, to: &s)
            s += "}"
        }
        for (key, value) in span.attributes.sorted(by: { $0.key < $1.key }) {
            s += ",{\"type\":\"TextualBody\",\"purpose\":\"describing\",\"value\":"
            SpanJSON.appendString("\(key)=\(value)", to: &s)
            s += "}"
        }
        s += "],\"target\":{\"source\":"
        SpanJSON.appendString(span.document, to: &s)
        s += ",\"selector\":[{\"type\":\"TextPositionSelector\",\"start\":\(span.start),\"end\":\(span.end)},"
        s += "{\"type\":\"TextQuoteSelector\",\"exact\":"
        SpanJSON.appendString(span.text, to: &s)
        s += ",\"prefix\":"
        SpanJSON.appendString(text[max(0, span.start - 32)..<span.start], to: &s)
        s += ",\"suffix\":"
        SpanJSON.appendString(text[span.end..<min(text.count, span.end + 32)], to: &s)
        s += "}]},\"creator\":{\"type\":\"Software\",\"name\":"
        SpanJSON.appendString(span.source, to: &s)
        s += "}}"
        return s
    }
}
