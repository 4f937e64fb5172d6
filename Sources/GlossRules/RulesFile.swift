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

    /// Parses YAML (JSON is read as JSON when the file ends in `.json`).
    static func parse(_ text: String, path: String) throws -> RulesFile {
        do {
            if path.hasSuffix(".json") {
                return try JSONDecoder().decode(RulesFile.self, from: Data(text.utf8))
            }
            return try YAMLDecoder().decode(RulesFile.self, from: text)
        } catch let error as DecodingError {
            throw RulesError(path: path, problem: describe(error))
        } catch {
            throw RulesError(path: path, problem: "\(error)")
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
