import GlossKit
import GlossStore

/// The JSON-lines form of a span, written by hand for speed and a stable key order:
/// `doc, id, start, end, text, label, value, attrs, source, confidence`.
enum SpanJSON {
    /// One span as a JSON line (without the newline); the same bytes as ``write(_:into:)``.
    static func line(_ span: Span) -> String {
        var output = OutputBuffer.collector()
        span.withReference { write($0, into: &output) }
        var line = output.collected
        line.removeLast()
        return line
    }

    /// Writes a span reference as one JSON line straight into `output` (no intermediate String).
    static func write(_ span: SpanRef, into output: inout OutputBuffer) {
        output.write("{\"doc\":")
        output.jsonString(span.document)
        output.write(",\"id\":")
        output.integer(span.id)
        output.write(",\"start\":")
        output.integer(span.start)
        output.write(",\"end\":")
        output.integer(span.end)
        output.write(",\"text\":")
        output.jsonString(span.text)
        output.write(",\"label\":")
        output.jsonString(span.label)
        output.write(",\"value\":")
        writeValue(span.value, into: &output)
        output.write(",\"attrs\":{")
        for (i, attribute) in span.attributes.enumerated() {
            if i > 0 { output.byte(0x2C) }
            output.jsonString(attribute.key)
            output.byte(0x3A)
            output.jsonString(attribute.value)
        }
        output.write("},\"source\":")
        output.jsonString(span.source)
        output.write(",\"confidence\":")
        output.write(confidence(span.confidence))
        output.write("}\n")
    }

    static func appendValue(_ value: SpanValue?, to s: inout String) {
        var output = OutputBuffer.collector()
        writeValue(value, into: &output)
        s += output.collected
    }

    static func writeValue(_ value: SpanValue?, into output: inout OutputBuffer) {
        switch value {
        case nil: output.write("null")
        case .integer(let n)?: output.integer(n)
        case .decimal(let d)?: output.write(d.isFinite ? SpanValue.decimal(d).text : "null")
        case .string(let text)?: output.jsonString(text)
        case .date(let date)?: output.jsonString(date.iso)
        }
    }

    /// Confidence rounded to 4 decimals (it is stored to 1/65535).
    static func confidence(_ c: Double) -> String {
        let rounded = (c * 10_000).rounded() / 10_000
        return rounded == 1 ? "1" : rounded == 0 ? "0" : String(rounded)
    }

    /// Appends `text` as a JSON string (quoted, escaped as ``OutputBuffer/jsonString(_:)`` does).
    static func appendString(_ text: String, to s: inout String) {
        var output = OutputBuffer.collector()
        output.jsonString(text)
        s += output.collected
    }
}
