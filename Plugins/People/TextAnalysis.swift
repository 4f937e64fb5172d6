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
    /// Form id (in ``TextAnalysis/forms``) of the stem (the whole word when ``prefixLength`` is
    /// 0); `-1` for a token that is not a word.
    var stemForm: Int32 = -1
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

/// A multi-word lexicon phrase found in the text.
struct PhraseHit: Sendable {
    /// One past its last token.
    var end: Int
    /// What the phrase is (several kinds may hold at once).
    var kinds: PhraseKinds
    /// Code-point offset where it starts (after a proclitic on its first token).
    var start: Int
}

/// Where the title and the phrase that start at a token are in ``TextAnalysis``'s lists
/// (`-1` for none).
struct HitIndex: Sendable {
    var title: Int32 = -1
    var phrase: Int32 = -1
}

/// Per-token features, title and phrase matches of one document: the shared input of the
/// Arabic, English, caption and linking passes. A class, so that the passes share one copy
/// (a struct of a dozen arrays costs a dozen retains and releases at every hand-over).
final class TextAnalysis {
    let text: DocumentText
    let lexicon: PeopleLexicon
    let tokens: [Token]
    /// The document's distinct forms (token forms and clitic stems).
    let forms: DocumentForms
    /// Form id of each token.
    let formOf: [Int32]
    /// Lexicon vocabulary id of each token's form (`-1` when unknown to the lexicon).
    let vocabOf: [Int32]
    let features: [TokenFeature]
    /// The titles and the multi-word lexicon phrases (clitics allowed) found, in text order;
    /// ``title(at:)`` and ``phraseHit(at:)`` find them by the token they start at.
    private let titles: [TitleHit]
    private let phrases: [PhraseHit]
    /// Per token, the index of the title and of the phrase that start there (`-1` for none):
    /// eight bytes a token where two arrays of optional hits took fifty-six.
    private let hitsAt: [HitIndex]
    /// Index of the sentence of each token.
    let sentenceOf: [Int]

    /// Analyses `text`, taking what is known about its forms from `cache` (and adding to it).
    init(text: DocumentText, lexicon: PeopleLexicon, cache: inout FormCache) {
        self.text = text
        self.lexicon = lexicon
        let tokens = text.tokens
        let n = tokens.count
        self.tokens = tokens
        var forms = DocumentForms(capacity: n + n / 4 + 16)
        var formOf = [Int32](filledWith: -1, count: n)
        var vocabOf = [Int32](filledWith: -1, count: n)
        var features = [TokenFeature](filledWith: TokenFeature(), count: n)
        // One pass over the tokens through buffer pointers (no uniqueness check per write).
        tokens.withUnsafeBufferPointer { tokens in
            text.scalars.withUnsafeBufferPointer { scalars in
                formOf.withUnsafeMutableBufferPointer { formOf in
                    vocabOf.withUnsafeMutableBufferPointer { vocabOf in
                        features.withUnsafeMutableBufferPointer { features in
                            for i in tokens.indices {
                                // The form entry of the token four places on (its id here was
                                // asked for four tokens ago) and the id of the one eight on.
                                cache.prefetch(tokens, i + 4, ahead: 4)
                                let form = forms.intern(tokens, i, lexicon, &cache)
                                formOf[i] = form
                                vocabOf[i] = forms.vocab(form)
                                guard tokens[i].kind == .word else { continue }
                                features[i] = Self.feature(start: tokens[i].start, end: tokens[i].end, script: tokens[i].script, form: form,
                                                             &forms, lexicon, &cache, scalars)
                            }
                        }
                    }
                }
            }
        }

        // Titles and phrases: leftmost-longest, non-overlapping, through proclitics.
        var titles: [TitleHit] = []
        var phrases: [PhraseHit] = []
        // Sized for news text (a title or phrase in some twenty tokens); none for a short text.
        titles.reserveCapacity(n / 16)
        phrases.reserveCapacity(n / 16)
        var hitsAt = [HitIndex](filledWith: HitIndex(), count: n)
        var nextTitle = 0
        var nextPhrase = 0
        for i in 0..<n where tokens[i].kind == .word || tokens[i].kind == .number {
            let arabic = tokens[i].script == .arabic
            var readings: (Int32, Int32) = (-1, -1)
            // The tries with a phrase starting with the word in one of its readings.
            var starts = forms.starts(formOf[i])
            if arabic, tokens[i].kind == .word {
                let r = forms.readings(formOf[i])
                readings = (r.0 >= 0 ? forms.vocab(r.0) : -1, r.1 >= 0 ? forms.vocab(r.1) : -1)
                if r.0 >= 0 { starts.formUnion(forms.starts(r.0)) }
                if r.1 >= 0 { starts.formUnion(forms.starts(r.1)) }
            }
            // A word that starts no title and no phrase in any reading (most words) is passed
            // without looking into the tries.
            guard !starts.isEmpty else { continue }
            if i >= nextTitle, starts.contains(arabic ? .arabicTitle : .latinTitle) {
                let m = arabic ? lexicon.arabicTitles.longest(vocabOf, at: i, readings: readings)
                    : lexicon.latinTitles.longest(vocabOf, at: i, readings: readings)
                if let m, let reach = (arabic ? lexicon.arabicTitles : lexicon.latinTitles).payloads[Int(m.node)].first {
                    hitsAt[i].title = Int32(titles.count)
                    titles.append(TitleHit(tokens: i..<m.end, reach: reach))
                    nextTitle = m.end
                }
            }
            if i >= nextPhrase, starts.contains(arabic ? .arabicPhrase : .latinPhrase) {
                let m = arabic ? lexicon.arabicPhrases.longest(vocabOf, at: i, readings: readings)
                    : lexicon.latinPhrases.longest(vocabOf, at: i, readings: readings)
                if let m {
                    let start = m.prefixLength == 0 ? tokens[i].start : text.offset(in: tokens[i], afterNormalized: m.prefixLength)
                    let kinds = PhraseKinds((arabic ? lexicon.arabicPhrases : lexicon.latinPhrases).payloads[Int(m.node)])
                    hitsAt[i].phrase = Int32(phrases.count)
                    phrases.append(PhraseHit(end: m.end, kinds: kinds, start: start))
                    nextPhrase = m.end
                }
            }
        }
        forms.finish(cache)
        self.forms = forms
        self.formOf = formOf
        self.vocabOf = vocabOf
        self.features = features
        self.titles = titles
        self.phrases = phrases
        self.hitsAt = hitsAt

        // Through buffer pointers: no uniqueness check per write.
        var sentenceOf = [Int](filledWith: 0, count: n)
        sentenceOf.withUnsafeMutableBufferPointer { sentenceOf in
            tokens.withUnsafeBufferPointer { tokens in
                text.sentences.withUnsafeBufferPointer { sentences in
                    var s = 0
                    for i in 0..<n {
                        while s + 1 < sentences.count, tokens[i].start >= sentences[s].upperBound { s += 1 }
                        sentenceOf[i] = s
                    }
                }
            }
        }
        self.sentenceOf = sentenceOf
    }

    /// The features of the word token `start..<end` whose form is `form`. (Given the token's
    /// fields rather than the token, so that its form string is not retained once more.)
    @inline(__always)
    private static func feature(start: Int, end: Int, script: Token.Script, form: Int32, _ forms: inout DocumentForms,
                                _ lexicon: PeopleLexicon, _ cache: inout FormCache,
                                _ scalars: UnsafeBufferPointer<Unicode.Scalar>) -> TokenFeature {
        var f = TokenFeature()
        if script == .arabic {
            let a = forms.hasArabicForm(form) ? forms.knownArabicForm(form) : forms.arabicForm(form, lexicon, &cache)
            f.word = a.word
            f.stem = a.stem
            f.prefixLength = a.prefixLength
            f.stemForm = a.stemForm
            f.article = a.articleShaped
            if f.article, f.prefixLength == 0, start < end, scalars[start] == "\u{0623}" || scalars[start] == "\u{0625}" {
                f.article = false  // أل / إل with hamza is not the article: ألينا، إلهام
            }
            f.nisba = f.article && a.nisbaShaped
            if a.maqsuraStopWord, end > start, scalars[end - 1] == "\u{0649}" {
                f.maqsuraStop = true
            }
        } else if script == .latin {
            let v = forms.vocab(form)
            f.word = v >= 0 ? lexicon.entries[Int(v)].latin : []
            f.stem = f.word
            f.stemForm = form
            f.capitalized = isUppercase(scalars[start])
        }
        return f
    }

    /// `scalar.properties.isUppercase`, without the property lookup for ASCII and Arabic.
    @inline(__always)
    static func isUppercase(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x80 { return v >= 0x41 && v <= 0x5A }
        if v >= 0x0600 && v <= 0x06FF { return false }
        return scalar.properties.isUppercase
    }

    /// `scalar.properties.isWhitespace`, without the property lookup for ASCII and Arabic.
    @inline(__always)
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x80 { return v == 0x20 || (v >= 0x09 && v <= 0x0D) }
        if v >= 0x0600 && v <= 0x06FF { return false }
        return scalar.properties.isWhitespace
    }

    /// True when tokens `i` and `j` are in the same sentence.
    @inline(__always)
    func sameSentence(_ i: Int, _ j: Int) -> Bool {
        i >= 0 && j >= 0 && i < tokens.count && j < tokens.count && sentenceOf[i] == sentenceOf[j]
    }

    /// True when word `i` is a given name that is also a noun heading a construct (أمل، نور،
    /// جمال: ``WordClass/constructNoun``) and stands where the noun does: with a proclitic
    /// (بأمل) or after a function word (عن أمل محمد, Muhammad's hope). Elsewhere — a headline's
    /// start, after a verb or a title — it reads as a first name (أمل عثمان يزور البصرة).
    func readsAsConstructNoun(_ i: Int) -> Bool {
        guard i >= 0, i < tokens.count, features[i].stem.contains(.constructNoun) else { return false }
        if features[i].prefixLength > 0 { return true }
        return i > 0 && sameSentence(i - 1, i) && tokens[i - 1].kind == .word && tokens[i - 1].script == .arabic
            && features[i - 1].stem.contains(.functionWord)
    }

    /// The title that starts at token `i`, if any.
    @inline(__always)
    func title(at i: Int) -> TitleHit? {
        guard i >= 0 && i < hitsAt.count, case let k = hitsAt[i].title, k >= 0 else { return nil }
        return titles[Int(k)]
    }

    /// The multi-word phrase that starts at token `i`, if any.
    @inline(__always)
    func phraseHit(at i: Int) -> PhraseHit? {
        guard i >= 0 && i < hitsAt.count, case let k = hitsAt[i].phrase, k >= 0 else { return nil }
        return phrases[Int(k)]
    }

    /// The multi-word phrase of `kind` that starts at token `i`, as its end token (exclusive).
    func phrase(_ kind: PhraseKind, at i: Int) -> Int? {
        guard let hit = phraseHit(at: i), hit.kinds.contains(kind) else { return nil }
        return hit.end
    }

    /// The shape of token `i`'s form.
    @inline(__always)
    func shape(_ i: Int) -> FormShape { forms.shape(formOf[i]) }

    /// The shape of a form.
    @inline(__always)
    func shape(form: Int32) -> FormShape { form < 0 ? FormShape() : forms.shape(form) }

    /// True when token `i`'s form is the vocabulary word `id` (as a `String`).
    @inline(__always)
    func token(_ i: Int, is id: Int32) -> Bool { forms.sameText(formOf[i], vocabulary: id, lexicon) }

    /// Stem form ids of token `i`'s proclitic readings after one and two letters (`-1` when
    /// absent; always absent for a token that is not an Arabic word).
    @inline(__always)
    func readings(_ i: Int) -> (Int32, Int32) {
        guard tokens[i].kind == .word, tokens[i].script == .arabic else { return (-1, -1) }
        return forms.readings(formOf[i])
    }

    /// Lexicon classes of a form read as an Arabic word.
    @inline(__always)
    func arabicClasses(form: Int32) -> WordClass {
        let v = form < 0 ? -1 : forms.vocab(form)
        return v >= 0 ? lexicon.entries[Int(v)].arabic : []
    }

    /// The code-point offset where token `i`'s stem starts (after its proclitics).
    func stemStart(_ i: Int) -> Int {
        let f = features[i]
        return f.prefixLength == 0 ? tokens[i].start : text.offset(in: tokens[i], afterNormalized: f.prefixLength)
    }

    /// The surface text of a code-point range without diacritics, tatweel or invisible marks
    /// (letters are not folded), with runs of spaces collapsed: a readable name value.
    func cleanSurface(_ start: Int, _ end: Int) -> String {
        guard start < end else { return "" }
        // Written to a temporary buffer, then made a string of exactly its length (a short name
        // is a small string, stored inline).
        return text.scalars.withUnsafeBufferPointer { scalars in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: (end - start) * 4) { utf8 in
                var n = 0
                var lastSpace = false
                for k in start..<end {
                    let scalar = scalars[k]
                    let v = scalar.value
                    if (v >= 0x064B && v <= 0x065F) || v == 0x0670 || v == 0x0640 || (v >= 0x200B && v <= 0x200F) || v == 0x061C {
                        continue
                    }
                    if Self.isWhitespace(scalar) {
                        if !lastSpace {
                            utf8[n] = 0x20
                            n += 1
                        }
                        lastSpace = true
                    } else {
                        n = Self.writeUTF8(v, to: utf8, at: n)
                        lastSpace = false
                    }
                }
                return String(decoding: UnsafeBufferPointer(rebasing: utf8[..<n]), as: UTF8.self)
            }
        }
    }

    /// Writes the UTF-8 encoding of a scalar value at `n`; returns the offset after it.
    @inline(__always)
    private static func writeUTF8(_ v: UInt32, to utf8: UnsafeMutableBufferPointer<UInt8>, at n: Int) -> Int {
        switch v {
        case 0..<0x80:
            utf8[n] = UInt8(v)
            return n + 1
        case 0x80..<0x800:
            utf8[n] = UInt8(0xC0 | (v >> 6))
            utf8[n + 1] = UInt8(0x80 | (v & 0x3F))
            return n + 2
        case 0x800..<0x10000:
            utf8[n] = UInt8(0xE0 | (v >> 12))
            utf8[n + 1] = UInt8(0x80 | ((v >> 6) & 0x3F))
            utf8[n + 2] = UInt8(0x80 | (v & 0x3F))
            return n + 3
        default:
            utf8[n] = UInt8(0xF0 | (v >> 18))
            utf8[n + 1] = UInt8(0x80 | ((v >> 12) & 0x3F))
            utf8[n + 2] = UInt8(0x80 | ((v >> 6) & 0x3F))
            utf8[n + 3] = UInt8(0x80 | (v & 0x3F))
            return n + 4
        }
    }
}

/// A set of ``PhraseKind``s.
struct PhraseKinds: Sendable {
    private var bits: UInt8 = 0

    init(_ kinds: [PhraseKind]) {
        for kind in kinds { bits |= 1 << kind.rawValue }
    }

    @inline(__always)
    func contains(_ kind: PhraseKind) -> Bool { bits & (1 << kind.rawValue) != 0 }
}
