import GlossKit

/// A gazetteer phrase found at a token, before context checks.
struct PhraseHit: Sendable {
    /// The tokens covered; the first may carry proclitics outside the span.
    let tokens: Range<Int>
    /// First code point of the span (after any proclitics).
    let start: Int
    /// One past the last code point.
    let end: Int
    /// The proclitics cut off the first token (normalised), empty when none.
    let prefix: String
    /// The variant rules of the phrase.
    let rules: [VariantRule]
}

/// One reading of a word as proclitics + stem.
struct CliticReading: Sendable {
    let prefixLength: Int
    let prefix: String
    let stem: String
}

extension Gazetteer {
    /// The readings of a token: the whole word, then (Arabic words starting with a clitic
    /// letter) its proclitic splits. Adds the reading GlossKit's `ArabicClitics` does not give
    /// for ل + a name that starts with ل: `للبنان` is ل + لبنان (GlossKit offers ل + البنان).
    static func readings(of token: Token) -> [CliticReading] {
        let whole = CliticReading(prefixLength: 0, prefix: "", stem: token.normalized)
        guard token.kind == .word, token.script == .arabic,
              let first = token.normalized.unicodeScalars.first,
              "وفبلك".unicodeScalars.contains(first) else { return [whole] }
        var result: [CliticReading] = []
        for split in ArabicClitics.splits(of: token.normalized) {
            result.append(CliticReading(prefixLength: split.prefixLength, prefix: split.prefix, stem: split.stem))
            if split.prefix.hasSuffix("ل") {
                let raw = String(String.UnicodeScalarView(token.normalized.unicodeScalars.dropFirst(split.prefixLength)))
                if raw != split.stem {
                    result.append(CliticReading(prefixLength: split.prefixLength, prefix: split.prefix, stem: raw))
                }
            }
        }
        return result
    }

    /// Every gazetteer phrase that starts at token `index`, longest first; at equal length the
    /// reading with the shorter prefix (the whole word) comes first.
    func hits(in text: DocumentText, at index: Int, clitics: Bool = true) -> [PhraseHit] {
        let tokens = text.tokens
        let first = tokens[index]
        guard first.kind == .word || first.kind == .number else { return [] }
        let readings = clitics ? Self.readings(of: first)
            : [CliticReading(prefixLength: 0, prefix: "", stem: first.normalized)]
        var result: [PhraseHit] = []
        for reading in readings {
            var key = reading.stem
            var k = index
            let start = reading.prefixLength == 0 ? first.start
                : text.offset(in: first, afterNormalized: reading.prefixLength)
            while true {
                if let rules = phrases[key] {
                    result.append(PhraseHit(tokens: index..<(k + 1), start: start, end: tokens[k].end,
                                            prefix: reading.prefix, rules: rules))
                }
                guard prefixes.contains(key), k + 1 < tokens.count, k + 1 - index < maxTokens else { break }
                k += 1
                key += " "
                key += tokens[k].normalized
            }
        }
        if result.count > 1 {
            result.sort { a, b in
                a.tokens.upperBound != b.tokens.upperBound ? a.tokens.upperBound > b.tokens.upperBound
                    : a.prefix.unicodeScalars.count < b.prefix.unicodeScalars.count
            }
        }
        return result
    }
}
