import Foundation
import Yams

/// The contents of a rules file (YAML or JSON), as written by a user.
///
/// ```yaml
/// id: security              # optional; default: the file name
/// phrases:
///   - label: WEAPON
///     attrs: {kind: aircraft}
///     list: ["F-16", "طائرة مسيرة", drone]
///     file: weapons.txt       # one phrase a line, relative to this file; "phrase<TAB>value" sets a value
/// patterns:
///   - label: TROOPS
///     value_from: span        # the value of the captured span (here the NUMBER's value)
///     tokens:
///       - {label: NUMBER, capture: true}
///       - {norm: [جندي, جنود, عسكري, soldiers, troops]}
/// ```
struct RulesFile: Decodable {
    var id: String?
    var phrases: [PhraseRule]?
    var patterns: [PatternRule]?

    struct PhraseRule: Decodable {
        var label: String
        var list: [String]?
        var file: String?
        var value: String?
        var attrs: [String: String]?
        var caseSensitive: Bool?
        var confidence: Double?

        enum CodingKeys: String, CodingKey {
            case label, list, file, value, attrs, confidence
            case caseSensitive = "case_sensitive"
        }
    }

    struct PatternRule: Decodable {
        var label: String
        var tokens: [TokenSpec]
        var value: String?
        var valueFrom: String?
        var attrs: [String: String]?
        var confidence: Double?

        enum CodingKeys: String, CodingKey {
            case label, tokens, value, attrs, confidence
            case valueFrom = "value_from"
        }
    }

    struct TokenSpec: Decodable {
        var text: OneOrMany?
        var norm: OneOrMany?
        var regex: String?
        var label: String?
        var kind: String?
        var any: Bool?
        var op: String?
        var capture: Bool?
        var clitics: Bool?
    }

    /// A string or a list of strings.
    struct OneOrMany: Decodable {
        var values: [String]

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let one = try? container.decode(String.self) {
                values = [one]
            } else {
                values = try container.decode([String].self)
            }
        }
    }

    /// Parses YAML (JSON is read as JSON when the file ends in `.json`). Keys the format does
    /// not have are refused (a misspelled `valuefrom` would otherwise be ignored in silence).
    static func parse(_ text: String, path: String) throws -> RulesFile {
        guard text.contains(where: { !$0.isWhitespace }) else {
            throw RulesError(path: path, problem: "the file is empty (give phrases or patterns)")
        }
        do {
            let tree: Any?
            if path.hasSuffix(".json") {
                tree = try JSONSerialization.jsonObject(with: Data(text.utf8))
            } else {
                tree = try Yams.load(yaml: text)
            }
            if let problem = KnownKeys.top.problem(in: tree, at: "") { throw RulesError(path: path, problem: problem) }
            if path.hasSuffix(".json") {
                return try JSONDecoder().decode(RulesFile.self, from: Data(text.utf8))
            }
            return try YAMLDecoder().decode(RulesFile.self, from: text)
        } catch let error as RulesError {
            throw error
        } catch let error as DecodingError {
            throw RulesError(path: path, problem: describe(error))
        } catch let error as YamlError {
            // Yams says where (line and column) and what.
            throw RulesError(path: path, problem: "not valid YAML: \(error)")
        } catch {
            // Foundation's description says nothing; its debug description says what and where.
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
            throw RulesError(path: path, problem: "not valid JSON" + (detail.map { ": " + $0 } ?? ""))
        }
    }

    /// The keys each level of a rules file may use.
    private struct KnownKeys {
        let keys: [String]
        /// What the value of a key holds: a list of objects with their own keys.
        let lists: [String: KnownKeys]

        static let token = KnownKeys(keys: ["text", "norm", "regex", "label", "kind", "any", "op", "capture", "clitics"], lists: [:])
        static let phrase = KnownKeys(keys: ["label", "list", "file", "value", "attrs", "case_sensitive", "confidence"], lists: [:])
        static let pattern = KnownKeys(keys: ["label", "tokens", "value", "value_from", "attrs", "confidence"], lists: ["tokens": token])
        static let top = KnownKeys(keys: ["id", "phrases", "patterns"], lists: ["phrases": phrase, "patterns": pattern])

        /// The first key of `tree` (and of the lists below it) this level does not have, as a
        /// message; values of other shapes are left to the decoder to report.
        func problem(in tree: Any?, at place: String) -> String? {
            guard let object = tree as? [String: Any] else { return nil }
            for key in object.keys.sorted() where !keys.contains(key) {
                let location = place.isEmpty ? "" : " in \(place)"
                return "unknown key \"\(key)\"\(location) (known: \(keys.joined(separator: ", ")))"
            }
            for (key, level) in lists.sorted(by: { $0.key < $1.key }) {
                guard let items = object[key] as? [Any] else { continue }
                for (index, item) in items.enumerated() {
                    let name = (place.isEmpty ? "" : place + ".") + "\(key)[\(index)]"
                    if let problem = level.problem(in: item, at: name) { return problem }
                }
            }
            return nil
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        func at(_ path: [CodingKey]) -> String {
            path.isEmpty ? "" : "at " + path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".") + ": "
        }
        switch error {
        case .keyNotFound(let key, let context): return at(context.codingPath) + "missing \"\(key.stringValue)\""
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return at(context.codingPath) + context.debugDescription
        @unknown default: return "\(error)"
        }
    }
}

/// A problem with a rules file, naming the file.
public struct RulesError: Error, CustomStringConvertible, Sendable {
    /// The rules file.
    public let path: String
    /// What is wrong.
    public let problem: String

    public var description: String { "rules file \(path): \(problem)" }
}
