import Foundation
import FuzzSupport
import GlossCLI

/// Read-only subcommands whose options are fuzzed; `query` gets most inputs.
let commands = ["query", "export", "eval", "show", "docs", "stats", "check"]

/// libFuzzer entry point for the command-line parser: the input, split at newlines and NUL
/// bytes, is the argument list of `gloss query` (or, when the first byte is 0x80 or more, of
/// another read-only subcommand). Only parsing and validation run — never a command — and the
/// error message `gloss` would print is formatted. Property: no crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data, size > 0 else { return 0 }
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let command = bytes[0] < 0x80 ? "query" : commands[Int(bytes[0] - 0x80) % commands.count]
    let rest = bytes[0] < 0x80 ? bytes[...] : bytes.dropFirst()
    let arguments = rest.split(omittingEmptySubsequences: false) { $0 == 0x0A || $0 == 0 }
        .map { String(decoding: $0, as: UTF8.self) }
    do {
        _ = try Gloss.parseAsRoot([command] + arguments)
    } catch {
        _ = Gloss.fullMessage(for: error)
        _ = Gloss.exitCode(for: error)
    }
    return 0
}

/// Runs libFuzzer on `fuzz` (see `runFuzzer`).
@main
enum Main {
    static func main() { runFuzzer(fuzz) }
}
