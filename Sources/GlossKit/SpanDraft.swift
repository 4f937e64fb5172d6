/// A span as an extractor proposes it, before the store gives it an id and a source.
///
/// Offsets are Unicode code points into the document text, end exclusive — the convention of
/// Python strings, spaCy, brat and the W3C Web Annotation model.
public struct SpanDraft: Sendable, Hashable {
    /// First code point of the span.
    public var start: Int
    /// One past the last code point of the span.
    public var end: Int
    /// The label, one of the extractor's declared ``Extractor/labels``.
    public var label: String
    /// The normalized value, if the extractor computed one.
    public var value: SpanValue?
    /// How sure the extractor is, from 0 to 1.
    public var confidence: Double
    /// Small string attributes such as `kind` or `currency`.
    public var attributes: [String: String]

    /// Creates a span draft.
    public init(start: Int, end: Int, label: String, value: SpanValue? = nil,
                confidence: Double = 1, attributes: [String: String] = [:]) {
        self.start = start
        self.end = end
        self.label = label
        self.value = value
        self.confidence = confidence
        self.attributes = attributes
    }

    /// The reason this draft cannot be stored for a text of `textLength` code points by an
    /// extractor that declared `labels`, or `nil` when it is valid.
    public func problem(textLength: Int, labels: Set<String>) -> String? {
        if start < 0 || end > textLength {
            return "span \(start)..<\(end) lies outside the text (\(textLength) code points)"
        }
        if start >= end { return "span \(start)..<\(end) is empty or reversed (start must be < end)" }
        if !labels.contains(label) {
            return "span \(start)..<\(end) has label \(label.debugDescription), which the extractor did not declare"
        }
        if let problem = Self.labelProblem(label) { return "span \(start)..<\(end): \(problem)" }
        if !(0...1).contains(confidence) {
            return "span \(start)..<\(end) has confidence \(confidence), outside 0...1"
        }
        if case .decimal(let d) = value, !d.isFinite {
            return "span \(start)..<\(end) has a non-finite value"
        }
        if attributes.keys.contains(where: \.isEmpty) {
            return "span \(start)..<\(end) has an attribute with an empty name"
        }
        return nil
    }

    /// Why `label` cannot be a span's label, or `nil` when it can. A label is one word: not
    /// empty, without whitespace or control characters, which the exchange formats use to
    /// separate their fields (brat's `T1<TAB>LABEL START END`, CoNLL's `TOKEN<TAB>B-LABEL`).
    public static func labelProblem(_ label: String) -> String? {
        if label.isEmpty { return "a label is empty; labels must be words such as PERSON" }
        let isBad = { (c: Unicode.Scalar) in c.properties.isWhitespace || c.properties.generalCategory == .control }
        guard let bad = label.unicodeScalars.first(where: isBad) else { return nil }
        let hex = String(bad.value, radix: 16, uppercase: true)
        let character = switch bad {
        case " ": "a space"
        case "\t": "a tab"
        case "\n", "\r": "a line break"
        default: "the character U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        }
        let words = label.unicodeScalars.split(whereSeparator: isBad).map { String(String.UnicodeScalarView($0)) }
        return "the label \(label.debugDescription) contains \(character), but labels must be single words, without spaces or "
            + "control characters (brat and CoNLL files could not hold it): "
            + (words.isEmpty ? "use a word such as PERSON" : "write it as \(words.joined(separator: "_").debugDescription)")
    }
}
