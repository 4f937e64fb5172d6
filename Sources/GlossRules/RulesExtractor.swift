import Foundation
import GlossKit

/// An extractor defined by a rules file: phrase lists and token patterns, no compiling.
///
/// Phrases match on normalized text through Arabic clitics, like the built-in gazetteers
/// (``PhraseMatcher``). Token patterns match a sequence of token conditions — literal text,
/// normalized words, regular expressions, token kinds, or existing spans of another label —
/// each optionally repeated (`op: "?"`, `"*"`, `"+"`), and produce a span over the whole match
/// or over the elements marked `capture: true`. The extractor's id is the file's `id` (or name)
/// and its version a hash of the file and its phrase lists, so editing the rules re-runs them.
public struct RulesExtractor: Extractor {
    public let id: String
    public let version: String
    public let labels: [String]
    public let needs: [String]
    private let phrases: PhraseMatcher<PhrasePayload>
    private let patterns: [Pattern]

    /// Loads a rules file (YAML, or JSON when it ends in `.json`).
    public init(path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RulesError(path: path, problem: "cannot read the file")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw RulesError(path: path, problem: "the file is not UTF-8") }
        try self.init(text: text, path: path)
    }

    /// Builds the extractor from rules text; `path` names it in errors and anchors phrase files.
    public init(text: String, path: String) throws {
        let file = try RulesFile.parse(text, path: path)
        var hashInput = text
        let base = URL(fileURLWithPath: path).deletingLastPathComponent()
        var matcher = PhraseMatcher<PhrasePayload>()
        var labels: [String] = []
        func note(_ label: String, _ where_: String) throws {
            guard !label.isEmpty else { throw RulesError(path: path, problem: "\(where_): the label is empty") }
            if let problem = SpanDraft.labelProblem(label) { throw RulesError(path: path, problem: "\(where_): \(problem)") }
            if !labels.contains(label) { labels.append(label) }
        }
        for (n, rule) in (file.phrases ?? []).enumerated() {
            let place = "phrases[\(n)]"
            try note(rule.label, place)
            var entries: [(String, String?)] = (rule.list ?? []).map { ($0, nil) }
            if let list = rule.file {
                let url = list.hasPrefix("/") ? URL(fileURLWithPath: list) : base.appendingPathComponent(list)
                guard let contents = try? String(contentsOf: url, encoding: .utf8) else {
                    throw RulesError(path: path, problem: "\(place): cannot read the phrase file \(url.path)")
                }
                hashInput += contents
                for line in contents.split(whereSeparator: \.isNewline) where !line.trimmingCharacters(in: .whitespaces).isEmpty {
                    let parts = line.split(separator: "\t", maxSplits: 1)
                    entries.append((String(parts[0]).trimmingCharacters(in: .whitespaces), parts.count > 1 ? String(parts[1]) : nil))
                }
            }
            guard !entries.isEmpty else { throw RulesError(path: path, problem: "\(place): give phrases in \"list\" or \"file\"") }
            let attributes = rule.attrs ?? [:]
            for (phrase, value) in entries where !phrase.isEmpty {
                matcher.add(phrase, payload: PhrasePayload(label: rule.label, value: value ?? rule.value, attributes: attributes,
                                                           confidence: rule.confidence ?? 1, caseSensitive: rule.caseSensitive ?? false,
                                                           surface: phrase))
            }
        }
        var patterns: [Pattern] = []
        var needs: [String] = []
        for (n, rule) in (file.patterns ?? []).enumerated() {
            let place = "patterns[\(n)]"
            try note(rule.label, place)
            let pattern = try Pattern(rule, place: place, path: path)
            for label in pattern.neededLabels where !needs.contains(label) { needs.append(label) }
            patterns.append(pattern)
        }
        guard !labels.isEmpty else { throw RulesError(path: path, problem: "no rules: add \"phrases\" or \"patterns\"") }
        let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        let id = file.id ?? stem
        guard !id.isEmpty, id.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) else {
            throw RulesError(path: path, problem: "the id \(id.debugDescription) may hold only letters, digits, - _ and .")
        }
        self.id = id
        self.version = "rules-" + String(Self.hash(hashInput), radix: 16)
        self.labels = labels
        self.needs = needs
        self.phrases = matcher
        self.patterns = patterns
    }

    public func extract(_ document: Document) throws -> [SpanDraft] {
        var drafts: [SpanDraft] = []
        let text = document.text
        for match in phrases.matches(in: text) {
            for payload in match.payloads {
                if payload.caseSensitive, TextNormalizer.normalize(text[match.start..<match.end]) == TextNormalizer.normalize(payload.surface),
                   text[match.start..<match.end] != payload.surface {
                    continue
                }
                drafts.append(SpanDraft(start: match.start, end: match.end, label: payload.label,
                                        value: payload.value.map(SpanValue.string), confidence: payload.confidence,
                                        attributes: payload.attributes))
            }
        }
        if !patterns.isEmpty {
            let context = MatchContext(document: document)
            for pattern in patterns { drafts += pattern.matches(in: context) }
        }
        return drafts
    }

    /// 64-bit FNV-1a of the rules text, for the version.
    static func hash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }
}

struct PhrasePayload: Sendable {
    let label: String
    let value: String?
    let attributes: [String: String]
    let confidence: Double
    let caseSensitive: Bool
    let surface: String
}
