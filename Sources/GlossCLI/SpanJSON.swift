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
        output.literal("{\"doc\":")
        output.jsonString(span.document)
        output.literal(",\"id\":")
        output.integer(span.id)
        output.literal(",\"start\":")
        output.integer(span.start)
        output.literal(",\"end\":")
        output.integer(span.end)
        output.literal(",\"text\":")
        output.jsonString(span.text)
        output.literal(",\"label\":")
        output.jsonString(span.label)
        output.literal(",\"value\":")
        writeValue(span.valueRef, into: &output)
        output.literal(",\"attrs\":{")
        var first = true
        span.attributesRef.forEach { key, value in
            if !first { output.byte(0x2C) }
            first = false
            output.jsonString(key)
            output.byte(0x3A)
            output.jsonString(value)
        }
        output.literal("},\"source\":")
        output.jsonString(span.source)
        output.literal(",\"confidence\":")
        writeConfidence(span.confidence, into: &output)
        output.literal("}\n")
    }

    /// Writes a stored value in place (a string value is escaped straight from the map).
    static func writeValue(_ value: SpanValueRef?, into output: inout OutputBuffer) {
        switch value {
        case nil: output.literal("null")
        case .integer(let n)?: output.integer(n)
        case .decimal(let d)?:
            if d == d.rounded(), abs(d) < 1e15 {
                output.integer(Int64(d))
            } else {
                output.write(d.isFinite ? SpanValue.decimal(d).text : "null")
            }
        case .string(let bytes)?: output.jsonString(bytes)
        case .date(let date)?: writeDate(date, into: &output)
        }
    }

    /// `"YYYY"`, `"YYYY-MM"` or `"YYYY-MM-DD"` (the same text as ``SpanDate/iso``), without a String.
    static func writeDate(_ date: SpanDate, into output: inout OutputBuffer) {
        func digits(_ n: Int, _ width: Int) {
            var divisor = 1
            for _ in 1..<width { divisor *= 10 }
            var rest = n
            while divisor > 0 {
                output.byte(UInt8(truncatingIfNeeded: 0x30 + rest / divisor % 10))
                rest %= divisor
                divisor /= 10
            }
        }
        output.byte(0x22)
        digits(date.year, 4)
        if let month = date.month {
            output.byte(0x2D)
            digits(month, 2)
            if let day = date.day {
                output.byte(0x2D)
                digits(day, 2)
            }
        }
        output.byte(0x22)
    }


    /// Confidence rounded to 4 decimals (it is stored to 1/65535): `1`, `0`, or `0.` and up to
    /// four digits without trailing zeros.
    static func confidence(_ c: Double) -> String {
        var output = OutputBuffer.collector()
        writeConfidence(c, into: &output)
        return output.collected
    }

    static func writeConfidence(_ c: Double, into output: inout OutputBuffer) {
        let tenThousandths = Int((min(max(c, 0), 1) * 10_000).rounded())
        if tenThousandths >= 10_000 { output.byte(0x31); return }
        if tenThousandths == 0 { output.byte(0x30); return }
        output.byte(0x30)
        output.byte(0x2E)
        var digits = tenThousandths
        var width = 4
        while digits % 10 == 0 {
            digits /= 10
            width -= 1
        }
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        while divisor > 0 {
            output.byte(UInt8(truncatingIfNeeded: 0x30 + digits / divisor % 10))
            divisor /= 10
        }
    }

    /// Appends `text` as a JSON string (quoted, escaped as ``OutputBuffer/jsonString(_:)`` does).
    static func appendString(_ text: String, to s: inout String) {
        var output = OutputBuffer.collector()
        output.jsonString(text)
        s += output.collected
    }
}
