import GlossKit

/// A phrase dictionary over normalized tokens, like GlossKit's `PhraseMatcher`, but matched
/// with the proclitic readings the People extractor has already computed for each token, so
/// that a word is split into clitic + stem once per document rather than once per dictionary.
struct TokenTrie<Payload: Sendable>: Sendable {
    private var children: [[ByteKey: Int]] = [[:]]
    private var payloads: [[Payload]] = [[]]

    /// The number of phrases added.
    private(set) var count = 0

    /// Adds a phrase given as normalized token forms.
    mutating func add(normalizedTokens keys: [String], payload: Payload) {
        guard !keys.isEmpty else { return }
        var node = 0
        for key in keys {
            if let next = children[node][ByteKey(key)] {
                node = next
            } else {
                children.append([:])
                payloads.append([])
                children[node][ByteKey(key)] = children.count - 1
                node = children.count - 1
            }
        }
        payloads[node].append(payload)
        count += 1
    }

    /// The longest phrase starting at token `index`, trying the whole first word, then each of
    /// its proclitic readings (`readings`: stem and number of normalized letters cut off).
    func longest(in tokens: [Token], at index: Int, readings: [CliticReading]) -> TrieMatch<Payload>? {
        var best: TrieMatch<Payload>?
        let first = tokens[index].normalized
        for r in -1..<readings.count {
            let stem = r < 0 ? first : readings[r].stem
            guard let start = children[0][ByteKey(stem)] else { continue }
            var node = start
            var lastNode = payloads[node].isEmpty ? -1 : node
            var lastIndex = index
            var k = index + 1
            while k < tokens.count, let next = children[node][ByteKey(tokens[k].normalized)] {
                node = next
                if !payloads[node].isEmpty { lastNode = node; lastIndex = k }
                k += 1
            }
            guard lastNode >= 0 else { continue }
            if let current = best, current.end >= lastIndex + 1 { continue }
            best = TrieMatch(end: lastIndex + 1, prefixLength: r < 0 ? 0 : readings[r].prefixLength, payloads: payloads[lastNode])
        }
        return best
    }
}

/// One phrase found by a ``TokenTrie``.
struct TrieMatch<Payload: Sendable>: Sendable {
    /// One past the last token of the match.
    let end: Int
    /// Normalized letters of proclitics cut off the first token.
    let prefixLength: Int
    let payloads: [Payload]
}

/// One reading of an Arabic word as proclitics + stem.
struct CliticReading: Sendable {
    let stem: String
    let prefixLength: Int

    private static let conjunctions: [Unicode.Scalar] = ["\u{0648}", "\u{0641}"]   // و ف
    private static let prepositions: [Unicode.Scalar] = ["\u{0628}", "\u{0644}", "\u{0643}"]  // ب ل ك

    /// The proclitic readings of a normalized Arabic word, shorter prefixes first (the same
    /// readings as GlossKit's `ArabicClitics.splits`, without the unsplit word): و ف ب ل ك,
    /// و/ف + ب/ل/ك, and ل before the article written لل (للعراق → ل + العراق). Stems keep at
    /// least two letters. Returns an empty array (no allocation) for most words.
    static func readings(of word: String) -> [CliticReading] {
        let scalars = word.unicodeScalars
        guard let first = scalars.first, scalars.count > 2,
              conjunctions.contains(first) || prepositions.contains(first) else { return [] }
        var result: [CliticReading] = []
        var second: Unicode.Scalar?
        var index = scalars.index(after: scalars.startIndex)
        second = scalars[index]
        func stem(after length: Int, from i: String.UnicodeScalarView.Index) -> CliticReading {
            var view = String.UnicodeScalarView()
            if prepositions.contains(first) || length == 2, scalars[scalars.index(before: i)] == "\u{0644}", scalars[i] == "\u{0644}" {
                view.append("\u{0627}")  // ل + ال is written لل: restore the article's alef
            }
            view.append(contentsOf: scalars[i...])
            return CliticReading(stem: String(view), prefixLength: length)
        }
        result.append(stem(after: 1, from: index))
        if conjunctions.contains(first), let s = second, prepositions.contains(s), scalars.count > 3 {
            index = scalars.index(after: index)
            result.append(stem(after: 2, from: index))
        }
        return result
    }
}
