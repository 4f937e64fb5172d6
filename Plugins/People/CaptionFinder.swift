import GlossKit

/// Finds photo and caption credits of the form `(First Last/Agency)` or `(Agency/First Last)`,
/// in Arabic or Latin script: the side that is not a news agency is a person.
struct CaptionFinder {
    let a: TextAnalysis

    func find(into mentions: inout [Mention], covered: inout [Bool]) {
        let tokens = a.tokens
        let ids = a.lexicon.ids
        let n = tokens.count
        var i = 0
        while i < n {
            guard tokens[i].kind == .punctuation, a.vocabOf[i] == ids.openParen else { i += 1; continue }
            var close = -1
            var slash = -1
            var j = i + 1
            while j < n, j <= i + 14 {
                if tokens[j].kind == .punctuation && a.token(j, is: ids.closeParen) { close = j; break }
                if tokens[j].kind == .punctuation && (a.token(j, is: ids.slash) || a.token(j, is: ids.backslash)) && slash < 0 { slash = j }
                j += 1
            }
            guard close > 0, slash > i + 1, slash < close - 1 else { i += 1; continue }
            let left = (i + 1)..<slash
            let right = (slash + 1)..<close
            if isAgency(right) || labelled(left), let person = personSide(left) {
                add(person, &mentions, &covered)
            } else if isAgency(left), let person = personSide(right) {
                add(person, &mentions, &covered)
            }
            i = close + 1
        }
    }

    /// True when the tokens start with a photo credit's label and its colon, `Photo:` or
    /// `تصوير:` (the name after it is the photographer's, whatever the agency after the slash).
    private func labelled(_ range: Range<Int>) -> Bool {
        guard range.count >= 3, a.tokens[range.lowerBound].kind == .word,
              a.vocabOf[range.lowerBound + 1] == a.lexicon.ids.colon else { return false }
        return Self.photoLabels.contains(a.tokens[range.lowerBound].normalized.lowercased())
    }

    /// Words that label a photo credit (normalized, lower case).
    private static let photoLabels: Set<String> = ["photo", "photos", "picture", "credit", TextNormalizer.normalize("تصوير"), TextNormalizer.normalize("صورة")]

    /// True when the tokens are (or start with) a news agency.
    private func isAgency(_ range: Range<Int>) -> Bool {
        guard let first = range.first else { return false }
        if let end = a.phrase(.agency, at: first), end <= range.upperBound { return true }
        return false
    }

    /// The person-name tokens of one side: 1–4 words after an optional "Photo:"-style label.
    private func personSide(_ range: Range<Int>) -> Range<Int>? {
        var start = range.lowerBound
        // Skip a label such as "Photo:" / "تصوير:".
        if let colon = range.firstIndex(where: { a.token($0, is: a.lexicon.ids.colon) }) { start = colon + 1 }
        let words = start..<range.upperBound
        guard !words.isEmpty, words.count <= 6 else { return nil }
        var count = 0
        for k in words {
            let t = a.tokens[k]
            if t.kind == .word {
                let f = a.features[k]
                if f.word.intersects([.stop, .org, .month, .weekday, .sentenceStart]) && !f.word.contains(.given) { return nil }
                count += 1
            } else if !(t.kind == .punctuation && (a.token(k, is: a.lexicon.ids.period) || a.token(k, is: a.lexicon.ids.hyphen))) {
                return nil
            }
        }
        guard count >= 1, count <= 4 else { return nil }
        // Trim trailing punctuation.
        var end = words.upperBound
        while end > words.lowerBound, a.tokens[end - 1].kind != .word { end -= 1 }
        return words.lowerBound..<end
    }

    private func add(_ range: Range<Int>, _ mentions: inout [Mention], _ covered: inout [Bool]) {
        guard !range.isEmpty, !range.contains(where: { covered[$0] }) else { return }
        for k in range { covered[k] = true }
        let words = range.filter { a.tokens[$0].kind == .word }
        let arabic = a.tokens[range.lowerBound].script == .arabic
        mentions.append(Mention(tokens: range, start: a.tokens[range.lowerBound].start, end: a.tokens[range.upperBound - 1].end,
                                evidence: .caption, confidence: 0.9,
                                words: words.map { a.formOf[$0] }, arabic: arabic))
    }
}
