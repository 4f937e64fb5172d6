import GlossKit

/// A cue noun before a place (مدينة، محافظة، قاعدة …), found on a token.
struct ArabicCue: Sendable {
    /// The first kind the cue introduces (``Gazetteer/kindNames``): the default for an unknown X.
    let kind: UInt8
    /// First code point of the cue noun (after clitics such as ب in بمدينة).
    let start: Int
    /// True for facility cues (قاعدة، مطار، معسكر، ميناء …).
    let facility: Bool
    /// True when the whole "cue X" is a facility span too (airports, bases, camps; not ports).
    let wholeFacility: Bool
    /// True when an X missing from the gazetteer is still a place after this cue.
    let allowsUnknown: Bool
}

extension PlaceScanner {
    /// The cue noun at token `index`, read through its clitics (بمدينة، ولمحافظة), or `nil`.
    func arabicCue(at index: Int) -> ArabicCue? {
        guard tokens[index].kind == .word, tokens[index].script == .arabic,
              lookups.info[index].any.contains(.cue) else { return nil }
        for reading in readings(index) {
            let flags = gazetteer.words.flags[Int(reading.record)]
            guard flags.contains(.cue) else { continue }
            let start = reading.prefix == 0 ? tokens[index].start
                : text.offset(in: tokens[index], afterNormalized: Clitics.length(reading.prefix))
            return ArabicCue(kind: gazetteer.words.cueKind[Int(reading.record)], start: start, facility: flags.contains(.facilityCue),
                             wholeFacility: flags.contains(.wholeFacilityCue), allowsUnknown: flags.contains(.unknownCue))
        }
        return nil
    }

    /// True when token `index` is an Arabic cue noun (through its clitics).
    @inline(__always)
    func isArabicCue(at index: Int) -> Bool {
        tokens[index].kind == .word && tokens[index].script == .arabic && lookups.info[index].any.contains(.cue)
    }

    /// Finds the X after the cue at token `c` (within `limit`), records it, and when `whole` is
    /// set and the cue names a facility, records the whole facility span too. Returns the next
    /// token to scan, or `nil` when there is no X.
    mutating func arabicCueX(_ cue: ArabicCue, at c: Int, limit: Int, whole: Bool) -> Int? {
        let j = c + 1
        guard j < limit, tokens[j].kind == .word, tokens[j].script == .arabic else { return nil }
        let preferred = cue.facility ? gazetteer.kindFacility : cue.kind
        var xEnd: Int?
        var xMention: Int?
        if let (hit, rules) = firstPlaceHit(at: j, limit: limit) {
            let storedRules = store(rules)
            mentions.append(Mention(start: hit.start, end: hit.end, label: .place, source: .cueKnown,
                                    rules: storedRules, cueKind: preferred, confidence: 0.95))
            xEnd = hit.tokens.upperBound
            xMention = mentions.count - 1
        } else if cue.allowsUnknown, let range = unknownArabicX(at: j, limit: limit) {
            mentions.append(Mention(start: tokens[range.lowerBound].start, end: tokens[range.upperBound - 1].end,
                                    label: .place, source: .cueUnknown, rules: 0..<0,
                                    cueKind: cue.facility ? gazetteer.kindFacility : cue.kind, confidence: 0.7))
            xEnd = range.upperBound
            xMention = mentions.count - 1
        }
        guard let xEnd else { return nil }
        guard whole, cue.wholeFacility else { return xEnd }
        var end = xEnd
        while end < limit, tokens[end].kind == .word,
              gazetteer.context.facilityAdjectives.contains(tokens[end].normalized) {
            end += 1
        }
        var facility = Mention(start: cue.start, end: tokens[end - 1].end, label: .place, source: .facility,
                               rules: 0..<0, cueKind: gazetteer.kindFacility, confidence: 0.85, inner: xMention)
        // An English value when X is known: مطار العريش الدولي → "Arish International Airport".
        if let x = xMention, !mentions[x].rules.isEmpty, let cueWord = gazetteer.context.facilityEnglish[cueStem(at: c)] {
            let adjectives = (xEnd..<end).compactMap { gazetteer.context.facilityEnglish[tokens[$0].normalized] }
            facility.englishParts = store(englishParts: adjectives + [cueWord])
        }
        mentions.append(facility)
        return end
    }

    /// The stem of the first reading of token `c` that is a cue noun, or "".
    func cueStem(at c: Int) -> String {
        guard let reading = readings(c).first(where: { gazetteer.words.flags[Int($0.record)].contains(.cue) }) else { return "" }
        return gazetteer.words.word(reading.record)
    }

    /// The tokens of an X that is not in the gazetteer, or `nil` when the word after the cue
    /// cannot be a name (a stop word, an adjective, a nisba, another cue).
    func unknownArabicX(at j: Int, limit: Int) -> Range<Int>? {
        func nameLike(_ k: Int) -> Bool {
            guard k < limit, tokens[k].kind == .word, tokens[k].script == .arabic else { return false }
            let key = tokens[k].normalized
            return key.unicodeScalars.count >= 2 && !gazetteer.context.stopWords.contains(key)
                && gazetteer.context.cueKinds[key] == nil && !isNorpWord(key) && !Self.isNisbaShaped(key)
        }
        guard nameLike(j), !looksLikeAdjective(j) else { return nil }
        var end = j + 1
        // تل أبيض، عين عيسى، أبو غريب: a head word takes the next word (and one more head).
        while end - j < 3, gazetteer.context.heads.contains(tokens[end - 1].normalized), nameLike(end) {
            end += 1
        }
        return j..<end
    }

    /// An indefinite feminine word shaped like an adjective (متنوعة، محاصرة، كبيرة، قديمة): a
    /// participle مـ…ـة or the pattern فعيلة. Town names of these shapes are in the gazetteer.
    func looksLikeAdjective(_ j: Int) -> Bool {
        let token = tokens[j]
        guard text.scalars[token.end - 1] == "\u{0629}" else { return false }  // ة
        let letters = Array(token.normalized.unicodeScalars)
        guard letters.count >= 4, letters[0] != "ا" || letters[1] != "ل" else { return false }
        if letters[0] == "م" && letters.count >= 5 { return true }
        return letters.count == 5 && letters[3] == "ي"
    }

    /// Adjective-shaped words: plural nisba (ـيون ـيين ـيات), an indefinite nisba (ـي ـية), or a
    /// definite masculine nisba (الـ…ـي). A definite feminine (الحمدانية) is often a town name.
    static func isNisbaShaped(_ key: String) -> Bool {
        if key.hasSuffix("يون") || key.hasSuffix("يين") || key.hasSuffix("يات") { return true }
        let definite = key.hasPrefix("ال")
        if key.unicodeScalars.count >= 4 && (key.hasSuffix("ي") || (!definite && key.hasSuffix("يه"))) { return true }
        return false
    }
}
