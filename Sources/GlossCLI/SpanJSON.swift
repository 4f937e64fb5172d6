import GlossKit
import GlossStore

/// The JSON-lines form of a span, written by hand for speed and a stable key order:
/// `doc, id, start, end, text, label, value, attrs, source, confidence`.
enum SpanJSON {
    static func line(_ span: Span) -> String {
        var s = "{\"doc\":"
        appendString(span.document, to: &s)
        s += ",\"id\":\(span.id),\"start\":\(span.start),\"end\":\(span.end),\"text\":"
        appendString(span.text, to: &s)
        s += ",\"label\":"
        appendString(span.label, to: &s)
        s += ",\"value\":"
        appendValue(span.value, to: &s)
        s += ",\"attrs\":{"
        for (i, key) in span.attributes.keys.sorted().enumerated() {
            if i > 0 { s += "," }
            appendString(key, to: &s)
            s += ":"
            appendString(span.attributes[key] ?? "", to: &s)
        }
        s += "},\"source\":"
        appendString(span.source, to: &s)
        s += ",\"confidence\":\(confidence(span.confidence))}"
        return s
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
        switch span.value {
        case nil: output.write("null")
        case .integer(let n)?: output.integer(n)
        case .decimal(let d)?: output.write(d.isFinite ? SpanValue.decimal(d).text : "null")
        case .string(let text)?: output.jsonString(text)
        case .date(let date)?: output.jsonString(date.iso)
        }
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
        switch value {
        case nil: s += "null"
        case .integer(let n): s += String(n)
        case .decimal(let d): s += d.isFinite ? SpanValue.decimal(d).text : "null"
        case .string(let text): appendString(text, to: &s)
        case .date(let date): appendString(date.iso, to: &s)
        }
    }

    /// Confidence rounded to 4 decimals (it is stored to 1/65535).
    static func confidence(_ c: Double) -> String {
        let rounded = (c * 10_000).rounded() / 10_000
        return rounded == 1 ? "1" : rounded == 0 ? "0" : String(rounded)
    }

    static func appendString(_ text: String, to s: inout String) {
        // Most texts need no escaping: append them whole.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0xE2 }) {
            s += "\""
            s += text
            s += "\""
            return
        }
        s += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": s += "\\\""
            case "\\": s += "\\\\"
            case "\n": s += "\\n"
            case "\r": s += "\\r"
            case "\t": s += "\\t"
            case "\u{2028}": s += "\\u2028"
            case "\u{2029}": s += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    s += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    s.unicodeScalars.append(scalar)
                }
            }
        }
        s += "\""
    }
}
