import GlossKit
@testable import GlossPlaces

/// One expected span: its surface text, label and value. Offsets are found in the sentence,
/// searching forward from the previous expected span, so the test asserts exact boundaries.
struct Expect: Sendable, CustomStringConvertible {
    let surface: String
    let label: String
    let value: String
    var kind: String?
    /// How many earlier whole-word occurrences of the surface to pass over.
    var skip = 0

    static func place(_ surface: String, _ value: String, kind: String? = nil, skip: Int = 0) -> Expect {
        Expect(surface: surface, label: "PLACE", value: value, kind: kind, skip: skip)
    }
    static func norp(_ surface: String, _ value: String, skip: Int = 0) -> Expect {
        Expect(surface: surface, label: "NORP", value: value, kind: nil, skip: skip)
    }
    var description: String { "\(label)(\(surface)=\(value))" }
}

/// A span reduced to what the tests compare.
struct Found: Hashable, CustomStringConvertible {
    let start: Int
    let end: Int
    let text: String
    let label: String
    let value: String
    var description: String { "\(label)[\(start)..<\(end)](\(text)=\(value))" }
}

enum Support {
    static let extractor: PlacesExtractor? = try? PlacesExtractor()

    static func run(_ sentence: String) throws -> (DocumentText, [SpanDraft]) {
        guard let extractor else { throw PlacesDataError.missingResource("gazetteer") }
        let document = Document(name: "test", text: sentence)
        return (document.text, try extractor.extract(document))
    }

    /// The code-point offset of `needle` in `haystack` at or after `from` that ends a word,
    /// passing over `skip` such occurrences and the spans in `used`.
    static func find(_ needle: [Unicode.Scalar], in haystack: [Unicode.Scalar], from: Int,
                     skip: Int, skipping used: Set<Range<Int>>) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        var i = max(0, from)
        var toSkip = skip
        while i + needle.count <= haystack.count {
            let end = i + needle.count
            let endsWord = end == haystack.count || !(haystack[end].properties.isAlphabetic)
            if endsWord, Array(haystack[i..<end]) == needle, !used.contains(i..<end) {
                if toSkip == 0 { return i }
                toSkip -= 1
            }
            i += 1
        }
        return nil
    }

    /// Expected spans with their offsets, in document order.
    static func locate(_ expected: [Expect], in text: DocumentText) -> [Found]? {
        var result: [Found] = []
        var from = 0
        var used = Set<Range<Int>>()
        for e in expected {
            let needle = Array(e.surface.unicodeScalars)
            guard let start = find(needle, in: text.scalars, from: from, skip: e.skip, skipping: used) else { return nil }
            used.insert(start..<(start + needle.count))
            result.append(Found(start: start, end: start + needle.count, text: e.surface, label: e.label, value: e.value))
            from = start
        }
        return result
    }

    static func found(_ spans: [SpanDraft], in text: DocumentText) -> [Found] {
        spans.map { Found(start: $0.start, end: $0.end, text: text[$0.start..<$0.end], label: $0.label,
                          value: $0.value?.text ?? "") }
    }
}
