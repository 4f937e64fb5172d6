import GlossKit

/// The context checks that keep accidental look-alikes out: family names after a first name,
/// organisations and media that carry a place name, and English case.
extension PlaceScanner {
    /// True when the Latin case rule of `rule` holds for the hit's tokens.
    @inline(__always)
    func caseHolds(_ rule: VariantRule, _ hit: PhraseHit) -> Bool {
        rule.capitalised | rule.allCaps == 0 || latinCaseHolds(rule, hit)
    }

    func latinCaseHolds(_ rule: VariantRule, _ hit: PhraseHit) -> Bool {
        var offset = 0
        for k in hit.tokens {
            let bit: UInt32 = offset < 32 ? 1 << UInt32(offset) : 0
            if rule.capitalised & bit != 0, !isCapitalised(tokens[k]) { return false }
            if rule.allCaps & bit != 0, !isAllCaps(tokens[k]) { return false }
            offset += 1
        }
        return true
    }

    @inline(__always)
    func isCapitalised(_ token: Token) -> Bool {
        isCapitalised(at: token.start)
    }

    /// True when the code point at `offset` is upper case (ASCII without a property lookup).
    @inline(__always)
    func isCapitalised(at offset: Int) -> Bool {
        let scalar = scalars[offset]
        if scalar.value < 0x80 { return scalar.value &- 0x41 < 26 }
        return scalar.properties.isUppercase
    }

    func isAllCaps(_ token: Token) -> Bool {
        var k = token.start
        while k < token.end {
            let scalar = scalars[k]
            if scalar.value < 0x80 {
                if scalar.value &- 0x61 < 26 { return false }
            } else if scalar.properties.isLowercase {
                return false
            }
            k += 1
        }
        return true
    }

    /// True when the word at `index` is a first name or a part of a compound name (عبد الله،
    /// بن، أبو): a place or nisba word right after it is a family name.
    func isNameWord(at index: Int) -> Bool {
        guard tokens[index].kind == .word else { return false }
        if tokens[index].script == .latin && !isCapitalised(at: tokens[index].start) { return false }
        guard lookups.info[index].whole.intersects(.nameWord) else { return false }
        // على (on) folds to علي (Ali): the preposition, written with ى, is no name.
        if tokens[index].normalized == "علي", scalars[tokens[index].end - 1] == "\u{0649}" { return false }
        return true
    }

    /// Second words of organisation names whose first word is an organisation cue (وكالة الأنباء،
    /// هيئة الإذاعة، قناة الأخبار …), normalised: a place right after them belongs to the name.
    static let organisationHeadTails: Set<String> = ["الانباء", "انباء", "للانباء", "الاذاعه", "الاخبار", "التلفزيون", "البث"]

    /// True when the hit comes right after a first name or a part of a compound name in its
    /// script, without a clitic of its own: a family name (Selim Aydin، محمد الموصلي).
    func followsFirstName(_ hit: PhraseHit) -> Bool {
        let i = hit.tokens.lowerBound
        guard hit.prefix == 0, i > 0, tokens[i - 1].kind == .word, tokens[i - 1].script == tokens[i].script else { return false }
        return isNameWord(at: i - 1)
    }

    /// True when the one-word hit is a word this document used as a family name before
    /// (``familyNames``): the caller has found no preposition or cue before it.
    func isFamilyNameAgain(_ hit: PhraseHit) -> Bool {
        guard !familyNames.isEmpty, hit.tokens.count == 1, hit.prefix == 0 else { return false }
        return familyNames.contains(tokens[hit.tokens.lowerBound].normalized)
    }

    /// True when the hit must not be read as a place or nationality here (family names after a
    /// first name are told apart before: ``followsFirstName(_:)``).
    func isTrapped(_ hit: PhraseHit, label: PlaceEntry.Label) -> Bool {
        let i = hit.tokens.lowerBound
        // (The tokens' fields are read in place: a copy of a token retains and releases its form.)
        let script = tokens[i].script
        if hit.prefix == 0, i > 0 {
            if tokens[i - 1].kind == .word, tokens[i - 1].script == script {
                if script == .arabic {
                    if lookups.info[i - 1].any.contains(.organisationBefore) { return true }
                    // Two-word organisation heads: وكالة الأنباء السعودية is an agency, not a place.
                    if i > 1, lookups.info[i - 2].any.contains(.organisationBefore),
                       Self.organisationHeadTails.contains(tokens[i - 1].normalized) {
                        return true
                    }
                }
            }
            // (The flag is exact for ASCII forms; other forms may still be canonically equal to
            // a non-ASCII phrase word such as "université".)
            if script == .latin,
               lookups.info[i - 1].whole.contains(.englishOrganisationLast) || !tokens[i - 1].normalized.utf8.allSatisfy({ $0 < 0x80 }),
               endsWithPhrase(gazetteer.context.englishOrganisationBefore, before: i) { return true }
        }
        if script == .arabic, label == .place, startsPersonName(hit) { return true }
        if script == .latin, label == .place, secondHalfOfHyphenatedName(hit) { return true }
        if script == .latin, label == .place {
            let k = hit.tokens.upperBound
            if k < tokens.count, tokens[k].kind == .word, tokens[k].script == .latin, isCapitalised(tokens[k]) {
                let surface = self.surface(tokens[k].range)
                if gazetteer.context.englishOrganisationAfter.contains(surface) { return true }
                // "Jordan Peterson", "Chad Smith": a place spelled like a first name, then a surname.
                if lookups.info[i].whole.contains(.firstName), hit.tokens.count == 1,
                   !gazetteer.context.englishNeutralAfter.contains(tokens[k].normalized) {
                    return true
                }
            }
        }
        return false
    }

    /// True when the hit is the second half of a hyphenated family name, joined without spaces to
    /// a capitalised word that is no place (Aydemir-Kaya, Azizi-Rahimi); Iran-Iraq, Saudi-led and
    /// Houston-based stay places.
    func secondHalfOfHyphenatedName(_ hit: PhraseHit) -> Bool {
        let i = hit.tokens.lowerBound
        guard hit.prefix == 0, i >= 2, tokens[i - 1].kind == .punctuation, tokens[i - 1].end - tokens[i - 1].start == 1,
              scalars[tokens[i - 1].start] == "-",
              tokens[i - 2].end == tokens[i - 1].start, tokens[i - 1].end == tokens[i].start,
              tokens[i - 2].kind == .word, tokens[i - 2].script == .latin, isCapitalised(tokens[i - 2]) else { return false }
        return !lookups.info[i - 2].any.intersects([.phraseKey, .phrasePrefix, .norp])
    }

    /// True when a one-word Arabic place that is also a first name (جنين، ميسان) starts a
    /// person's name: it comes without a cue or preposition, and a first name, a part of a
    /// compound name or a family name shaped like a nisba follows (جنين الرفاعي، ميسان عبد
    /// الجبار) — directions and nationalities after a place (جنين الشمالي) do not count.
    func startsPersonName(_ hit: PhraseHit) -> Bool {
        let i = hit.tokens.lowerBound
        let k = hit.tokens.upperBound
        guard hit.tokens.count == 1, hit.prefix == 0, lookups.info[i].whole.contains(.firstName),
              k < tokens.count, tokens[k].kind == .word, tokens[k].script == .arabic,
              !hasCueBefore(i), !hasPrepositionBefore(hit) else { return false }
        if isNameWord(at: k) { return true }
        let next = tokens[k].normalized
        return next.hasPrefix("ال") && next.hasSuffix("ي") && next.unicodeScalars.count >= 5
            && !isNorpWord(next) && !Self.directionAdjectives.contains(next)
    }

    /// Direction adjectives that may follow a place (normalised).
    static let directionAdjectives: Set<String> = ["الشمالي", "الجنوبي", "الشرقي", "الغربي", "الاوسط", "الادني", "الاقصي"]

    /// True when one of `phrases` (normalised tokens) ends right before token `index`.
    func endsWithPhrase(_ phrases: [[String]], before index: Int) -> Bool {
        for phrase in phrases where phrase.count <= index {
            var ok = true
            for (offset, word) in phrase.enumerated() where tokens[index - phrase.count + offset].normalized != word {
                ok = false
                break
            }
            if ok { return true }
        }
        return false
    }

    /// True when token `index - 1` makes an ambiguous name a place: a preposition before it,
    /// or the prepositional clitics ب ل on the name itself.
    func hasPrepositionBefore(_ hit: PhraseHit) -> Bool {
        if Clitics.hasPreposition(hit.prefix) { return true }
        let i = hit.tokens.lowerBound
        guard i > 0, tokens[i - 1].kind == .word else { return false }
        if tokens[i - 1].script == .latin { return lookups.info[i - 1].whole.contains(.englishPreposition) }
        if lookups.info[i - 1].any.contains(.preposition) { return true }
        // وفي، فمن: a preposition behind the conjunction و or ف.
        let previous = tokens[i - 1].normalized.unicodeScalars
        guard previous.count > 2, let first = previous.first, first == "و" || first == "ف" else { return false }
        return gazetteer.context.prepositions.contains(String(previous.dropFirst()))
    }

    /// True when an Arabic hit carries the conjunction و and follows a place, with at most a
    /// comma between: a list of places (المرج والبيضاء وشحات), which makes an ambiguous name
    /// one of them.
    func continuesPlaceList(_ hit: PhraseHit) -> Bool {
        guard hit.prefix == Clitics.wa, let last = mentions.last, last.label == .place else { return false }
        var k = hit.tokens.lowerBound - 1
        if k >= 0, tokens[k].kind == .punctuation, tokens[k].end - tokens[k].start == 1,
           scalars[tokens[k].start] == "،" || scalars[tokens[k].start] == "," {
            k -= 1
        }
        return k >= 0 && last.end == tokens[k].end
    }

    /// True when token `index - 1` is a cue word (Arabic cue noun, English Camp/Fort/Port).
    func hasCueBefore(_ index: Int) -> Bool {
        guard index > 0 else { return false }
        switch tokens[index - 1].script {
        case .arabic: return isArabicCue(at: index - 1)
        case .latin: return lookups.info[index - 1].whole.contains(.englishBefore) && isCapitalised(at: tokens[index - 1].start)
        default: return false
        }
    }
}
