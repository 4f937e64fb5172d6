import Foundation
import GlossKit
import LMDB
@testable import GlossStore

/// A store in a fresh temporary directory, deleted with the object.
final class TemporaryStore {
    let directory: URL
    let store: GlossStore

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("gloss-store-test-\(UUID().uuidString)")
        var options = GlossStore.Options()
        options.durable = false
        options.initialMapSize = 1 << 20
        store = try GlossStore(path: directory.path, options: options)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }
}

/// The LMDB environment of the store at `path`, opened directly: for tests that rewrite a store
/// in an older schema's layout.
func rawEnvironment(_ path: String) throws -> Environment {
    var options = Environment.Options()
    options.mapSize = 1 << 24
    return try Environment(path: path, options: options)
}

/// Finds runs of ASCII or Arabic-Indic digits: label NUMBER, integer value.
struct DigitsExtractor: Extractor {
    var id = "digits"
    var version = "1"
    let labels = ["NUMBER"]

    func extract(_ document: Document) throws -> [SpanDraft] {
        document.text.tokens.filter { $0.kind == .number }.map { token in
            SpanDraft(start: token.start, end: token.end, label: "NUMBER",
                      value: Int64(token.normalized).map(SpanValue.integer), attributes: ["kind": "cardinal"])
        }
    }
}

/// Finds the words of a small list: label CITY, the English name as value.
struct CityExtractor: Extractor {
    let id = "cities"
    let version = "1"
    let labels = ["CITY"]
    let names: [String: String] = ["بغداد": "Baghdad", "الموصل": "Mosul", "Paris": "Paris"]

    func extract(_ document: Document) throws -> [SpanDraft] {
        var matcher = PhraseMatcher<String>()
        for (name, value) in names { matcher.add(name, payload: value) }
        return matcher.matches(in: document.text).map {
            SpanDraft(start: $0.start, end: $0.end, label: "CITY", value: .string($0.payloads[0]))
        }
    }
}

/// Every word as a WORD span with a few attributes (names in no particular order) and, for
/// some, a string value — for tests of how spans are encoded.
struct AttributedExtractor: Extractor {
    let id = "attributed"
    let version = "1"
    let labels = ["WORD", "LONG"]

    func extract(_ document: Document) throws -> [SpanDraft] {
        document.text.tokens.enumerated().compactMap { i, token in
            guard token.kind == .word else { return nil }
            let long = token.end - token.start > 4
            var attributes = ["zeta": "\(i)", "alpha": token.normalized, "mid": long ? "long" : "short"]
            if i % 3 == 0 { attributes["extra"] = "x" }
            return SpanDraft(start: token.start, end: token.end, label: long ? "LONG" : "WORD",
                             value: long ? .string(token.normalized) : nil, confidence: i % 2 == 0 ? 0.5 : 1, attributes: attributes)
        }
    }
}

/// Returns whatever drafts it is given, or throws — for validation tests.
struct ScriptedExtractor: Extractor {
    struct Failure: Error, CustomStringConvertible { var description: String { "scripted failure" } }
    let id = "scripted"
    let version = "1"
    let labels = ["THING"]
    let drafts: [SpanDraft]
    var fails = false

    func extract(_ document: Document) throws -> [SpanDraft] {
        if fails { throw Failure() }
        return drafts
    }
}
