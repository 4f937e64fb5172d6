import GlossKit

/// English cue patterns: "X province", "X Air Base", "Camp X", "the city of X".
extension PlaceScanner {
    /// Particles that may sit inside a capitalised English place name (Ain al-Asad, Deir ez-Zor).
    static let englishParticles: Set<String> = ["al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ez",
                                                 "ed", "es", "bin", "ibn", "bint", "abu", "umm", "de", "del",
                                                 "la", "le", "-", "'"]

    /// The end (exclusive) of a capitalised run starting at `i`: capitalised words joined by
    /// particles and hyphens, at most `maxTokens` tokens, ending on a capitalised word.
    func capitalisedRun(from i: Int, maxTokens: Int = 6) -> Int? {
        guard i < tokens.count, tokens[i].kind == .word, tokens[i].script == .latin,
              isCapitalised(tokens[i]) else { return nil }
        var lastWord = i
        var k = i + 1
        while k < tokens.count, k - i < maxTokens {
            guard tokens[k].start - tokens[k - 1].end <= 1 else { break }
            let flags = lookups.info[k].whole
            if tokens[k].kind == .word, tokens[k].script == .latin, isCapitalised(at: tokens[k].start),
               !flags.contains(.englishNeutralAfter) {
                lastWord = k
            } else if !flags.contains(.englishParticle) {
                break
            }
            k += 1
        }
        return lastWord + 1
    }

    /// The English after-cue phrase starting at token `k`, as (length in tokens, joined key).
    func englishAfterPhrase(at k: Int) -> (Int, String)? {
        // Only a token that is the first word of some phrase can start one.
        guard k < tokens.count, lookups.info[k].whole.contains(.englishAfterFirst) else { return nil }
        for phrase in gazetteer.context.englishAfter where k + phrase.count <= tokens.count {
            var ok = true
            for (offset, word) in phrase.enumerated() where tokens[k + offset].normalized != word || tokens[k + offset].kind != .word {
                ok = false
                break
            }
            if ok { return (phrase.count, phrase.joined(separator: " ")) }
        }
        return nil
    }

    /// "X province", "Ain al-Asad Air Base": a capitalised X followed by an after-cue.
    mutating func englishAfterCue(at i: Int, hits: [PhraseHit]) -> Int? {
        guard isCapitalised(at: tokens[i].start) || lookups.info[i].whole.contains(.englishParticle) else { return nil }
        // X may start with a particle (al-Anbar province).
        var runStart = i
        if !isCapitalised(tokens[i]) {
            guard i + 2 < tokens.count, tokens[i + 1].normalized == "-" else { return nil }
            runStart = i + 2
        }
        guard let runEnd = capitalisedRun(from: runStart) else { return nil }
        // The shortest X that ends on a capitalised word and is followed by a cue
        // (Baghdad + International Airport, Deir ez-Zor + province).
        var found: (Int, Int, String)?
        var end = runStart + 1
        while end <= runEnd {
            if isCapitalised(tokens[end - 1]), let (length, cue) = englishAfterPhrase(at: end) {
                found = (end, length, cue)
                break
            }
            end += 1
        }
        guard let (xEnd, cueLength, cueKey) = found else { return nil }
        // A gazetteer name that ends in "City" is that city (Kuwait City, Sadr City): the scan's
        // phrase hit takes it whole.
        if cueKey == "city", hits.contains(where: { $0.tokens.upperBound >= xEnd + cueLength }) { return nil }
        var xStart = i
        while xStart < xEnd, gazetteer.context.englishStopWords.contains(tokens[xStart].normalized) { xStart += 1 }
        guard xStart < xEnd else { return nil }
        if xStart != i { return nil }  // let the scan reach the real start
        let cueTokens = xEnd..<(xEnd + cueLength)
        let cueCapitalised = isCapitalised(tokens[cueTokens.lowerBound])
        let kind: UInt8? = gazetteer.context.englishFacility.contains(cueKey) ? gazetteer.kindFacility
            : gazetteer.context.englishProvince.contains(cueKey) ? gazetteer.kindProvince
            : (cueKey == "city" ? gazetteer.kindCity : cueKey == "valley" ? gazetteer.kindRegion : nil)
        // X from the gazetteer (any flags: the cue vouches), else an unknown capitalised name.
        var xMention: Int?
        var xIsCountry = false
        if let (hit, rules) = firstPlaceHit(at: xStart, limit: xEnd, where: { $0.tokens.upperBound == xEnd }) {
            let storedRules = store(rules)
            mentions.append(Mention(start: hit.start, end: hit.end, label: .place, source: .cueKnown, rules: storedRules,
                                    cueKind: kind, confidence: 0.95))
            xMention = mentions.count - 1
            xIsCountry = rules.allSatisfy { gazetteer.entries[Int($0.entry)].kind == "country" }
        } else {
            let key = (xStart..<xEnd).map { tokens[$0].normalized }.joined(separator: " ")
            if gazetteer.rules(for: key) != nil { return nil }  // a nationality or organisation
            mentions.append(Mention(start: tokens[xStart].start, end: tokens[xEnd - 1].end, label: .place,
                                    source: .cueUnknown, rules: 0..<0, cueKind: kind ?? gazetteer.kindCity, confidence: 0.7))
            xMention = mentions.count - 1
        }
        if kind == gazetteer.kindFacility, cueCapitalised, !xIsCountry {
            let end = tokens[cueTokens.upperBound - 1].end
            let whole = hits.first { $0.tokens.upperBound == cueTokens.upperBound }
            let rules = ArraySlice(whole.map { gazetteer.rules(ofSlot: $0.slot).filter { gazetteer.facts[Int($0.entry)].label == .place } } ?? [])
            let storedRules = store(rules)
            mentions.append(Mention(start: tokens[xStart].start, end: end, label: .place,
                                    source: rules.isEmpty ? .facility : .gazetteer, rules: storedRules,
                                    cueKind: gazetteer.kindFacility, confidence: 0.85, inner: xMention))
        }
        return cueTokens.upperBound
    }

    /// "Camp Taji", "Fort Hood": a before-cue and a capitalised X; the whole is a facility.
    mutating func englishBeforeCue(at i: Int, hits: [PhraseHit]) -> Int? {
        guard lookups.info[i].whole.contains(.englishBefore), isCapitalised(at: tokens[i].start),
              let xEnd = capitalisedRun(from: i + 1, maxTokens: 4) else { return nil }
        // A town named with the word (Port Sudan, Fort Worth) is the gazetteer's, whole: the
        // scan's phrase hit takes it.
        let facts = gazetteer.facts
        if hits.contains(where: { hit in
            hit.tokens.count >= 2 && gazetteer.rules(ofSlot: hit.slot).contains {
                facts[Int($0.entry)].label == .place && facts[Int($0.entry)].kind != gazetteer.kindFacility
            }
        }) {
            return nil
        }
        let xStart = i + 1
        var xMention: Int?
        if let (hit, rules) = firstPlaceHit(at: xStart, limit: xEnd) {
            let storedRules = store(rules)
            mentions.append(Mention(start: hit.start, end: hit.end, label: .place, source: .cueKnown, rules: storedRules,
                                    cueKind: gazetteer.kindFacility, confidence: 0.9))
            xMention = mentions.count - 1
        } else {
            if gazetteer.context.englishStopWords.contains(tokens[xStart].normalized) { return nil }
            mentions.append(Mention(start: tokens[xStart].start, end: tokens[xEnd - 1].end, label: .place,
                                    source: .cueUnknown, rules: 0..<0, cueKind: gazetteer.kindFacility, confidence: 0.7))
            xMention = mentions.count - 1
        }
        let whole = hits.first { $0.tokens.upperBound == xEnd }
        let rules = ArraySlice(whole.map { gazetteer.rules(ofSlot: $0.slot).filter { gazetteer.facts[Int($0.entry)].label == .place } } ?? [])
        let storedRules = store(rules)
        mentions.append(Mention(start: tokens[i].start, end: tokens[xEnd - 1].end, label: .place,
                                source: rules.isEmpty ? .facility : .gazetteer, rules: storedRules,
                                cueKind: gazetteer.kindFacility, confidence: 0.85, inner: xMention))
        return xEnd
    }

    /// "the city of X", "the province of X".
    mutating func englishOfCue(at i: Int) -> Int? {
        guard lookups.info[i].whole.contains(.englishOfFirst) else { return nil }
        for phrase in gazetteer.context.englishOf where i + phrase.count < tokens.count {
            var ok = true
            for (offset, word) in phrase.enumerated() where tokens[i + offset].normalized != word {
                ok = false
                break
            }
            guard ok else { continue }
            let xStart = i + phrase.count
            guard let xEnd = capitalisedRun(from: xStart, maxTokens: 5) else { return nil }
            let head = phrase[0]
            let kind: UInt8? = ["city", "town", "village"].contains(head) ? gazetteer.kindCity
                : gazetteer.context.englishProvince.contains(phrase.joined(separator: " ")) ? gazetteer.kindProvince : nil
            if let (hit, rules) = firstPlaceHit(at: xStart, limit: xEnd) {
                let storedRules = store(rules)
                mentions.append(Mention(start: hit.start, end: hit.end, label: .place, source: .cueKnown, rules: storedRules,
                                        cueKind: kind, confidence: 0.95))
                return hit.tokens.upperBound
            }
            let unknownAllowed = ["city", "town", "village", "province", "governorate", "district", "region", "island", "port"]
            guard unknownAllowed.contains(head), !gazetteer.context.englishStopWords.contains(tokens[xStart].normalized) else { return nil }
            let key = (xStart..<xEnd).map { tokens[$0].normalized }.joined(separator: " ")
            if gazetteer.rules(for: key) != nil { return nil }
            mentions.append(Mention(start: tokens[xStart].start, end: tokens[xEnd - 1].end, label: .place,
                                    source: .cueUnknown, rules: 0..<0, cueKind: kind ?? gazetteer.kindCity, confidence: 0.7))
            return xEnd
        }
        return nil
    }
}
