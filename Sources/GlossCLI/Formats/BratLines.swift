import GlossKit
import GlossStore

/// brat standoff lines for a span: `T` (text-bound annotation), one `A` line per attribute and
/// an `AnnotatorNotes` line carrying the normalized value. brat offsets are code points, like ours.
///
/// What a line cannot hold is written with percent escapes (``PercentEscapes``) that `gloss
/// import` reads back: the whitespace and quotes of attribute names and values, the tabs and
/// line breaks of a note. An empty attribute value is written `""` (brat reads an attribute
/// without a value as a binary one, `true`).
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
            lines.append("#\(number)\tAnnotatorNotes \(id)\t\(PercentEscapes.notes.escaping(value.text))")
        }
        return lines
    }

    /// brat attribute names and values are single tokens: a space is written `%20` (a tab, a
    /// line feed, a carriage return and a double quote `%09`, `%0A`, `%0D` and `%22`), and a `%`
    /// that would read as an escape `%25` (``PercentEscapes/tokens``); the empty string is `""`,
    /// which no escaped string can be. Import reads them back (``token(reading:)``).
    static func token(_ s: String) -> String {
        s.isEmpty ? emptyToken : PercentEscapes.tokens.escaping(s)
    }

    /// The string an attribute name or value written by ``token(_:)`` stands for.
    static func token(reading written: some StringProtocol) -> String {
        written == emptyToken ? "" : PercentEscapes.tokens.unescaping(written)
    }

    /// How an empty attribute value is written.
    private static let emptyToken = "\"\""
}
