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
        // Stems of two letters after a clitic (باب = ب + اب) are too often accidents.
        for split in ArabicClitics.splits(of: token.normalized, minimumStem: 3) {
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

    /// Every gazetteer phrase that starts at token `index` under one of the `readings` of that
    /// token, longest first; at equal length the reading with the shorter prefix comes first.
    func hits(in text: DocumentText, at index: Int, readings: [CliticReading]) -> [PhraseHit] {
        let tokens = text.tokens
        let first = tokens[index]
        guard first.kind == .word || first.kind == .number else { return [] }
        var result: [PhraseHit] = []
        for reading in readings {
            var hash = FastKey.seed
            FastKey.add(reading.stem, to: &hash)
            var k = index
            while true {
                let last = k
                let found = rules(hash: hash) {
                    var key = reading.stem
                    for t in (index + 1)..<(last + 1) {
                        key += " "
                        key += tokens[t].normalized
                    }
                    return key
                }
                if let found {
                    let start = reading.prefixLength == 0 ? first.start
                        : text.offset(in: first, afterNormalized: reading.prefixLength)
                    result.append(PhraseHit(tokens: index..<(k + 1), start: start, end: tokens[k].end,
                                            prefix: reading.prefix, rules: found))
                }
                guard prefixHashes.contains(hash), k + 1 < tokens.count, k + 1 - index < maxTokens else { break }
                k += 1
                FastKey.addSeparator(to: &hash)
                FastKey.add(tokens[k].normalized, to: &hash)
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
