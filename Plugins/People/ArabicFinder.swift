import GlossKit

/// Finds Arabic person names from evidence: titles and roles, reporting verbs and attribution
/// cues, then name structure alone (gazetteer first names, compounds, kunya, nasab).
struct ArabicFinder {
    let a: TextAnalysis
    let parser: ArabicNameParser

    init(_ analysis: TextAnalysis) {
        a = analysis
        parser = ArabicNameParser(a: analysis)
    }

    /// Adds mentions to `mentions`, marking their tokens in `covered`.
    func find(into mentions: inout [Mention], covered: inout [Bool]) {
        titlePass(&mentions, &covered)
        verbPass(&mentions, &covered)
        structurePass(&mentions, &covered)
    }

    private func add(_ name: ParsedName, _ evidence: Evidence, _ confidence: Double,
                     _ mentions: inout [Mention], _ covered: inout [Bool]) {
        let range = name.tokens
        guard !range.isEmpty, !range.contains(where: { covered[$0] }) else { return }
        for i in range { covered[i] = true }
        var words: [Int32] = []
        words.reserveCapacity(range.count)
        for p in name.parts.indices { name.parts[p].appendKey(a, to: &words) }
        mentions.append(Mention(tokens: range, start: name.start, end: name.end, evidence: evidence,
                                confidence: confidence, words: words, arabic: true))
    }

    /// True when the token before `i` names an organisation or facility (جامعة، مطار، شارع …):
    /// the name that follows is part of that organisation's name.
    private func afterOrganisation(_ i: Int) -> Bool {
        guard i > 0, a.tokens[i - 1].script == .arabic, a.tokens[i - 1].kind == .word else { return false }
        return a.features[i - 1].stem.contains(.org) || a.features[i - 1].word.contains(.org)
    }

    // MARK: titles

    private func titlePass(_ mentions: inout [Mention], _ covered: inout [Bool]) {
        var i = 0
        let n = a.tokens.count
        while i < n {
            guard let hit = a.title(at: i), a.tokens[i].script == .arabic else { i += 1; continue }
            if afterOrganisation(i) {
                // جامعة الملك سعود، شارع الشيخ زايد: the name belongs to the organisation; keep it
                // away from the other passes.
                if let name = parser.parse(at: hit.tokens.upperBound, allowUnknown: false, context: true) {
                    for k in name.tokens { covered[k] = true }
                }
                i = hit.tokens.upperBound
                continue
            }
            var reach = hit.reach
            var p = hit.tokens.upperBound
            var skippedPlace = false
            // Skip adjectives (nationality, السابق) and further titles in a chain.
            while p < n, a.sameSentence(p, i) {
                if let next = a.title(at: p), a.tokens[p].script == .arabic, a.features[p].prefixLength == 0 {
                    reach = next.reach
                    p = next.tokens.upperBound
                } else if let end = a.phrase(.nationality, at: p) {
                    p = end
                } else if a.tokens[p].kind == .word, a.tokens[p].script == .arabic, a.features[p].prefixLength == 0,
                          a.features[p].word.contains(.nationality) && !givenBeforeName(p)
                            || (a.features[p].nisba && !a.features[p].word.contains(.family) && !nameFollows(p + 1)
                                && !(a.features[p].word.contains(.given) && nasabFollows(p + 1)))
                            || (a.features[p].nisba && a.features[p].word.contains(.nationality)) {
                    p += 1
                } else if !skippedPlace, a.tokens[p].kind == .word, a.tokens[p].script == .arabic, a.features[p].prefixLength == 0,
                          p + 1 < n, a.sameSentence(p + 1, i), a.title(at: p + 1) != nil, a.tokens[p + 1].script == .arabic,
                          a.features[p].word.isDisjoint(with: [.kunya, .nasab, .abdPart]), !a.token(p, is: a.lexicon.ids.abd) {
                    // One word between two titles is the place or body the first holds (محافظ جنين
                    // اللواء X), not a name — unless it opens a compound with the title word (عبد الأمير).
                    skippedPlace = true
                    p += 1
                } else if !skippedPlace, a.tokens[p].kind == .word, a.tokens[p].script == .arabic, a.features[p].prefixLength == 0,
                          a.features[p].article, a.features[p].word.isDisjoint(with: [.given, .family, .knownSurname]),
                          p + 1 < n, a.sameSentence(p + 1, i), nameFollows(p + 1) {
                    // The place or body a title holds (والي الخرطوم، ممثل اليابان، محافظ البصرة) before
                    // a listed first name: the name follows it.
                    skippedPlace = true
                    p += 1
                } else {
                    break
                }
            }
            guard p < n, a.sameSentence(p, i) else { i = p; continue }
            var found: ParsedName?
            switch reach {
            case .direct:
                found = parser.parse(at: p, allowUnknown: true, context: true, titled: true)
                if let name = found, name.parts.count == 1, name.parts[0].kind == .unknown, !boundaryAfter(name.tokens.upperBound) {
                    found = nil
                }
            case .known:
                found = parser.parse(at: p, allowUnknown: false, context: true, titled: true)
                if found == nil, let name = parser.parse(at: p, allowUnknown: true, context: true, titled: true), name.parts.count >= 2,
                   let last = name.parts.last {
                    // الشاعر مريد البرغوثي: an unlisted first name before a family name; المدرب آرني سلوت:
                    // an unlisted two-part name that ends cleanly.
                    if last.kind == .nisba || (last.surname && last.kind == .known) || looseEnd(name.tokens.upperBound) {
                        found = name
                    }
                }
            case .scan:
                var q = p
                while q < min(p + 7, n), a.sameSentence(q, i), a.tokens[q].kind == .word {
                    let f = a.features[q]
                    if f.stem.contains(.verb) || f.maqsuraStop || a.forms.isClauseWord(a.formOf[q], a.lexicon) { break }
                    if a.title(at: q) != nil, q > p { break }
                    if q > p, f.stem.contains(.org) { q += 1; continue }
                    if startsKnownName(q), let name = parser.parse(at: q, allowUnknown: false, context: true, titled: true) {
                        found = name
                        break
                    }
                    // مفوضة شؤون المتوسط دوبرافكا شويتسا: after a definite descriptor, an unlisted
                    // (foreign) name of two or three words that ends cleanly.
                    if q > p || p > hit.tokens.upperBound, a.features[q - 1].article, !f.article, f.word.isEmpty, f.stem.isEmpty,
                       let name = parser.parse(at: q, allowUnknown: true, context: true, titled: true),
                       name.parts.count >= 2, name.parts.allSatisfy({ $0.kind == .unknown && foreignLooking($0.tokens.lowerBound) }),
                       looseEnd(name.tokens.upperBound) {
                        found = name
                        break
                    }
                    q += 1
                }
            }
            if let name = found { found = completed(name, from: p) }
            if let name = found, !afterOrganisation(name.tokens.lowerBound) || name.tokens.lowerBound == p {
                let confidence = name.count(.unknown) == name.parts.count ? 0.7 : 0.95
                add(name, .title, confidence, &mentions, &covered)
                i = max(name.tokens.upperBound, i + 1)
            } else {
                i = max(p, i + 1)
            }
        }
    }

    /// A name found after a title, completed by the unlisted words a listed name leaves out:
    /// a first name before بن (المنجي بن عمار الزواري, from `p` on), and a last family name that
    /// looks foreign or like a nisba and ends the phrase (رابح بوعلام مزياني إن).
    private func completed(_ name: ParsedName, from p: Int) -> ParsedName {
        var name = name
        let first = name.tokens.lowerBound
        if first >= p + 2, nasabFollows(first - 1),
           unlisted(first - 2) || a.features[first - 2].word.contains(.given), a.features[first - 2].prefixLength == 0,
           a.tokens[first - 2].kind == .word, a.sameSentence(first - 2, first),
           let longer = parser.parse(at: first - 2, allowUnknown: true, context: true, titled: true),
           longer.tokens.upperBound >= name.tokens.upperBound {
            name = longer
        }
        if let last = name.parts.last, last.kind != .nisba, !last.surname, name.parts.count <= 3,
           let next = unlistedFamily(after: name), a.title(at: next) == nil, !parser.hasPronounSuffix(next) {
            name = appending(next, to: name)
        }
        return name
    }

    /// The token right after `name` when it could end it as an unlisted family name: an Arabic
    /// word no list knows, without a proclitic, shaped like a foreign or nisba name rather than
    /// an Arabic noun or verb, with the phrase ending after it.
    private func unlistedFamily(after name: ParsedName) -> Int? {
        let next = name.tokens.upperBound
        guard next < a.tokens.count, a.sameSentence(next, name.tokens.lowerBound), unlisted(next),
              a.features[next].prefixLength == 0, foreignLooking(next), looseEnd(next + 1), parser.plausibleUnknown(next)
        else { return nil }
        return next
    }

    /// `name` with the word at token `next` as its last, unlisted family name.
    private func appending(_ next: Int, to name: ParsedName) -> ParsedName {
        var name = name
        name.parts.append(NamePart(tokens: next..<(next + 1), head: a.formOf[next], kind: .unknown, surname: true))
        name.end = a.tokens[next].end
        return name
    }

    /// A name found by structure alone that ends in a listed given name, completed by an
    /// unlisted family name shaped like a nisba without its article (نور الدين بلقاسمي أن …)
    /// when the phrase ends after it.
    private func nisbaCompleted(_ name: ParsedName) -> ParsedName {
        guard let last = name.parts.last, last.kind == .known, !last.surname, name.parts.count <= 2,
              let next = unlistedFamily(after: name), a.shape(next).count >= 5,
              a.text.scalars[a.tokens[next].end - 1] == "\u{064A}" else { return name }
        return appending(next, to: name)
    }

    /// True when a lone given name reads as a verb before its plural subject: يحيي الإيزيديون
    /// الذكرى (the Yazidis commemorate), where the name يحيى is spelled like the verb.
    private func verbBeforeSubject(_ name: ParsedName) -> Bool {
        guard name.parts.count == 1, name.parts[0].tokens.count == 1 else { return false }
        let next = name.tokens.upperBound
        guard next < a.tokens.count, a.sameSentence(next, name.tokens.lowerBound), a.tokens[next].kind == .word,
              a.tokens[next].script == .arabic, a.features[next].article, a.features[next].prefixLength == 0 else { return false }
        return a.shape(next).has([.suffixUn, .suffixAt]) || a.shape(next).has(.suffixIn)
    }

    /// True when token `i` is an Arabic word none of the lists know.
    private func unlisted(_ i: Int) -> Bool {
        a.tokens[i].kind == .word && a.tokens[i].script == .arabic && a.features[i].word.isEmpty && a.features[i].stem.isEmpty
    }

    /// True when a listed given name (or compound, kunya) starts at token `q` (clitics allowed).
    private func startsKnownName(_ q: Int) -> Bool {
        let f = a.features[q]
        let w = f.word.isEmpty ? f.stem : f.word
        if f.maqsuraStop { return false }
        if w.contains(.given) || w.contains(.foreignGiven) || w.contains(.kunya) || w.contains(.dinHead) { return true }
        if a.forms.sameText(f.stemForm, vocabulary: a.lexicon.ids.abd, a.lexicon) { return true }
        if f.stemForm >= 0, a.forms.vocab(f.stemForm) == a.lexicon.ids.amat, q + 1 < a.tokens.count,
           a.features[q + 1].word.contains(.abdPart) { return true }
        if let hit = a.phraseHit(at: q), hit.kinds.contains(.given) { return true }
        return false
    }

    /// True when word `i`, a nationality adjective that is also a given name (تركي Turki), is
    /// the given name: written without the article and followed by بن or a listed name
    /// (وزير الطاقة السعودي تركي بن ناصر).
    private func givenBeforeName(_ i: Int) -> Bool {
        let f = a.features[i]
        guard f.word.contains(.given), !f.article, i + 1 < a.tokens.count, a.sameSentence(i, i + 1),
              a.tokens[i + 1].kind == .word else { return false }
        return a.features[i + 1].word.contains(.nasab) || nameFollows(i + 1)
    }

    /// True when token `i` is بن / ابن / بنت (a given name shaped like a nisba before it, المنجي
    /// بن عمار, is the name, not an adjective of the title).
    private func nasabFollows(_ i: Int) -> Bool {
        i < a.tokens.count && a.tokens[i].kind == .word && a.features[i].word.contains(.nasab) && a.features[i].prefixLength == 0
    }

    /// True when a listed first name starts at token `i`.
    private func nameFollows(_ i: Int) -> Bool {
        i < a.tokens.count && a.tokens[i].kind == .word && startsKnownName(i)
    }

    /// True when token `i` ends a phrase: punctuation, a function word, a verb, or the end.
    private func boundaryAfter(_ i: Int) -> Bool {
        guard i < a.tokens.count, a.sameSentence(i, i - 1) else { return true }
        if a.tokens[i].kind != .word { return true }
        let f = a.features[i]
        return f.maqsuraStop || f.stem.contains(.stop) || f.stem.contains(.verb) || f.stem.contains(.verbAmbiguous)
            || f.word.contains(.stop)
    }

    /// True when an unlisted word looks like a transliterated foreign name rather than an Arabic
    /// noun: four letters or more, no feminine ة or ى ending, no plural ات/ون/ين, no pronoun ه.
    private func foreignLooking(_ i: Int) -> Bool {
        let shape = a.shape(i)
        guard shape.count >= 4, let last = a.text.scalars[a.tokens[i].start..<a.tokens[i].end].last else { return false }
        if last == "\u{0629}" || last == "\u{0649}" || last == "\u{0647}" { return false }
        return !shape.has(FormShape.Flags.pluralSuffix)
    }

    /// True when token `i` cannot continue a name, counting a word with a proclitic (بأداء، وقال)
    /// or a non-Arabic token as an end too.
    private func looseEnd(_ i: Int) -> Bool {
        if boundaryAfter(i) { return true }
        guard i < a.tokens.count else { return true }
        if a.tokens[i].script != .arabic { return true }
        let shape = a.shape(i)
        guard shape.count > 0 else { return true }
        let first = shape.first
        return a.readings(i).0 >= 0 && (first == 0x0648 || first == 0x0628 || first == 0x0644 || first == 0x0641)
    }

    // MARK: reporting verbs and attribution cues

    private func verbPass(_ mentions: inout [Mention], _ covered: inout [Bool]) {
        let n = a.tokens.count
        var i = 0
        while i < n {
            guard a.tokens[i].kind == .word, a.tokens[i].script == .arabic else { i += 1; continue }
            var p = -1
            if let end = a.phrase(.attribution, at: i) {
                p = end
            } else if a.features[i].stem.contains(.verb), !a.features[i].stem.contains(.given) || a.features[i].prefixLength > 0 {
                p = i + 1
            }
            guard p > 0, p < n, a.sameSentence(p, i), !covered[p], a.title(at: p) == nil else { i += 1; continue }
            if let name = parser.parse(at: p, allowUnknown: false, context: true) {
                let head = name.parts[0]
                // After a verb, a lone ambiguous given name is a common word more often than a name.
                let lonelyAmbiguous = name.parts.count == 1 && head.kind == .ambiguous
                if !lonelyAmbiguous {
                    add(name, .verb, 0.85, &mentions, &covered)
                }
            }
            i += 1
        }
    }

    // MARK: structure alone

    private func structurePass(_ mentions: inout [Mention], _ covered: inout [Bool]) {
        let n = a.tokens.count
        var i = 0
        while i < n {
            guard !covered[i], a.tokens[i].kind == .word, a.tokens[i].script == .arabic else { i += 1; continue }
            if let title = a.title(at: i), a.features[i].stem.isDisjoint(with: [.given, .foreignGiven]) || title.tokens.count > 1 {
                i = title.tokens.upperBound  // the words of a title (المتحدث باسم) are not a name
                continue
            }
            guard parser.mayStartListedName(at: i), let name = parser.parse(at: i, allowUnknown: false, context: false) else {
                i += 1
                continue
            }
            if afterOrganisation(i) || name.tokens.contains(where: { covered[$0] }) { i = name.tokens.upperBound; continue }
            if let confidence = structureConfidence(name), !verbBeforeSubject(name) {
                add(nisbaCompleted(name), .structure, confidence, &mentions, &covered)
                i = name.tokens.upperBound
            } else {
                i += 1
            }
        }
    }

    /// How much name structure alone vouches for a parsed name, or `nil` when it does not.
    private func structureConfidence(_ name: ParsedName) -> Double? {
        let parts = name.parts
        guard let head = parts.first else { return nil }
        let known = name.count(.known)
        if parts.count >= 2 {
            if head.kind == .ambiguous && known == 0 && name.count(.nisba) == 0 { return nil }
            if known == 0 && name.count(.nisba) == 0 { return nil }
            if head.kind == .ambiguous {
                // A listed or nisba family name after it makes it a first name.
                if parts.dropFirst().contains(where: { ($0.kind == .known && $0.surname) || $0.kind == .nisba || $0.tokens.count > 1 }) {
                    return 0.8
                }
                // So does a listed given name (خالد يوسف، سامي عيسى: the given name alone would be
                // taken otherwise), unless the head stands as a noun heading a construct: عن أمل
                // محمد is Muhammad's hope.
                guard !a.readsAsConstructNoun(head.tokens.lowerBound),
                      parts.dropFirst().contains(where: { $0.kind == .known }) else { return nil }
                return 0.7
            }
            return 0.8
        }
        switch head.kind {
        case .known:
            if head.tokens.count > 1 { return 0.75 }  // عبد الله، نور الدين، أبو مازن
            if head.surname { return 0.8 }          // بوتين، نتنياهو alone
            return head.foreign ? nil : 0.6          // a lone unambiguous given name
        default:
            return nil
        }
    }
}
