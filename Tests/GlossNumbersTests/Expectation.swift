import GlossKit

/// One span a test sentence must produce: its surface text (found in the sentence, the `nth`
/// occurrence), label, value and attributes.
struct Expect: Sendable, CustomStringConvertible {
    let text: String
    let label: String
    let value: SpanValue
    let attributes: [String: String]
    let nth: Int

    var description: String { "\(label) «\(text)» = \(value.text) \(attributes)" }

    /// A NUMBER span with its value and kind (and any further attributes to check).
    static func n(_ text: String, _ value: Double, _ kind: String = "cardinal", nth: Int = 0,
                  _ attributes: [String: String] = [:]) -> Expect {
        let v: SpanValue = abs(value) < 9e15 && Double(Int64(value)) == value ? .integer(Int64(value)) : .decimal(value)
        var a = attributes
        a["kind"] = kind
        return Expect(text: text, label: "NUMBER", value: v, attributes: a, nth: nth)
    }

    /// A clock time.
    static func time(_ text: String) -> Expect {
        Expect(text: text, label: "NUMBER", value: .string(text), attributes: ["kind": "time"], nth: 0)
    }

    /// A DATE span with its ISO value.
    static func d(_ text: String, _ iso: String, nth: Int = 0) -> Expect {
        Expect(text: text, label: "DATE", value: SpanDate(iso: iso).map { .date($0) } ?? .string(iso),
               attributes: [:], nth: nth)
    }
}

/// A test sentence with every span it must produce (and no other).
struct Case: Sendable, CustomStringConvertible {
    let sentence: String
    let expected: [Expect]
    let language: String

    init(_ sentence: String, _ expected: [Expect], language: String = "ar") {
        self.sentence = sentence
        self.expected = expected
        self.language = language
    }

    var description: String { sentence }
}

/// Code-point helpers for locating expected text in a sentence.
enum Locate {
    /// The code-point range of the `nth` occurrence of `needle` in `haystack` whose digit and
    /// Latin-letter edges are word boundaries (Arabic may carry proclitics before it).
    static func range(of needle: String, in haystack: String, nth: Int) -> Range<Int>? {
        let h = Array(haystack.unicodeScalars)
        let n = Array(needle.unicodeScalars)
        guard !n.isEmpty, n.count <= h.count else { return nil }
        var seen = 0
        for i in 0...(h.count - n.count) where Array(h[i..<(i + n.count)]) == n {
            if let first = n.first, isBoundaryClass(first), i > 0, sameClass(h[i - 1], first) { continue }
            if let last = n.last, isBoundaryClass(last), i + n.count < h.count, sameClass(h[i + n.count], last) { continue }
            if seen == nth { return i..<(i + n.count) }
            seen += 1
        }
        return nil
    }

    private static func isBoundaryClass(_ s: Unicode.Scalar) -> Bool {
        s.properties.numericType != nil || (s.isASCII && s.properties.isAlphabetic)
    }

    private static func sameClass(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> Bool {
        if a.properties.numericType != nil && b.properties.numericType != nil { return true }
        return a.isASCII && b.isASCII && a.properties.isAlphabetic && b.properties.isAlphabetic
    }
}

extension SpanValue {
    /// Equal values, with a relative tolerance for decimals.
    func matches(_ other: SpanValue) -> Bool {
        if let a = number, let b = other.number {
            return abs(a - b) <= 1e-9 * max(1, abs(a), abs(b))
        }
        return self == other
    }
}
