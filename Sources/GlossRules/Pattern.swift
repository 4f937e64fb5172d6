import GlossKit

/// One token pattern of a rules file, compiled.
struct Pattern: Sendable {
    enum Quantifier: Sendable { case one, optional, zeroOrMore, oneOrMore }

    struct Element: Sendable {
        var texts: Set<String>?
        var normalized: Set<String>?
        var regex: String?
        var label: String?
        var kind: Token.Kind?
        var quantifier: Quantifier
        var capture: Bool
        var clitics: Bool
    }

    let label: String
    let elements: [Element]
    let value: String?
    let valueFromSpan: Bool
    let valueFromText: Bool
    let attributes: [String: String]
    let confidence: Double

    var neededLabels: [String] { elements.compactMap(\.label) }
    var hasCapture: Bool { elements.contains(where: \.capture) }

    init(_ rule: RulesFile.PatternRule, place: String, path: String) throws {
        guard !rule.tokens.isEmpty else { throw RulesError(path: path, problem: "\(place): \"tokens\" is empty") }
        var elements: [Element] = []
        for (k, spec) in rule.tokens.enumerated() {
            let at = "\(place).tokens[\(k)]"
            let quantifier: Quantifier
            switch spec.op {
            case nil: quantifier = .one
            case "?": quantifier = .optional
            case "*": quantifier = .zeroOrMore
            case "+": quantifier = .oneOrMore
            case let op?: throw RulesError(path: path, problem: "\(at): op must be ?, * or +, not \(op.debugDescription)")
            }
            var kind: Token.Kind?
            switch spec.kind {
            case nil: break
            case "word": kind = .word
            case "number": kind = .number
            case "punctuation": kind = .punctuation
            case "symbol": kind = .symbol
            case let other?: throw RulesError(path: path, problem: "\(at): kind must be word, number, punctuation or symbol, not \(other.debugDescription)")
            }
            if let regex = spec.regex {
                do { _ = try BoundedRegex(regex) } catch { throw RulesError(path: path, problem: "\(at): \(error)") }
            }
            let conditions = [spec.text != nil, spec.norm != nil, spec.regex != nil, spec.label != nil, spec.kind != nil, spec.any == true]
            guard conditions.contains(true) else {
                throw RulesError(path: path, problem: "\(at): give at least one of text, norm, regex, label, kind or any: true")
            }
            if spec.label != nil && (spec.text != nil || spec.norm != nil || spec.regex != nil || spec.kind != nil) {
                throw RulesError(path: path, problem: "\(at): a label element matches a whole span and cannot have other conditions")
            }
            elements.append(Element(texts: spec.text.map { Set($0.values) },
                                    normalized: spec.norm.map { Set($0.values.map(TextNormalizer.normalize)) },
                                    regex: spec.regex, label: spec.label, kind: kind, quantifier: quantifier,
                                    capture: spec.capture ?? false, clitics: spec.clitics ?? true))
        }
        if elements.allSatisfy({ $0.quantifier == .optional || $0.quantifier == .zeroOrMore }) {
            throw RulesError(path: path, problem: "\(place): every element is optional, so the pattern could match nothing")
        }
        switch rule.valueFrom {
        case nil, "span", "text": break
        case let other?: throw RulesError(path: path, problem: "\(place): value_from must be span or text, not \(other.debugDescription)")
        }
        label = rule.label
        self.elements = elements
        value = rule.value
        valueFromSpan = rule.valueFrom == "span"
        valueFromText = rule.valueFrom == "text"
        attributes = rule.attrs ?? [:]
        confidence = rule.confidence ?? 1
    }

    /// One way the rest of a pattern can consume input.
    private struct Step {
        /// The token after the match.
        var next: Int
        /// Code points covered (meaningful when `consumed`).
        var start: Int
        var end: Int
        var consumed: Bool
        /// Code points covered by `capture: true` elements.
        var captured: Range<Int>?
        /// The first existing span a label element matched.
        var span: SpanDraft?
    }

    /// Leftmost-longest, non-overlapping matches.
    func matches(in context: MatchContext) -> [SpanDraft] {
        var result: [SpanDraft] = []
        var t = 0
        let tokens = context.document.text.tokens
        while t < tokens.count {
            var failed = Set<Int>()
            if let match = match(element: 0, at: t, repeating: false, context: context, failed: &failed), match.consumed, match.next > t {
                // With capture elements the span is what they captured — nothing if they matched nothing.
                let range = hasCapture ? match.captured ?? (0..<0) : match.start..<match.end
                if range.lowerBound < range.upperBound {
                    var draft = SpanDraft(start: range.lowerBound, end: range.upperBound, label: label, confidence: confidence, attributes: attributes)
                    if valueFromSpan, let value = match.span?.value {
                        draft.value = value
                    } else if valueFromText {
                        draft.value = .string(context.document.text[range])
                    } else if let value {
                        draft.value = .string(value)
                    }
                    result.append(draft)
                }
                t = match.next
            } else {
                t += 1
            }
        }
        return result
    }

    /// The longest match of `elements[e...]` from token `t`. `repeating` means element `e` has
    /// already matched once and may match again (`*`, `+`). Dead ends are memoized, so the
    /// search is polynomial in tokens × elements whatever the quantifiers.
    private func match(element e: Int, at t: Int, repeating: Bool, context: MatchContext, failed: inout Set<Int>) -> Step? {
        let tokens = context.document.text.tokens
        if e == elements.count { return Step(next: t, start: 0, end: 0, consumed: false, captured: nil, span: nil) }
        let key = ((e * (tokens.count + 1)) + t) * 2 + (repeating ? 1 : 0)
        if failed.contains(key) { return nil }
        let element = elements[e]
        let quantifier = repeating ? .zeroOrMore : element.quantifier
        var best: Step?
        func consider(_ step: Step) {
            if best.map({ step.next > $0.next }) ?? true { best = step }
        }
        if t < tokens.count, let one = context.consume(element, at: t), one.next > t {
            let own = Step(next: one.next, start: one.start, end: one.end, consumed: true,
                           captured: element.capture ? one.start..<one.end : nil, span: one.span)
            if quantifier == .zeroOrMore || quantifier == .oneOrMore,
               let rest = match(element: e, at: one.next, repeating: true, context: context, failed: &failed) {
                consider(Self.combine(own, rest))
            }
            if let rest = match(element: e + 1, at: one.next, repeating: false, context: context, failed: &failed) {
                consider(Self.combine(own, rest))
            }
        }
        if quantifier == .optional || quantifier == .zeroOrMore,
           let rest = match(element: e + 1, at: t, repeating: false, context: context, failed: &failed) {
            consider(rest)
        }
        if best == nil { failed.insert(key) }
        return best
    }

    private static func combine(_ first: Step, _ rest: Step) -> Step {
        var captured = first.captured
        if let other = rest.captured {
            captured = captured.map { min($0.lowerBound, other.lowerBound)..<max($0.upperBound, other.upperBound) } ?? other
        }
        return Step(next: rest.next, start: first.start, end: rest.consumed ? rest.end : first.end, consumed: true,
                    captured: captured, span: first.span ?? rest.span)
    }
}

/// What patterns match against in one document: its tokens, the existing spans by start, and
/// the regular expressions compiled for this document (a compiled regex is not `Sendable`).
final class MatchContext {
    let document: Document
    private var spansByToken: [Int: [SpanDraft]] = [:]
    private var regexes: [String: BoundedRegex] = [:]
    /// Tokens longer than this never match a regex: it bounds the work one match can do.
    static let longestRegexToken = 256

    init(document: Document) {
        self.document = document
        let text = document.text
        for span in document.spans {
            let t = text.tokenIndex(atOrAfter: span.start)
            guard t < text.tokens.count else { continue }
            spansByToken[t, default: []].append(span)
        }
    }

    /// Matches one element at token `t`: the token after it, the covered code points and, for a
    /// label element, the span it matched.
    func consume(_ element: Pattern.Element, at t: Int) -> (next: Int, start: Int, end: Int, span: SpanDraft?)? {
        let text = document.text
        let token = text.tokens[t]
        if let label = element.label {
            guard let span = spansByToken[t]?.filter({ $0.label == label }).max(by: { $0.end - $0.start < $1.end - $1.start }) else { return nil }
            let next = text.tokenIndex(atOrAfter: span.end)
            var after = next
            while after < text.tokens.count, text.tokens[after].start < span.end { after += 1 }
            return (max(after, t + 1), span.start, span.end, span)
        }
        if let kind = element.kind, token.kind != kind { return nil }
        var start = token.start
        if let texts = element.texts, !texts.contains(text[token.range]) { return nil }
        if let normalized = element.normalized {
            if !normalized.contains(token.normalized) {
                guard element.clitics, token.script == .arabic,
                      let split = ArabicClitics.splits(of: token.normalized).dropFirst().first(where: { normalized.contains($0.stem) }) else { return nil }
                start = text.offset(in: token, afterNormalized: split.prefixLength)
            }
        }
        if let pattern = element.regex {
            guard token.end - token.start <= Self.longestRegexToken, let regex = compiled(pattern), regex.matches(text[token.range]) else { return nil }
        }
        return (t + 1, start, token.end, nil)
    }

    private func compiled(_ pattern: String) -> BoundedRegex? {
        if let regex = regexes[pattern] { return regex }
        guard let regex = try? BoundedRegex(pattern) else { return nil }
        regexes[pattern] = regex
        return regex
    }
}
