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
    /// The proclitics: conjunctions و ف, prepositions ب ل ك, and conjunction + preposition.
    private static let cliticPrefixes: [[Unicode.Scalar]] = {
        let conjunctions: [Unicode.Scalar] = ["\u{0648}", "\u{0641}"]  // و ف
        let prepositions: [Unicode.Scalar] = ["\u{0628}", "\u{0644}", "\u{0643}"]  // ب ل ك
        var result = conjunctions.map { [$0] } + prepositions.map { [$0] }
        for c in conjunctions { for p in prepositions { result.append([c, p]) } }
        return result
    }()

    /// The readings of a token: the whole word, then (Arabic words starting with a clitic
    /// letter) proclitics + stem, shorter prefixes first, stems of at least 3 letters (a
    /// two-letter rest only with the article restored: للد → ل + اللد).
    ///
    /// The same readings as GlossKit's `ArabicClitics.splits` (ل + ال written لل gives the
    /// stem with the article restored: للعراق → ل + العراق), computed here without its
    /// per-call allocations (it was a third of the scan time), plus the reading GlossKit does
    /// not give for ل + a name that itself starts with ل (للبنان → ل + لبنان) and for ل + a
    /// name whose article is followed by ل (للاذقية → ل + اللاذقية).
    static func readings(of token: Token) -> [CliticReading] {
        let whole = CliticReading(prefixLength: 0, prefix: "", stem: token.normalized)
        guard token.kind == .word, token.script == .arabic,
              let first = token.normalized.unicodeScalars.first,
              first == "\u{0648}" || first == "\u{0641}" || first == "\u{0628}" || first == "\u{0644}" || first == "\u{0643}"
        else { return [whole] }
        let letters = Array(token.normalized.unicodeScalars)
        var result = [whole]
        let lam: Unicode.Scalar = "\u{0644}", alef: Unicode.Scalar = "\u{0627}"
        for prefix in cliticPrefixes where letters.count - prefix.count >= 2 {
            guard letters.starts(with: prefix) else { continue }
            let rest = letters[prefix.count...]
            let prefixText = String(String.UnicodeScalarView(prefix))
            if prefix.last == lam, rest.first == lam {
                // ل + العراق is written للعراق: restore the article's alef.
                var restored = String.UnicodeScalarView()
                restored.append(alef)
                restored.append(contentsOf: rest)
                result.append(CliticReading(prefixLength: prefix.count, prefix: prefixText, stem: String(restored)))
                // ل + اللاذقية is written للاذقية: the article's ل merged with the name's.
                var article = String.UnicodeScalarView()
                article.append(alef)
                article.append(lam)
                article.append(contentsOf: rest)
                result.append(CliticReading(prefixLength: prefix.count, prefix: prefixText, stem: String(article)))
            }
            if rest.count >= 3 {
                result.append(CliticReading(prefixLength: prefix.count, prefix: prefixText,
                                            stem: String(String.UnicodeScalarView(rest))))
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
