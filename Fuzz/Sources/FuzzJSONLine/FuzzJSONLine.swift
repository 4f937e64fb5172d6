import Foundation
import FuzzSupport
import GlossCLI
#if canImport(Glibc)
import Glibc
#endif

/// libFuzzer entry point for the JSON-lines document reader of `gloss annotate -`.
///
/// Properties: `UTF8Check` agrees with the standard library's UTF-8 validation and names the
/// first bad byte (everything before it is valid); `InputDocuments.decode` returns exactly the
/// input bytes or an `InputError`; `InputDocuments.parseJSONLine` returns a named, non-empty
/// document or an `InputError` of one line that names the line.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : size)
    let input = Data(bytes)

    let invalid = UTF8Check.firstInvalidByte(bytes)
    let valid = String(validating: input, as: UTF8.self) != nil
    if (invalid == nil) != valid { fail("UTF8Check says \(invalid.map { "invalid at \($0)" } ?? "valid"), the standard library disagrees", input) }
    if let invalid, String(validating: input.prefix(invalid), as: UTF8.self) == nil {
        fail("UTF8Check names byte \(invalid), but the bytes before it are not valid either", input)
    }

    do {
        let text = try InputDocuments.decode(input, what: "fuzz")
        if !text.utf8.elementsEqual(input) { fail("decode changed the bytes", input) }
    } catch let error as InputError {
        check(error, prefix: "fuzz:", input)
    } catch {
        fail("decode threw \(type(of: error)): \(error)", input)
    }

    do {
        let document = try InputDocuments.parseJSONLine(input, number: 7, maximumBytes: 1 << 16)
        if document.name.isEmpty || document.text.isEmpty { fail("a document without a name or text", input) }
    } catch let error as InputError {
        check(error, prefix: "stdin line 7:", input)
    } catch {
        fail("parseJSONLine threw \(type(of: error)): \(error)", input)
    }
    return 0
}

/// An input error is one line naming where the problem is.
func check(_ error: InputError, prefix: String, _ input: Data) {
    if !error.description.hasPrefix(prefix) { fail("error does not start with \(prefix.debugDescription): \(error.description)", input) }
    if error.description.contains("\n") { fail("error of several lines: \(error.description.debugDescription)", input) }
}

func fail(_ message: String, _ input: Data) -> Never {
    violated("\(message)\ninput: \(Array(input.prefix(200)))")
}

/// Runs libFuzzer on `fuzz` (see `runFuzzer`).
@main
enum Main {
    static func main() { runFuzzer(fuzz) }
}
