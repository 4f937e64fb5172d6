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

    /// Streams the spans of `query` as JSON lines from the map into `output` (the fast path of
    /// `gloss query --format jsonl` and `gloss export --format jsonl`); stops when a write fails.
    static func writeAll(_ query: SpanQuery, from store: GlossStore, into output: inout OutputBuffer) throws {
        try store.forEachSpanReference(query) { span in
            write(span, into: &output)
            return !output.failed
        }
    }

    /// Writes a span reference as one JSON line straight into `output` (no intermediate String):
    /// the fields before the attributes, each attribute, and the rest each go into room
    /// reserved at once (see ``OutputBuffer/write(atMost:_:)``).
    static func write(_ span: SpanRef, into output: inout OutputBuffer) {
        // A decimal with a fractional part is written as its shortest text.
        var decimalText: String?
        var valueBytes = 0
        switch span.valueRef {
        case .string(let bytes)?: valueBytes = bytes.count
        case .decimal(let d)? where !(d == d.rounded() && abs(d) < 1e15):
            let text = d.isFinite ? SpanValue.decimal(d).text : "null"
            decimalText = text
            valueBytes = text.utf8.count
        default: break
        }
        let strings = span.document.utf8.count + span.text.count + span.label.utf8.count + valueBytes
        // Literals (65 bytes), three integers, the value (an integer or a date: 21 at most) and
        // four strings (the value's, when it is one).
        output.write(atMost: 65 + 4 * PieceWriter.integerRoom + 4 * PieceWriter.stringRoom(0) + 6 * strings) { line in
            line.literal("{\"doc\":")
            line.jsonString(span.document)
            line.literal(",\"id\":")
            line.integer(span.id)
            line.literal(",\"start\":")
            line.integer(span.start)
            line.literal(",\"end\":")
            line.integer(span.end)
            line.literal(",\"text\":")
            line.jsonString(span.text)
            line.literal(",\"label\":")
            line.jsonString(span.label)
            line.literal(",\"value\":")
            switch span.valueRef {
            case nil: line.literal("null")
            case .integer(let n)?: line.integer(n)
            case .decimal(let d)?:
                // Digits, a sign, a point and an exponent: nothing to escape.
                if let decimalText { line.jsonEscaped(decimalText) } else { line.integer(Int64(d)) }
            case .string(let bytes)?: line.jsonString(bytes)
            case .date(let date)?: writeDate(date, into: &line)
            }
            line.literal(",\"attrs\":{")
        }
        var first = true
        span.attributesRef.forEach { key, value in
            output.write(atMost: 2 + PieceWriter.stringRoom(key.utf8.count) + PieceWriter.stringRoom(value.count)) { line in
                if !first { line.byte(0x2C) }
                first = false
                line.jsonString(key)
                line.byte(0x3A)
                line.jsonString(value)
            }
        }
        // Literals (27 bytes), the confidence (6 at most) and the source.
        output.write(atMost: 33 + PieceWriter.stringRoom(span.source.utf8.count)) { line in
            line.literal("},\"source\":")
            line.jsonString(span.source)
            line.literal(",\"confidence\":")
            writeConfidence(span.confidence, into: &line)
            line.literal("}\n")
        }
    }

    /// `"YYYY"`, `"YYYY-MM"` or `"YYYY-MM-DD"` (the same text as ``SpanDate/iso``), without a
    /// String; 12 bytes at most.
    static func writeDate(_ date: SpanDate, into line: inout PieceWriter) {
        func digits(_ n: Int, _ width: Int) {
            var divisor = 1
            for _ in 1..<width { divisor *= 10 }
            var rest = n
            while divisor > 0 {
                line.byte(UInt8(truncatingIfNeeded: 0x30 + rest / divisor % 10))
                rest %= divisor
                divisor /= 10
            }
        }
        line.byte(0x22)
        digits(date.year, 4)
        if let month = date.month {
            line.byte(0x2D)
            digits(month, 2)
            if let day = date.day {
                line.byte(0x2D)
                digits(day, 2)
            }
        }
        line.byte(0x22)
    }

    /// Confidence rounded to 4 decimals (it is stored to 1/65535): `1`, `0`, or `0.` and up to
    /// four digits without trailing zeros.
    static func confidence(_ c: Double) -> String {
        var output = OutputBuffer.collector()
        output.write(atMost: 6) { writeConfidence(c, into: &$0) }
        return output.collected
    }

    /// Needs 6 bytes at most.
    static func writeConfidence(_ c: Double, into output: inout PieceWriter) {
        if c >= 1 { output.byte(0x31); return }
        let tenThousandths = Int((max(c, 0) * 10_000).rounded())
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
