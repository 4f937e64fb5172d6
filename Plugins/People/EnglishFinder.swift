import GlossKit

/// Finds person names in Latin-script text: capitalised name sequences with titles
/// (`President`, `Gen.`, `Mr.`), given names from the gazetteer, reporting verbs around them,
/// initials (`J. R. Smith`), particles (`bin`, `al-`, `van`), hyphenated names; possessives
/// stay outside the span (`Biden's` → `Biden`).
struct EnglishFinder {
    let a: TextAnalysis

    /// One part of a capitalised run: its tokens and its key (a form id).
    private struct Part {
        var tokens: Range<Int>
        var key: Int32
        var cls: WordClass
        var initial: Bool
    }

    func find(into mentions: inout [Mention], covered: inout [Bool]) {
        let n = a.tokens.count
        var i = 0
        var run: [Part] = []  // reused by every run of the document
        run.reserveCapacity(8)
        while i < n {
            guard !covered[i], isCap(i) || isParticleStart(i) else { i += 1; continue }
            capitalisedRun(from: i, into: &run)
            guard let last = run.last else { i += 1; continue }
            consider(run, &mentions, &covered)
            i = max(last.tokens.upperBound, i + 1)
        }
    }

    private var ids: ConstantIDs { a.lexicon.ids }

    /// True when word `i` is one of ``PeopleLexicon/reportingWords`` (as a `String`).
    private func isReportingWord(_ i: Int) -> Bool {
        let form = a.formOf[i]
        if a.shape(form: form).has(.simple) {
            let v = a.vocabOf[i]
            return v >= 0 && a.lexicon.entries[Int(v)].flags.contains(.reportingWord)
        }
        return PeopleLexicon.reportingWords.contains(a.forms.string(form))
    }

    @inline(__always)
    private func isWord(_ i: Int) -> Bool {
        i >= 0 && i < a.tokens.count && a.tokens[i].kind == .word && a.tokens[i].script == .latin
    }

    private func isCap(_ i: Int) -> Bool { isWord(i) && a.features[i].capitalized }

    private func touches(_ i: Int, _ j: Int) -> Bool { a.tokens[i].end == a.tokens[j].start }

    /// True when token `i` is the punctuation mark with vocabulary id `mark`.
    private func isPunct(_ i: Int, _ mark: Int32) -> Bool {
        i >= 0 && i < a.tokens.count && a.tokens[i].kind == .punctuation && a.token(i, is: mark)
    }

    /// `al-` / `el-` glued to a capitalised word. (The cheap tests of the tokens around come
    /// first: most words are not followed by a glued mark.)
    @inline(__always)
    private func isParticleStart(_ i: Int) -> Bool {
        i + 2 < a.tokens.count && isWord(i) && touches(i, i + 1) && touches(i + 1, i + 2) && isCap(i + 2)
            && isPunct(i + 1, ids.hyphen) && (a.token(i, is: ids.al) || a.token(i, is: ids.el))
    }

    /// The parts of the capitalised sequence starting at `i` (same sentence), in `parts`
    /// (emptied first).
    private func capitalisedRun(from start: Int, into parts: inout [Part]) {
        parts.removeAll(keepingCapacity: true)
        var i = start
        let n = a.tokens.count
        // Capitalised particles before a family name (Van der Berg, De la Cruz, Bin Dhafer,
        // Ingrid De Vries-Ahlström) belong to the part after them, unless the first is also a
        // given name and no lower-case particle follows it (Ben Wallace).
        var particlesStart = -1
        while i < n, a.sameSentence(i, start) {
            if particlesStart < 0, let after = particlesBeforeName(at: i, start: start) {
                particlesStart = i
                i = after
                continue
            }
            if isParticleStart(i) {
                parts.append(Part(tokens: i..<(i + 3), key: a.formOf[i + 2], cls: a.features[i + 2].word, initial: false))
                i += 3
                continue
            }
            if isCap(i) {
                var end = i + 1
                let tokenLength = a.tokens[i].end - a.tokens[i].start
                let initial = tokenLength == 1 && isPunct(i + 1, ids.period) && touches(i, i + 1)
                if initial { end = i + 2 }
                // Hyphenated names: Jean-Pierre, Al-Sudani; inside a name the second half may be
                // lower case (Yoon Hae-sook).
                while !initial, end + 1 < n, isPunct(end, ids.hyphen), touches(end - 1, end), touches(end, end + 1),
                      isCap(end + 1) || (!parts.isEmpty && isWord(end + 1) && a.tokens[end + 1].script == .latin) {
                    end += 2
                }
                let key = end - i > 1 && !initial ? a.formOf[end - 1] : a.formOf[i]
                parts.append(Part(tokens: (particlesStart >= 0 ? particlesStart : i)..<end, key: key, cls: a.features[i].word, initial: initial))
                particlesStart = -1
                i = end
                continue
            }
            // A lower-case particle between capitalised words: Ursula von der Leyen, Mohammed bin Salman.
            if !parts.isEmpty, isWord(i), a.features[i].word.contains(.particle) {
                var j = i
                while j < n, isWord(j), a.features[j].word.contains(.particle), !a.features[j].capitalized { j += 1 }
                if j < n, isCap(j), j > i { i = j; parts[parts.count - 1].tokens = parts[parts.count - 1].tokens.lowerBound..<j; continue }
            }
            break
        }
    }

    /// When capitalised surname particles start at token `i` (De, Van der, Bin) and a
    /// capitalised word that is no particle follows them, that word's token.
    private func particlesBeforeName(at i: Int, start: Int) -> Int? {
        guard isCap(i), a.features[i].word.contains(.particle), MentionLinker.surnameParticles.contains(a.tokens[i].normalized),
              a.features[i].word.isDisjoint(with: [.given, .foreignGiven])
                || (isWord(i + 1) && !a.features[i + 1].capitalized && MentionLinker.surnameParticles.contains(a.tokens[i + 1].normalized))
        else { return nil }
        let n = a.tokens.count
        var j = i + 1
        while j < n, isWord(j), a.features[j].word.contains(.particle), MentionLinker.surnameParticles.contains(a.tokens[j].normalized) { j += 1 }
        guard isCap(j), !a.features[j].word.contains(.particle), a.sameSentence(j, start) else { return nil }
        return j
    }

    /// Whether a part is one capitalised word shaped like an East Slavic or Caucasian patronymic
    /// (Ivanovich, Serikovich, Petrivna, Alievna).
    private func isPatronymic(_ part: Part) -> Bool {
        guard part.tokens.count == 1 else { return false }
        let form = a.tokens[part.tokens.lowerBound].normalized
        return form.utf8.count >= 7 && Self.patronymicEndings.contains(where: form.hasSuffix)
    }

    private static let patronymicEndings = ["ovich", "evich", "ovych", "ovna", "evna", "ivna", "ichna"]

    /// Whether a part is a name with its article glued by a hyphen (al-Menaki, el-Sisi).
    private func startsWithArticle(_ part: Part) -> Bool {
        let first = part.tokens.lowerBound
        return part.tokens.count == 3 && (a.token(first, is: ids.al) || a.token(first, is: ids.el))
    }

    /// Whether a lower-case facility word starts at token `i` (air base, airbase, airport, base,
    /// camp, crossing, port, refinery, terminal, oilfield, depot, dam).
    private func facilityWord(at i: Int) -> Bool {
        guard i < a.tokens.count, a.tokens[i].kind == .word, !a.features[i].capitalized else { return false }
        switch a.tokens[i].normalized {
        case "airbase", "airport", "airfield", "base", "camp", "crossing", "port", "refinery", "terminal", "oilfield", "depot", "dam":
            return true
        case "air": return i + 1 < a.tokens.count && a.tokens[i + 1].normalized == "base"
        default: return false
        }
    }

    private func consider(_ run: [Part], _ mentions: inout [Mention], _ covered: inout [Bool]) {
        guard let first = run.first else { return }
        // A title right before the run (lower-case roles: "spokesman John Kirby") or inside it.
        var titled = false
        var nameStart = 0
        if let t = titleEnding(before: first.tokens.lowerBound) { titled = t }
        var k = 0
        while k < run.count {
            // A title word that is also a given name right after a given name (Abdul Amir) is a name part.
            let nameAfterName = titled && k > nameStart && run[k].cls.contains(.given) && run[k - 1].cls.contains(.given)
            if !nameAfterName, let hit = a.title(at: run[k].tokens.lowerBound) {
                let end = hit.tokens.upperBound
                if let next = run.firstIndex(where: { $0.tokens.lowerBound >= end }) {
                    titled = true
                    nameStart = next
                    k = next
                    continue
                } else {
                    return  // a title alone
                }
            }
            k += 1
        }
        let isOrganisationWord = { (part: Part) in part.cls.contains(.org) && part.cls.isDisjoint(with: [.given, .family, .knownSurname]) }
        // An organisation word that ends a role (Speaker of Parliament, Hamas Political Bureau),
        // then a listed first name and more: the name starts after it. After a title and "of"
        // (Speaker of Parliament Mark Bennett) the role is certain, and so is an ambiguous name.
        let start = first.tokens.lowerBound
        let titleOf = start >= 2 && a.token(start - 1, is: ids.of) && titleEnding(before: start - 1) == true
        if !titled, let p = run.lastIndex(where: isOrganisationWord), run.count - (p + 1) >= 2,
           run[p + 1].cls.contains(.given), run[p + 1].cls.isDisjoint(with: [.sentenceStart, .org]),
           titleOf || !run[p + 1].cls.contains(.givenAmbiguous) {
            nameStart = p + 1
            titled = titleOf
        }
        // Without a title, an organisation word anywhere in the run makes it an organisation
        // (Hamas Political Bureau, Bank of England).
        if !titled, run[nameStart...].contains(where: isOrganisationWord) {
            return
        }
        // The name's parts are run[lo..<hi] (trimmed by moving the bounds: no copy of the run).
        var lo = nameStart
        var hi = run.count
        // Drop leading words that are not names (sentence starts, demonyms, places, months).
        let notName: WordClass = [.sentenceStart, .nationality, .month, .weekday, .common, .place, .org]
        // A title before, or ", who" after (Jordan Price, who led …), keeps a given name that is
        // also a place or a word.
        let vouched = titled || relativeWho(after: run[hi - 1].tokens.upperBound)
        while lo < hi, !run[lo].initial, run[lo].cls.intersects(notName),
              !(vouched && run[lo].cls.contains(.given) && !run[lo].cls.contains(.sentenceStart)) {
            lo += 1
        }
        // A capitalised sentence start that is not a name before a given name: "Coach Javier …"
        // (a kunya is: "Abu Mohammed al-Julani").
        if hi - lo >= 2, !titled, run[lo].cls.isDisjoint(with: [.given, .family, .knownSurname, .kunya]),
           run[lo + 1].cls.contains(.given), !run[lo].initial,
           run[lo].tokens.lowerBound == 0 || !a.sameSentence(run[lo].tokens.lowerBound - 1, run[lo].tokens.lowerBound) {
            lo += 1
        }
        guard lo < hi else { return }
        // Named after a person, a facility is no person: Ali Al Salem air base, Al Udeid airport.
        if facilityWord(at: run[hi - 1].tokens.upperBound) { return }
        // An organisation word anywhere makes the whole sequence an organisation.
        for p in lo..<hi where run[p].cls.contains(.org) && !run[p].cls.contains(.family) && !run[p].cls.contains(.given) { return }
        // Cut before a later place, month or common word that is not a listed name.
        for p in (lo + 1)..<max(lo + 1, hi)
        where run[p].cls.intersects([.place, .month, .weekday, .common, .nationality, .sentenceStart])
            && !run[p].cls.contains(.family) && !run[p].cls.contains(.given) && !run[p].initial {
            hi = p
            break
        }
        if let phraseEnd = a.phrase(.place, at: run[lo].tokens.lowerBound), phraseEnd >= run[hi - 1].tokens.upperBound {
            return
        }
        guard hi - lo <= 5 else { return }
        let head = run[lo]
        let lastToken = run[hi - 1].tokens.upperBound - 1
        let verbNear = reportingVerb(before: head.tokens.lowerBound) || reportingVerb(after: lastToken + 1)
            || ageApposition(after: lastToken + 1) || relativeWho(after: lastToken + 1) || roleApposition(after: lastToken + 1)
        // The parts that are not initials: how many, and the last one.
        var namedCount = 0
        var lastNamedIndex = -1
        for p in lo..<hi where !run[p].initial {
            namedCount += 1
            lastNamedIndex = p
        }
        guard lastNamedIndex >= 0 else { return }
        let lastNamed = run[lastNamedIndex]
        var evidence: Evidence?
        var confidence = 0.0
        if titled {
            evidence = .title; confidence = 0.95
        } else if namedCount >= 2 {
            let g = head.cls
            let sentenceInitial = head.tokens.lowerBound == 0 || !a.sameSentence(head.tokens.lowerBound - 1, head.tokens.lowerBound)
            // "Al" as a given name (Al Gore) before an unlisted word is the Arabic article of a
            // place more often (Al Khor, Al Qaim, Al Bab): structure alone does not make it a name.
            let articleHead = hi - lo == 2 && a.tokens[head.tokens.lowerBound].normalized == "al" && head.tokens.count == 1
                && lastNamed.cls.isDisjoint(with: [.family, .knownSurname, .given, .foreignGiven])
            if g.contains(.given) && !g.contains(.sentenceStart) && (!g.contains(.givenAmbiguous) || !sentenceInitial) && !articleHead {
                evidence = .structure; confidence = 0.85
            } else if lastNamed.cls.contains(.knownSurname) {
                evidence = .structure; confidence = 0.85
            } else if g.contains(.kunya), run[lo + 1].cls.contains(.given) || hi - lo >= 3 && startsWithArticle(run[hi - 1]) {
                // A kunya and a given name (Abu Khaled, Umm Yusuf), or a kunya, a name and a
                // nisba with its article (Abu Dujana al-Menaki).
                evidence = .structure; confidence = 0.8
            } else if hi - lo >= 3, startsWithArticle(run[hi - 1]), run[(lo + 1)..<(hi - 1)].contains(where: { $0.cls.contains(.given) }),
                      head.cls.isDisjoint(with: notName) {
                // An Arab name with its nisba: Abdulmalik Yahya al-Hamdani (a listed given name
                // inside, the article glued to the last part).
                evidence = .structure; confidence = 0.8
            } else if hi - lo == 3, isPatronymic(run[lo + 1]) {
                // Given name, patronymic, surname: Bakhyt Serikovich Tuleubayev.
                evidence = .structure; confidence = 0.8
            } else if verbNear {
                evidence = .verb; confidence = 0.8
            } else if (g.contains(.given) || head.initial) && lastNamed.cls.contains(.family) && !lastNamed.cls.contains(.familyAmbiguous) {
                evidence = .structure; confidence = 0.75
            } else if lastNamed.cls.contains(.family) && !lastNamed.cls.contains(.familyAmbiguous)
                        && !g.intersects(notName) && !g.isEmpty {
                evidence = .structure; confidence = 0.6
            }
        } else if namedCount == 1, hi - lo > 1 {
            // Initials then a surname: J. R. Smith.
            if lastNamed.cls.contains(.family) || verbNear { evidence = .structure; confidence = 0.75 }
        } else {
            let c = head.cls
            if c.contains(.knownSurname) && !c.contains(.familyAmbiguous) {
                evidence = .structure; confidence = 0.8
            } else if verbNear, c.contains(.family), !c.contains(.familyAmbiguous), !c.intersects(notName) {
                evidence = .verb; confidence = 0.6
            }
        }
        guard let evidence else { return }
        // In a title-case line (headline), capitals prove nothing: keep only names with listed parts
        // — unless a title vouches for a name that a mark or a lower-case word ends (a readout
        // naming many officials: "spokesperson Tamsin R. Okafor-Bell: …").
        let delimited = titled && (lastToken + 1 >= a.tokens.count || a.tokens[lastToken + 1].kind == .punctuation
            || (isWord(lastToken + 1) && !a.features[lastToken + 1].capitalized))
        if !delimited, headline(head.tokens.lowerBound),
           !run[lo..<hi].contains(where: { $0.cls.intersects([.given, .family, .knownSurname]) && !$0.cls.contains(.givenAmbiguous) }) {
            return
        }
        let range = head.tokens.lowerBound..<(lastToken + 1)
        guard !range.contains(where: { covered[$0] }) else { return }
        for t in range { covered[t] = true }
        var words: [Int32] = []
        words.reserveCapacity(hi - lo)
        for p in lo..<hi where a.shape(form: run[p].key).has(.multiCharacter) { words.append(run[p].key) }
        var mention = Mention(tokens: range, start: a.tokens[range.lowerBound].start, end: a.tokens[lastToken].end,
                              evidence: evidence, confidence: confidence, words: words, arabic: false)
        // Two family names, the first after particles (Isabel de la Fuente Ortega).
        if hi - lo >= 3, !run[hi - 2].initial, case let before = run[hi - 2].tokens.lowerBound - 1, isWord(before),
           !a.features[before].capitalized, MentionLinker.surnameParticles.contains(a.tokens[before].normalized) {
            mention.twoFamilyNames = true
        }
        mentions.append(mention)
    }

    /// True when most words of the sentence of token `i` are capitalised (a headline).
    private func headline(_ i: Int) -> Bool {
        let sentence = a.text.sentences[a.sentenceOf[i]]
        var k = a.text.tokenIndex(atOrAfter: sentence.lowerBound)
        var words = 0
        var capitals = 0
        while k < a.tokens.count, a.tokens[k].start < sentence.upperBound {
            if isWord(k), a.tokens[k].end - a.tokens[k].start > 3 {
                words += 1
                if a.features[k].capitalized { capitals += 1 }
            }
            k += 1
        }
        return words >= 3 && capitals * 10 >= words * 8
    }

    /// A title that ends right before token `i` (lower-case roles included), if any.
    private func titleEnding(before i: Int) -> Bool? {
        // Right before the name, or before the comma of an apposition ("her Chinese counterpart,
        // Zhao Wenbo,").
        let end = i > 0 && isPunct(i - 1, ids.comma) ? i - 1 : i
        var j = end - 1
        var steps = 0
        while j >= 0, steps < 4 {
            if let hit = a.title(at: j), hit.tokens.upperBound == end, a.tokens[j].script == .latin { return true }
            j -= 1
            steps += 1
        }
        return nil
    }

    /// "said X", "according to X".
    private func reportingVerb(before i: Int) -> Bool {
        guard i > 0 else { return false }
        var j = i - 1
        if isPunct(j, ids.comma) { j -= 1 }
        guard j >= 0 else { return false }
        if isWord(j), a.features[j].word.contains(.verb), isReportingWord(j) {
            return true
        }
        // "according to": a two-token attribution phrase ending at j.
        if j >= 1, a.token(j, is: ids.to), a.token(j - 1, is: ids.according) { return true }
        return false
    }

    /// "Olena Kovalenko, 63, …": an age in commas right after the name.
    private func ageApposition(after i: Int) -> Bool {
        guard isPunct(i, ids.comma), i + 2 < a.tokens.count, a.tokens[i + 1].kind == .number,
              let age = Int(a.tokens[i + 1].normalized), age > 0, age < 120 else { return false }
        return isPunct(i + 2, ids.comma) || isPunct(i + 2, ids.period)
    }

    /// "Jordan Price, who led the mission": a relative clause with "who" right after the name
    /// (organisations and places take "which").
    private func relativeWho(after i: Int) -> Bool {
        isPunct(i, ids.comma) && isWord(i + 1) && !a.features[i + 1].capitalized && a.tokens[i + 1].normalized == "who"
    }

    /// "Yaakov Elharar-Dayan, a spokesman for the authority": a role after the name's comma
    /// (a lower-case title, after a, an or the).
    private func roleApposition(after i: Int) -> Bool {
        guard isPunct(i, ids.comma) else { return false }
        var j = i + 1
        if isWord(j), !a.features[j].capitalized, ["a", "an", "the"].contains(a.tokens[j].normalized) { j += 1 }
        guard j > i + 1, isWord(j), !a.features[j].capitalized, let hit = a.title(at: j) else { return false }
        return hit.tokens.lowerBound == j
    }

    /// "X said", "X told".
    private func reportingVerb(after i: Int) -> Bool {
        var j = i
        if j < a.tokens.count, a.token(j, is: ids.possessive) { return false }
        if isPunct(j, ids.comma) { j += 1 }
        return isWord(j) && a.features[j].word.contains(.verb) && !a.features[j].capitalized
    }
}
