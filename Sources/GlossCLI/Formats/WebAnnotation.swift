import GlossKit
import GlossStore

/// A span as a W3C Web Annotation (JSON-LD): the label and value as textual bodies, the target
/// selected by a TextPositionSelector (code points, as the model specifies) and a
/// TextQuoteSelector (exact text with up to 32 code points of prefix and suffix).
enum WebAnnotation {
    /// Writes the annotation of `span` (in `text`, its document's text) as one JSON object,
    /// without the newline.
    static func write(_ span: SpanRef, text: DocumentText, into output: inout OutputBuffer) {
        output.literal("{\"@context\":\"http://www.w3.org/ns/anno.jsonld\",\"id\":\"urn:gloss:span:")
        output.integer(span.id)
        output.literal("\",\"type\":\"Annotation\",\"body\":[{\"type\":\"TextualBody\",\"purpose\":\"tagging\",\"value\":")
        output.jsonString(span.label)
        output.byte(0x7D)
        if let value = span.value {
            output.literal(",{\"type\":\"TextualBody\",\"purpose\":\"identifying\",\"value\":")
            output.jsonString(value.text)
            output.byte(0x7D)
        }
        // Attributes come in key order.
        span.attributesRef.forEach { key, value in
            output.literal(",{\"type\":\"TextualBody\",\"purpose\":\"describing\",\"value\":\"")
            output.jsonEscaped(key)
            output.byte(0x3D)
            output.jsonEscaped(value)
            output.literal("\"}")
        }
        output.literal("],\"target\":{\"source\":")
        output.jsonString(span.document)
        output.literal(",\"selector\":[{\"type\":\"TextPositionSelector\",\"start\":")
        output.integer(span.start)
        output.literal(",\"end\":")
        output.integer(span.end)
        output.literal("},{\"type\":\"TextQuoteSelector\",\"exact\":")
        output.jsonString(span.text)
        output.literal(",\"prefix\":")
        output.jsonString(text[max(0, span.start - 32)..<span.start])
        output.literal(",\"suffix\":")
        output.jsonString(text[span.end..<min(text.count, span.end + 32)])
        output.literal("}]},\"creator\":{\"type\":\"Software\",\"name\":")
        output.jsonString(span.source)
        output.literal("}}")
    }
}
