import GlossKit
import GlossStore

/// brat standoff lines for a span: `T` (text-bound annotation), one `A` line per attribute and
/// an `AnnotatorNotes` line carrying the normalized value. brat offsets are code points, like ours.
enum BratLines {
    static func lines(for span: Span, number: Int, attributeCounter: inout Int) -> [String] {
        let id = "T\(number)"
        let text = span.text.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\t", with: " ")
        var lines = ["\(id)\t\(span.label) \(span.start) \(span.end)\t\(text)"]
        for (key, value) in span.attributes.sorted(by: { $0.key < $1.key }) {
            attributeCounter += 1
            lines.append("A\(attributeCounter)\t\(token(key)) \(id) \(token(value))")
        }
        if let value = span.value {
            lines.append("#\(number)\tAnnotatorNotes \(id)\t\(value.text.replacingOccurrences(of: "\n", with: " "))")
        }
        return lines
    }

    /// brat attribute names and values are single tokens: a space is written `%20` (a tab, a
    /// line feed and a carriage return `%09`, `%0A` and `%0D`), and a `%` that would read as an
    /// escape `%25` (``PercentEscapes/tokens``); import reads them back.
    static func token(_ s: String) -> String {
        PercentEscapes.tokens.escaping(s)
    }
}
