import GlossKit

/// Finds the nickname (laqab) or kunya a name is given right after it, in quotation marks:
/// `X الملقب بـ"الشبح"`, `X المكنى بـ«أبي علي»`, `X, known as "the Ghost"`. The quoted words name
/// the same person as X, however common they are as words (الشبح is "the ghost"): the span is
/// the quoted words, without the marks and the بـ, and it joins X's entity.
///
/// Runs after the other finders, on the mentions they found: only a name found already vouches
/// for what follows it. A quoted name another finder took already (a kunya) joins X's entity too.
struct AliasFinder {
    let a: TextAnalysis

    func find(into mentions: inout [Mention], covered: inout [Bool]) {
        let count = mentions.count
        for m in 0..<count {
            guard let quoted = alias(after: mentions[m].tokens.upperBound, arabic: mentions[m].arabic) else { continue }
            if let taken = mentions.firstIndex(where: { $0.tokens == quoted }) {
                mentions[taken].aliasOfStart = mentions[m].start
                continue
            }
            guard !quoted.contains(where: { covered[$0] }) else { continue }
            for k in quoted { covered[k] = true }
            var alias = Mention(tokens: quoted, start: a.tokens[quoted.lowerBound].start, end: a.tokens[quoted.upperBound - 1].end,
                                evidence: .link, confidence: 0.8, words: quoted.map { a.formOf[$0] }, arabic: mentions[m].arabic)
            alias.aliasOfStart = mentions[m].start
            mentions.append(alias)
        }
    }

    /// The quoted words that a cue at token `i` (after an optional comma) gives as another name
    /// of the person named just before: one to three words of the name's script.
    private func alias(after i: Int, arabic: Bool) -> Range<Int>? {
        let n = a.tokens.count
        var p = i
        let ids = a.lexicon.ids
        if p < n, a.tokens[p].kind == .punctuation, a.vocabOf[p] == ids.comma || a.vocabOf[p] == ids.arabicComma { p += 1 }
        guard p < n, a.sameSentence(p, i - 1) else { return nil }
        if arabic {
            // (Vocabulary ids compared as they are: the cues are plain words, and a string
            // comparison per mention would cost more than all the rest.)
            guard a.tokens[p].kind == .word, a.tokens[p].script == .arabic, ids.aliasCues.contains(a.vocabOf[p]) else { return nil }
            p += 1
            if p < n, a.vocabOf[p] == ids.bi { p += 1 }
        } else {
            // known as, also known as, nicknamed, dubbed
            if p < n, a.vocabOf[p] == ids.also { p += 1 }
            if p + 1 < n, a.vocabOf[p] == ids.known, a.vocabOf[p + 1] == ids.as {
                p += 2
            } else if p < n, a.vocabOf[p] == ids.nicknamed || a.vocabOf[p] == ids.dubbed {
                p += 1
            } else {
                return nil
            }
        }
        guard p < n, let close = Self.closing(of: opening(p)) else { return nil }
        let start = p + 1
        var end = start
        while end < n, end - start < 3, a.tokens[end].kind == .word, a.tokens[end].script == (arabic ? .arabic : .latin) { end += 1 }
        guard end > start, end < n, a.tokens[end].kind == .punctuation,
              a.text.scalars[a.tokens[end].start] == close else { return nil }
        // In English the name is capitalised ("the Ghost": the article stays outside).
        var first = start
        if !arabic {
            while first < end, !a.features[first].capitalized { first += 1 }
            guard first < end, (first..<end).allSatisfy({ a.features[$0].capitalized }) else { return nil }
        }
        return first..<end
    }

    /// The opening quotation mark that token `p` is, if it is one.
    private func opening(_ p: Int) -> Unicode.Scalar? {
        guard a.tokens[p].kind == .punctuation else { return nil }
        return a.text.scalars[a.tokens[p].start]
    }

    /// The mark that closes a quotation opened by `mark`.
    private static func closing(of mark: Unicode.Scalar?) -> Unicode.Scalar? {
        switch mark {
        case "\"": "\""
        case "«": "»"
        case "“": "”"
        case "'": "'"
        case "‘": "’"
        default: nil
        }
    }
}
