import GlossKit
#if canImport(Glibc)
import Glibc
#endif

/// Stops the fuzzer when a property does not hold: the message goes to stderr and `abort()`
/// makes libFuzzer save the input as a crash artifact.
public func violated(_ message: String) -> Never {
    report("gloss fuzz: property violated: \(message)\n")
    abort()
}

/// Writes `message` to standard error, unbuffered.
public func report(_ message: String) {
    var bytes = Array(message.utf8)
    _ = write(2, &bytes, bytes.count)
}

/// The fuzz input as text: UTF-8 with invalid sequences repaired (extractors are given any
/// valid string; invalid bytes never reach them).
public func fuzzText(_ data: UnsafePointer<UInt8>?, _ size: Int) -> String {
    guard let data, size > 0 else { return "" }
    return String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
}

/// The problem with a span value, or nil when it is well-formed: decimals finite, dates that
/// survive their ISO form, and strings not empty unless `emptyStrings` (an imported file may
/// say `"value": ""`; an extractor has no business producing it).
public func valueProblem(_ value: SpanValue?, emptyStrings: Bool = false) -> String? {
    switch value {
    case nil, .integer?: return nil
    case .decimal(let d)?: return d.isFinite ? nil : "non-finite decimal \(d)"
    case .string(let s)?: return s.isEmpty && !emptyStrings ? "empty string value" : nil
    case .date(let date)?:
        return SpanDate(iso: date.iso) == date ? nil : "date \(date.iso) does not read back from its ISO form"
    }
}

/// Runs `extractor` on `text` twice and checks the extractor contract: no throw, every span
/// inside the text with start < end and a declared label, confidence in 0...1, a well-formed
/// value, and the same spans both times (re-annotating relies on it).
public func checkExtractor(_ extractor: any Extractor, on text: String) {
    let document = Document(name: "fuzz.txt", text: text)
    let labels = Set(extractor.labels)
    let first: [SpanDraft]
    let second: [SpanDraft]
    do {
        first = try extractor.extract(document)
        second = try extractor.extract(Document(name: "fuzz.txt", text: text))
    } catch {
        violated("\(extractor.source) threw \(error) on \(text.debugDescription)")
    }
    for span in first {
        if let problem = span.problem(textLength: document.text.count, labels: labels) {
            violated("\(extractor.source): \(problem) in \(text.debugDescription)")
        }
        if let problem = valueProblem(span.value) {
            violated("\(extractor.source): span \(span.start)..<\(span.end) \(document.text[span.start..<span.end].debugDescription): \(problem)")
        }
    }
    if first != second { violated("\(extractor.source) gave different spans on the same text \(text.debugDescription)") }
}
