/// A dictionary of multi-word phrases matched against a ``DocumentText`` on normalized tokens:
/// a trie over token forms, so matching is linear in the text.
///
/// Phrases are tokenized and normalized the same way as documents, so `"الولايات المتحدة"`
/// matches `الولايات المتّحدة` and `الولايات  المتحده`. The first token of a match may carry
/// Arabic proclitics (`وبغداد`, `بالقاهرة`, `للعراق`): the match then starts after them.
/// Latin matching is case-insensitive; check ``PhraseMatch/tokens`` if capitals matter.
public struct PhraseMatcher<Payload: Sendable>: Sendable {
    private struct Node: Sendable {
        var children: [String: Int] = [:]
        var payloads: [Payload] = []
    }

    private var nodes: [Node] = [Node()]

    /// Creates an empty matcher.
    public init() {}

    /// The number of phrases added.
    public private(set) var count = 0

    /// Adds a phrase; a phrase added twice keeps both payloads.
    public mutating func add(_ phrase: String, payload: Payload) {
        let keys = Tokenizer.normalizedForms(of: phrase)
        add(normalizedTokens: keys, payload: payload)
    }

    /// Adds a phrase given as already normalized token forms.
    public mutating func add(normalizedTokens keys: [String], payload: Payload) {
        guard !keys.isEmpty else { return }
        var node = 0
        for key in keys {
            if let next = nodes[node].children[key] {
                node = next
            } else {
                nodes.append(Node())
                nodes[node].children[key] = nodes.count - 1
                node = nodes.count - 1
            }
        }
        nodes[node].payloads.append(payload)
        count += 1
    }

    /// The longest phrase starting at token `index` (after proclitics on that token, when
    /// `clitics` is true), or `nil`.
    public func longestMatch(in text: DocumentText, at index: Int, clitics: Bool = true) -> PhraseMatch<Payload>? {
        let tokens = text.tokens
        let first = tokens[index]
        let readings: [CliticSplit]
        if clitics, first.script == .arabic, first.kind == .word {
            readings = ArabicClitics.splits(of: first.normalized)
        } else {
            readings = [CliticSplit(prefix: "", prefixLength: 0, stem: first.normalized)]
        }
        var best: PhraseMatch<Payload>?
        for reading in readings {
            guard let start = nodes[0].children[reading.stem] else { continue }
            var node = start
            var lastNode = nodes[node].payloads.isEmpty ? -1 : node
            var lastIndex = index
            var k = index + 1
            while k < tokens.count, let next = nodes[node].children[tokens[k].normalized] {
                node = next
                if !nodes[node].payloads.isEmpty { lastNode = node; lastIndex = k }
                k += 1
            }
            guard lastNode >= 0 else { continue }
            if let current = best, current.tokens.upperBound > lastIndex + 1 || (current.tokens.upperBound == lastIndex + 1) {
                continue  // an earlier (shorter-prefix) reading already reaches as far
            }
            best = PhraseMatch(
                start: text.offset(in: first, afterNormalized: reading.prefixLength),
                end: tokens[lastIndex].end,
                tokens: index..<(lastIndex + 1),
                prefix: reading.prefix,
                payloads: nodes[lastNode].payloads)
        }
        return best
    }

    /// Leftmost-longest, non-overlapping matches over the whole text.
    public func matches(in text: DocumentText, clitics: Bool = true) -> [PhraseMatch<Payload>] {
        var result: [PhraseMatch<Payload>] = []
        var i = 0
        while i < text.tokens.count {
            if text.tokens[i].kind == .word || text.tokens[i].kind == .number,
               let match = longestMatch(in: text, at: i, clitics: clitics) {
                result.append(match)
                i = match.tokens.upperBound
            } else {
                i += 1
            }
        }
        return result
    }
}

/// One phrase found by a ``PhraseMatcher``.
public struct PhraseMatch<Payload: Sendable>: Sendable {
    /// First code point of the match (after any proclitics).
    public let start: Int
    /// One past the last code point of the match.
    public let end: Int
    /// The tokens the match covers (the first may carry proclitics outside the span).
    public let tokens: Range<Int>
    /// The proclitics cut off the first token, normalized (`"و"`, `"وب"`); empty when none.
    /// The article ال is never a prefix: it stays in the span.
    public let prefix: String
    /// The payloads of every phrase with this form.
    public let payloads: [Payload]
}
