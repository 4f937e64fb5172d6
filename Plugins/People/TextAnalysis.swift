import GlossKit

/// What the extractor knows about one token, computed once per document.
struct TokenFeature: Sendable {
    /// Classes of the whole word.
    var word: WordClass = []
    /// Classes of the word after Arabic proclitics (و ف ب ل ك and combinations), when the whole
    /// word is unknown; otherwise equal to ``word``.
    var stem: WordClass = []
    /// Normalized letters cut off the front by the proclitic reading (0 for the whole word).
    var prefixLength = 0
    /// The stem's normalized form (the whole word when ``prefixLength`` is 0).
    var stemForm = ""
    /// Latin word starting with an upper-case letter.
    var capitalized = false
    /// Arabic stem starting with the article ال.
    var article = false
    /// Arabic stem shaped like a nisba adjective with the article (ال…ي، ال…ية، ال…يون، ال…يين).
    var nisba = false
    /// The Arabic word is a stop word written with a final ى (على), not the name علي.
    var maqsuraStop = false
}

/// A title found in the text.
struct TitleHit: Sendable {
    /// Token range of the title (the first token may carry a clitic).
    var tokens: Range<Int>
    var reach: TitleReach
}

/// Per-token features, title and phrase matches of one document: the shared input of the
/// Arabic, English, caption and linking passes.
struct TextAnalysis {
    let text: DocumentText
    let lexicon: PeopleLexicon
    let tokens: [Token]
    let features: [TokenFeature]
    /// `titleAt[i]` is the title that starts at token `i`, if any.
    let titleAt: [Int: TitleHit]
    /// `phraseAt[i]`: the multi-word lexicon phrase starting at token `i` (clitics allowed).
    let phraseAt: [Int: (end: Int, kinds: [PhraseKind], start: Int)]
    /// Index of the sentence of each token.
    let sentenceOf: [Int]
    /// Proclitic readings of each Arabic token (empty for most words).
    let readings: [[CliticReading]]

    init(text: DocumentText, lexicon: PeopleLexicon) {
        self.text = text
        self.lexicon = lexicon
        let tokens = text.tokens
        self.tokens = tokens
        var features = [TokenFeature](repeating: TokenFeature(), count: tokens.count)
        let alef: Unicode.Scalar = "\u{0627}"
        let lam: Unicode.Scalar = "\u{0644}"
        let ya: Unicode.Scalar = "\u{064A}"
        var readings = [[CliticReading]](repeating: [], count: tokens.count)
        for (i, token) in tokens.enumerated() where token.kind == .word {
            var f = TokenFeature()
            if token.script == .arabic {
                let norm = token.normalized
                f.word = lexicon.arabic[ByteKey(norm)] ?? []
                f.stem = f.word
                f.stemForm = norm
                let alternatives = CliticReading.readings(of: norm)
                readings[i] = alternatives
                if f.word.isEmpty || f.word == .nationality {
                    for split in alternatives {
                        if let cls = lexicon.arabic[ByteKey(split.stem)], !cls.isEmpty {
                            f.stem = cls
                            f.prefixLength = split.prefixLength
                            f.stemForm = split.stem
                            break
                        }
                    }
                }
                if f.prefixLength == 0, f.word.isEmpty {
                    // An unknown word with ال after a clitic (والسنوار، بالمالكي): keep the article reading.
                    for split in alternatives where split.stem.hasPrefix("ال") {
                        f.prefixLength = split.prefixLength
                        f.stemForm = split.stem
                        break
                    }
                }
                let letters = Array(f.stemForm.unicodeScalars)
                f.article = letters.count > 3 && letters[0] == alef && letters[1] == lam
                if f.article, f.prefixLength == 0, let first = text.scalars[token.start..<token.end].first,
                   first == "\u{0623}" || first == "\u{0625}" {
                    f.article = false  // أل / إل with hamza is not the article: ألينا، إلهام
                }
                if f.article, letters.count >= 5 {
                    let n = letters.count
                    let last = letters[n - 1]
                    f.nisba = last == ya || (last == "\u{0647}" && letters[n - 2] == ya)
                        || ((last == "\u{0646}") && (letters[n - 2] == "\u{0648}" || letters[n - 2] == ya) && letters[n - 3] == ya)
                }
                if lexicon.maqsuraStops.contains(norm), token.end > token.start,
                   text.scalars[token.end - 1] == "\u{0649}" {
                    f.maqsuraStop = true
                }
            } else if token.script == .latin {
                f.word = lexicon.latin[ByteKey(token.normalized)] ?? []
                f.stem = f.word
                f.stemForm = token.normalized
                f.capitalized = text.scalars[token.start].properties.isUppercase
            }
            features[i] = f
        }
        self.features = features

        // Titles and phrases: leftmost-longest, non-overlapping, through proclitics.
        var titles: [Int: TitleHit] = [:]
        var phrases: [Int: (end: Int, kinds: [PhraseKind], start: Int)] = [:]
        var nextTitle = 0
        var nextPhrase = 0
        for i in tokens.indices where tokens[i].kind == .word || tokens[i].kind == .number {
            let arabic = tokens[i].script == .arabic
            if i >= nextTitle {
                let trie = arabic ? lexicon.arabicTitles : lexicon.latinTitles
                if let m = trie.longest(in: tokens, at: i, readings: readings[i]), let reach = m.payloads.first {
                    titles[i] = TitleHit(tokens: i..<m.end, reach: reach)
                    nextTitle = m.end
                }
            }
            if i >= nextPhrase {
                let trie = arabic ? lexicon.arabicPhrases : lexicon.latinPhrases
                if let m = trie.longest(in: tokens, at: i, readings: readings[i]) {
                    let start = m.prefixLength == 0 ? tokens[i].start : text.offset(in: tokens[i], afterNormalized: m.prefixLength)
                    phrases[i] = (m.end, m.payloads, start)
                    nextPhrase = m.end
                }
            }
        }
        self.titleAt = titles
        self.phraseAt = phrases
        self.readings = readings

        var sentenceOf = [Int](repeating: 0, count: tokens.count)
        var s = 0
        let sentences = text.sentences
        for i in tokens.indices {
            while s + 1 < sentences.count, tokens[i].start >= sentences[s].upperBound { s += 1 }
            sentenceOf[i] = s
        }
        self.sentenceOf = sentenceOf
    }

    /// True when tokens `i` and `j` are in the same sentence.
    func sameSentence(_ i: Int, _ j: Int) -> Bool {
        i >= 0 && j >= 0 && i < tokens.count && j < tokens.count && sentenceOf[i] == sentenceOf[j]
    }

    /// The multi-word phrase of `kind` that starts at token `i`, as its end token (exclusive).
    func phrase(_ kind: PhraseKind, at i: Int) -> Int? {
        guard let hit = phraseAt[i], hit.kinds.contains(kind) else { return nil }
        return hit.end
    }

    /// The code-point offset where token `i`'s stem starts (after its proclitics).
    func stemStart(_ i: Int) -> Int {
        let f = features[i]
        return f.prefixLength == 0 ? tokens[i].start : text.offset(in: tokens[i], afterNormalized: f.prefixLength)
    }

    /// The surface text of a code-point range without diacritics, tatweel or invisible marks
    /// (letters are not folded), with runs of spaces collapsed: a readable name value.
    func cleanSurface(_ start: Int, _ end: Int) -> String {
        var view = String.UnicodeScalarView()
        var lastSpace = false
        for scalar in text.scalars[start..<end] {
            let v = scalar.value
            if (0x064B...0x065F).contains(v) || v == 0x0670 || v == 0x0640 || (0x200B...0x200F).contains(v) || v == 0x061C {
                continue
            }
            if scalar.properties.isWhitespace {
                if !lastSpace { view.append(" ") }
                lastSpace = true
            } else {
                view.append(scalar)
                lastSpace = false
            }
        }
        return String(view)
    }
}
