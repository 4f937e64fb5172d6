import Foundation
import FuzzSupport
import GlossCLI
import GlossStore
#if canImport(Glibc)
import Glibc
#endif

/// libFuzzer entry point for the span importers of `gloss import`: the input is read both as
/// span JSON lines and as a brat `.ann` file.
///
/// Properties: each parser returns spans or an `InputError` of one line naming the file (and
/// line); every span names its origin line, brat spans name the document given, and values
/// are well-formed (finite decimals, dates that read back).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let input = Data(UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : size))
    do {
        let spans = try SpanFiles.parseJSONLines(input, path: "fuzz.jsonl")
        check(spans, origin: "fuzz.jsonl:", document: nil)
    } catch let error as InputError {
        check(error, prefix: "fuzz.jsonl")
    } catch {
        violated("parseJSONLines threw \(type(of: error)): \(error)")
    }
    do {
        let spans = try SpanFiles.parseAnn(input, file: "fuzz.ann", document: "doc.txt")
        check(spans, origin: "fuzz.ann:", document: "doc.txt")
    } catch let error as InputError {
        check(error, prefix: "fuzz.ann")
    } catch {
        violated("parseAnn threw \(type(of: error)): \(error)")
    }
    return 0
}

func check(_ spans: [ImportedSpan], origin: String, document: String?) {
    for span in spans {
        if !span.origin.hasPrefix(origin) { violated("span origin \(span.origin.debugDescription)") }
        if let document, span.document != document { violated("brat span for \(span.document.debugDescription)") }
        if span.draft.label.isEmpty { violated("span without a label at \(span.origin)") }
        if let problem = valueProblem(span.draft.value, emptyStrings: true) { violated("\(span.origin): \(problem)") }
    }
}

func check(_ error: InputError, prefix: String) {
    if !error.description.hasPrefix(prefix) { violated("error does not name the file: \(error.description.debugDescription)") }
    if error.description.contains("\n") { violated("error of several lines: \(error.description.debugDescription)") }
}

/// Runs libFuzzer on `fuzz` (see `runFuzzer`).
@main
enum Main {
    static func main() { runFuzzer(fuzz) }
}
