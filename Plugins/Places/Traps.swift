import GlossKit

/// The context checks that keep accidental look-alikes out: family names after a first name,
/// organisations and media that carry a place name, and English case.
extension PlaceScanner {
    /// True when the Latin case rule of `rule` holds for the hit's tokens.
    func caseHolds(_ rule: VariantRule, _ hit: PhraseHit) -> Bool {
        guard rule.capitalised | rule.allCaps != 0 else { return true }
        var offset = 0
        for k in hit.tokens {
            let bit: UInt32 = offset < 32 ? 1 << UInt32(offset) : 0
            if rule.capitalised & bit != 0, !isCapitalised(tokens[k]) { return false }
            if rule.allCaps & bit != 0, !isAllCaps(tokens[k]) { return false }
            offset += 1
        }
        return true
    }

    func isCapitalised(_ token: Token) -> Bool {
        text.scalars[token.start].properties.isUppercase
    }

    func isAllCaps(_ token: Token) -> Bool {
        var k = token.start
        while k < token.end {
            let p = text.scalars[k].properties
            if p.isLowercase { return false }
            k += 1
        }
        return true
    }

    /// True when the word at `index` is a first name or a part of a compound name (عبد الله،
    /// بن، أبو): a place or nisba word right after it is a family name.
    func isNameWord(at index: Int) -> Bool {
        let token = tokens[index]
        guard token.kind == .word else { return false }
        let context = gazetteer.context
        if token.script == .latin && !isCapitalised(token) { return false }
        // على (on) folds to علي (Ali): the preposition, written with ى, is no name.
        if token.normalized == "علي", text.scalars[token.end - 1] == "\u{0649}" { return false }
        return context.firstNames.contains(token.normalized) || context.nameTails.contains(token.normalized)
    }

    /// Second words of organisation names whose first word is an organisation cue (وكالة الأنباء،
    /// هيئة الإذاعة، قناة الأخبار …), normalised: a place right after them belongs to the name.
    static let organisationHeadTails: Set<String> = ["الانباء", "انباء", "للانباء", "الاذاعه", "الاخبار", "التلفزيون", "البث"]

    /// True when the hit must not be read as a place or nationality here.
    func isTrapped(_ hit: PhraseHit, label: PlaceEntry.Label) -> Bool {
        let i = hit.tokens.lowerBound
        let first = tokens[i]
        let context = gazetteer.context
        if hit.prefix.isEmpty, i > 0 {
            let previous = tokens[i - 1]
            if previous.kind == .word, previous.script == first.script {
                if isNameWord(at: i - 1) { return true }
                if previous.script == .arabic {
                    for reading in readings(i - 1) where context.organisationBefore.contains(reading.stem) {
                        return true
                    }
                    // Two-word organisation heads: وكالة الأنباء السعودية is an agency, not a place.
                    if i > 1, Self.organisationHeadTails.contains(previous.normalized),
                       readings(i - 2).contains(where: { context.organisationBefore.contains($0.stem) }) {
                        return true
                    }
                }
            }
            if first.script == .latin, endsWithPhrase(context.englishOrganisationBefore, before: i) { return true }
        }
        if first.script == .latin, label == .place {
            let k = hit.tokens.upperBound
            if k < tokens.count, tokens[k].kind == .word, tokens[k].script == .latin, isCapitalised(tokens[k]) {
                let surface = text[tokens[k].range]
                if context.englishOrganisationAfter.contains(surface) { return true }
                // "Jordan Peterson", "Chad Smith": a place spelled like a first name, then a surname.
                if context.firstNames.contains(first.normalized), hit.tokens.count == 1,
                   !context.englishNeutralAfter.contains(tokens[k].normalized) {
                    return true
                }
            }
        }
        return false
    }

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
        if hit.prefix.contains("ب") || hit.prefix.contains("ل") { return true }
        let i = hit.tokens.lowerBound
        guard i > 0, tokens[i - 1].kind == .word else { return false }
        let previous = tokens[i - 1]
        if previous.script == .latin { return gazetteer.context.englishPrepositions.contains(previous.normalized) }
        for reading in readings(i - 1) where gazetteer.context.prepositions.contains(reading.stem) {
            return true
        }
        return false
    }

    /// True when token `index - 1` is a cue word (Arabic cue noun, English Camp/Fort/Port).
    func hasCueBefore(_ index: Int) -> Bool {
        guard index > 0 else { return false }
        let previous = tokens[index - 1]
        if previous.script == .arabic { return arabicCue(at: index - 1) != nil }
        if previous.script == .latin {
            return gazetteer.context.englishBefore.contains(previous.normalized) && isCapitalised(previous)
        }
        return false
    }
}
