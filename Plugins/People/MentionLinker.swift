import GlossKit

/// Links the mentions of one document: groups them into entities, finds later (and earlier)
/// mentions by family name alone or first name alone, and gives every mention the full name as
/// its value and an entity number shared by all mentions of the same person.
///
/// Keys are ids (see ``PartIDs``): a part's id stands for its list of forms, a full name's key
/// is the list of its part ids. (Forms never contain the space and `|` that joined the first
/// version's string keys, so id equality is the same as equality of the joined strings.)
struct MentionLinker {
    let a: TextAnalysis

    /// What linking needs of an entity: its script, how many parts its fullest name has and
    /// the ids of that name's first and last part (`-1` when there are no parts).
    private struct Entity {
        var partCount: Int
        var arabic: Bool
        var first: Int
        var last: Int
        /// The id of the first of two family names (Fuente of Isabel de la Fuente Ortega, which
        /// a later mention may use alone: de la Fuente), or `-1`.
        var firstFamily = -1
    }

    func link(_ input: consuming [Mention], covered: inout [Bool]) -> [Mention] {
        var mentions = input
        mentions.sort { $0.start < $1.start }  // in place: the finders' array is not copied
        var aliasOf = aliases(in: mentions)
        var ids = PartIDs(formCount: a.forms.count)
        // The part ids of every mention, one list after another (one array, not one per
        // mention): each mention has ``Mention/partCount`` of them, read in mention order.
        var partIDs: [Int] = []
        partIDs.reserveCapacity(mentions.count * 2)
        for m in mentions.indices {
            mentions[m].words.withUnsafeBufferPointer { words in
                var w = 0
                while w < words.count {
                    var end = w + 1
                    while end < words.count, Mention.continues(words[end]) { end += 1 }
                    partIDs.append(ids.intern(words, w..<end))
                    w = end
                }
            }
        }
        var entities: [Entity] = []
        entities.reserveCapacity(mentions.count)
        var byFull = FullNames()

        // 1. Full names (two parts or more) define entities.
        var keyEnd = 0
        for m in mentions.indices {
            let partCount = mentions[m].partCount
            let key = keyEnd..<(keyEnd + partCount)
            keyEnd += partCount
            guard partCount >= 2, aliasOf[m] < 0 else { continue }
            if let e = byFull.entity(key, partIDs) {
                mentions[m].entity = e
                if partCount > entities[e].partCount { replaceParts(of: &entities[e], mentions[m], key, partIDs) }
            } else if let e = entityContaining(arabic: mentions[m].arabic, key, partIDs, entities, ids) {
                mentions[m].entity = e
                if partCount > entities[e].partCount { replaceParts(of: &entities[e], mentions[m], key, partIDs) }
                byFull.add(key, entity: e, partIDs)
            } else {
                entities.append(Entity(partCount: partCount, arabic: mentions[m].arabic,
                                       first: partIDs[key.lowerBound], last: partIDs[key.upperBound - 1]))
                replaceParts(of: &entities[entities.count - 1], mentions[m], key, partIDs)
                byFull.add(key, entity: entities.count - 1, partIDs)
                mentions[m].entity = entities.count - 1
            }
        }
        // Keys for bare mentions: last part (family name) and first part (given name), each
        // kept only when it points at one entity.
        var slots = [KeySlot](filledWith: KeySlot(), count: ids.count)
        var clash: [Int] = []
        for e in entities.indices where entities[e].first >= 0 && entities[e].last >= 0 {
            let first = entities[e].first
            let last = entities[e].last
            if slots[last].last >= 0, slots[last].last != e { clash.append(last) } else { slots[last].last = Int32(e) }
            if slots[first].first >= 0, slots[first].first != e { clash.append(first) } else { slots[first].first = Int32(e) }
            let firstFamily = entities[e].firstFamily
            if firstFamily >= 0 {
                if slots[firstFamily].last >= 0, slots[firstFamily].last != e { clash.append(firstFamily) } else { slots[firstFamily].last = Int32(e) }
            }
        }
        for key in clash { slots[key].last = -1; slots[key].first = -1 }

        // 2. Single-part mentions found by evidence join an entity by key, or start their own.
        keyEnd = 0
        for m in mentions.indices {
            let partCount = mentions[m].partCount
            keyEnd += partCount
            if aliasOf[m] >= 0 {
                mentions[m].entity = mentions[aliasOf[m]].entity
                continue
            }
            guard partCount < 2 else { continue }
            let key = partCount == 1 ? partIDs[keyEnd - 1] : -1
            if key >= 0, slots[key].last >= 0 || slots[key].first >= 0 {
                mentions[m].entity = Int(slots[key].last >= 0 ? slots[key].last : slots[key].first)
            } else {
                entities.append(Entity(partCount: mentions[m].partCount, arabic: mentions[m].arabic, first: key, last: key))
                mentions[m].entity = entities.count - 1
                if key >= 0, slots[key].last < 0 { slots[key].last = Int32(entities.count - 1) }
            }
        }

        // 3. Bare mentions anywhere in the document.
        var extra: [Mention] = []
        if slots.contains(where: { $0.last >= 0 || $0.first >= 0 }) {
            let keys = BareKeys(consume slots, ids: ids)
            var i = 0
            let n = a.tokens.count
            while i < n {
                guard !covered[i], a.tokens[i].kind == .word, mayBeBare(i, keys) else { i += 1; continue }
                if let found = bareMention(at: i, keys), !found.mention.tokens.contains(where: { covered[$0] }) {
                    var mention = found.mention
                    mention.entity = found.entity
                    for k in mention.tokens { covered[k] = true }
                    extra.append(mention)
                    i = mention.tokens.upperBound
                } else {
                    i += 1
                }
            }
        }
        if !extra.isEmpty {
            mentions.append(contentsOf: extra)
            mentions.sort { $0.start < $1.start }
            aliasOf = aliases(in: mentions)
        }

        // 4. Values and entity numbers in order of first appearance (one array for the three).
        var out = [EntityOutput](filledWith: EntityOutput(), count: entities.count)
        var numbered = 0
        for m in mentions.indices where out[mentions[m].entity].order == 0 {
            numbered += 1
            out[mentions[m].entity].order = numbered
        }
        // The mention giving each entity its value (its first non-link mention with the most
        // parts), chosen first so that each value's text is built once.
        for m in mentions.indices where mentions[m].evidence != .link && aliasOf[m] < 0 {
            let e = mentions[m].entity
            if out[e].valueFrom >= 0, mentions[out[e].valueFrom].partCount >= mentions[m].partCount { continue }
            out[e].valueFrom = m
        }
        for e in out.indices where out[e].valueFrom >= 0 {
            out[e].value = a.cleanSurface(mentions[out[e].valueFrom].start, mentions[out[e].valueFrom].end)
        }
        for m in mentions.indices {
            let e = mentions[m].entity
            mentions[m].value = out[e].value ?? a.cleanSurface(mentions[m].start, mentions[m].end)
            mentions[m].entity = out[e].order
        }
        return mentions
    }

    /// For each mention (in start order), the index of the mention it is another name of
    /// (``Mention/aliasOfStart``), always an earlier one, or `-1`.
    private func aliases(in mentions: [Mention]) -> [Int] {
        var aliasOf = [Int](filledWith: -1, count: mentions.count)
        for m in mentions.indices where mentions[m].aliasOfStart >= 0 {
            var j = m - 1
            while j >= 0, mentions[j].start > mentions[m].aliasOfStart { j -= 1 }
            if j >= 0, mentions[j].start == mentions[m].aliasOfStart { aliasOf[m] = j }
        }
        return aliasOf
    }

    /// What the output says of an entity: its number (in order of first mention, from 1), the
    /// mention its value comes from (`-1` for none yet) and that value.
    private struct EntityOutput {
        var order = 0
        var valueFrom = -1
        var value: String?
    }

    private func replaceParts(of entity: inout Entity, _ mention: Mention, _ key: Range<Int>, _ partIDs: [Int]) {
        entity.partCount = mention.partCount
        entity.first = partIDs[key.lowerBound]
        entity.last = partIDs[key.upperBound - 1]
        entity.firstFamily = mention.twoFamilyNames && key.count >= 3 ? partIDs[key.upperBound - 2] : -1
    }

    /// True when the parts with ids `x` and `y` are equal as lists of `String`s.
    @inline(__always)
    private func samePart(_ x: Int, _ y: Int, _ ids: PartIDs) -> Bool {
        if x == y { return true }
        if x < 0 || y < 0 { return false }
        if ids.isSimple(x, a.forms) && ids.isSimple(y, a.forms) { return false }
        let p = ids.forms(of: x)
        let q = ids.forms(of: y)
        guard p.count == q.count else { return false }
        for k in p.indices where !a.forms.sameText(p[k], q[k]) { return false }
        return true
    }

    /// An existing entity whose name contains this one (the part ids `partIDs[key]`) as a
    /// prefix or suffix of parts (جو بايدن ⊂ الرئيس جو بايدن; Joe Biden ⊂ Joseph Robinette Biden
    /// is not tried).
    private func entityContaining(arabic: Bool, _ key: Range<Int>, _ partIDs: [Int], _ entities: [Entity], _ ids: PartIDs) -> Int? {
        let qFirst = key.isEmpty ? -1 : partIDs[key.lowerBound]
        let qLast = key.isEmpty ? -1 : partIDs[key.upperBound - 1]
        let qCount = key.count
        for e in entities.indices where entities[e].arabic == arabic {
            let pCount = entities[e].partCount
            if pCount >= qCount, samePart(entities[e].first, qFirst, ids), samePart(entities[e].last, qLast, ids) { return e }
            if qCount > pCount, samePart(qFirst, entities[e].first, ids), samePart(qLast, entities[e].last, ids) { return e }
        }
        return nil
    }

    /// False when ``bareMention(at:_:)`` certainly finds nothing at word `i`: a Latin word
    /// without a capital, an Arabic word that neither is nor (after a proclitic) contains a key,
    /// a word of another script. Most words of a text stop here.
    @inline(__always)
    private func mayBeBare(_ i: Int, _ keys: BareKeys) -> Bool {
        switch a.tokens[i].script {
        case .latin:
            return a.features[i].capitalized
        case .arabic:
            if keys.knows(a.formOf[i]) { return true }
            let readings = a.readings(i)
            return readings.0 >= 0 && keys.knowsWord(readings.0) || readings.1 >= 0 && keys.knowsWord(readings.1)
        case .other:
            return false
        }
    }

    /// Lexicon classes of a word that is a personal name in its own right.
    private static let nameClasses: WordClass = [.given, .foreignGiven, .family, .knownSurname]

    private func bareMention(at i: Int, _ keys: BareKeys) -> (mention: Mention, entity: Int)? {
        let script = a.tokens[i].script
        var key = a.formOf[i]
        var prefix = 0
        if script == .latin {
            guard a.features[i].capitalized else { return nil }
        } else if script == .arabic {
            if !keys.knows(key) {
                // A word that is a name in full is not a proclitic on a shorter one: كريم is
                // Karim (or "generous"), not ك + ريم.
                guard a.arabicClasses(form: key).isDisjoint(with: Self.nameClasses) else { return nil }
                // A proclitic on the bare mention: وبايدن، لنتنياهو، للمالكي.
                let readings = a.readings(i)
                for n in 1...2 {
                    let stem = n == 1 ? readings.0 : readings.1
                    if stem >= 0, keys.knowsWord(stem) {
                        key = stem
                        prefix = n
                        break
                    }
                }
            }
        } else {
            return nil
        }
        // Multi-token family names (نصر الله، von der Leyen).
        var end = i + 1
        var entity: Int?
        var isLast = true
        let slot = keys.slots[Int(key)]
        if slot.last >= 0 {
            entity = Int(slot.last)
        } else if slot.first >= 0 {
            entity = Int(slot.first)
            isLast = false
        } else if slot.startsCompound {
            for (words, e) in keys.compounds where words[0] == key {
                if i + words.count <= a.tokens.count,
                   (1..<words.count).allSatisfy({ a.forms.sameText(a.formOf[i + $0], words[$0]) }) {
                    entity = e
                    end = i + words.count
                    break
                }
            }
        }
        guard let entity else { return nil }
        // The article written on the family name (al-Alawi, el-Sisi), or the first half of a
        // hyphenated one (Ceban-Rusu), belongs to the mention; so do the particles before it:
        // von der Leyen, de la Fuente, Bin Dhafer, De Vries-Ahlström.
        let joined = script == .latin ? hyphenatedStart(before: i) ?? i : i
        let lead = script == .latin && isLast ? particles(before: joined) : joined
        if script == .arabic, !plausibleArabicBare(i, key: key, isLast: isLast, prefix: prefix) { return nil }
        if script == .latin, !plausibleLatinBare(i, lead: lead, end: end, isLast: isLast) { return nil }
        let start = prefix == 0 ? a.tokens[lead].start : a.text.offset(in: a.tokens[i], afterNormalized: prefix)
        let mention = Mention(tokens: lead..<end, start: start, end: a.tokens[end - 1].end, evidence: .link,
                              confidence: isLast ? 0.75 : 0.6, words: [key], arabic: script == .arabic)
        return (mention, entity)
    }

    /// A bare Arabic family name is an adjective when it follows a definite noun ("الجيش السوداني")
    /// or a title ("الرئيس السوري"). A key that is also a common word (صالح، الأسد، أمل) links only
    /// as a family name, bare or after the conjunctions و ف (never in لصالح), and not after a definite noun.
    private func plausibleArabicBare(_ i: Int, key: Int32, isLast: Bool, prefix: Int) -> Bool {
        let f = a.features[i]
        if f.maqsuraStop { return false }
        // مدينة زويل، مطار الحريري: after an organisation or facility word the name is that place's.
        if prefix == 0, i > 0, a.tokens[i - 1].script == .arabic, a.features[i - 1].stem.contains(.org) { return false }
        // Right after another first name (تحالف سلمى حداد) a family name belongs to that name,
        // not to this entity (unless that word stands as a noun heading a construct: عن أمل حداد).
        if isLast, prefix == 0, i > 0, a.sameSentence(i - 1, i), a.tokens[i - 1].kind == .word, a.tokens[i - 1].script == .arabic,
           a.features[i - 1].stem.contains(.given), !a.readsAsConstructNoun(i - 1) {
            return false
        }
        let cls = a.arabicClasses(form: key)
        // A bare surname that is also a verb (تراس Truss / ترأس chaired) is the verb.
        if cls.contains(.verb) || cls.contains(.verbAmbiguous) { return false }
        let keyShape = a.shape(form: key)
        let nisbaShaped = keyShape.has(.prefixAl) && keyShape.has(.suffixYa)
        let ambiguous = nisbaShaped || cls.contains(.nationality) || cls.contains(.familyAmbiguous) || cls.contains(.givenAmbiguous)
        guard ambiguous else { return true }
        if !isLast { return false }
        if prefix > 0 {
            let first = a.shape(i).first
            return prefix == 1 && (first == 0x0648 || first == 0x0641)
        }
        if i > 0, a.sameSentence(i - 1, i), a.tokens[i - 1].kind == .word, a.tokens[i - 1].script == .arabic {
            let before = a.features[i - 1]
            let definite = before.article || a.shape(form: before.stemForm).has(.prefixAl)
            if definite && !before.stem.contains(.verb) { return false }
            if a.title(at: i - 1) != nil { return false }
        }
        return true
    }

    /// Whether the Latin word at `i` (with the particles from `lead` before it) stands as the
    /// bare name it matches, judged by the word before `lead`.
    private func plausibleLatinBare(_ i: Int, lead: Int, end: Int, isLast: Bool) -> Bool {
        // A first name alone that is also a word or a place (Chad, Georgia, Hope) is that word
        // or place, not the person: Chad Morris … troops from Mali, Niger and Chad.
        if !isLast, end == i + 1, a.features[i].word.contains(.givenAmbiguous) { return false }
        let before = lead - 1
        guard before >= 0, a.tokens[before].kind == .word, a.tokens[before].script == .latin else { return true }
        // Right after another capitalised word it belongs to a longer name (Hunter Biden is not Joe Biden).
        if a.features[before].capitalized, a.sameSentence(before, i), a.title(at: before) == nil,
           !a.features[before].word.intersects([.sentenceStart, .nationality, .common, .place]) {
            return false
        }
        // A place name after a preposition of place is the place, whoever bears it as a name
        // (Colonel Jordan Pierce … stay in Jordan); so is a first name alone there (Constantine
        // Papadakis … a cement works in Constantine; Hodan Abdi … in Hodan district).
        if lead == i, a.features[i].word.contains(.place) || !isLast, end == i + 1,
           Self.placePrepositions.contains(a.tokens[before].normalized) {
            return false
        }
        return true
    }

    /// The first of the name particles (von der, de la, bin, ibn, van) right before the Latin
    /// word at `i`, in its sentence, or `i` when there are none. Particles that start a name of
    /// their own (abu) or are written joined (al-) are not counted.
    private func particles(before i: Int) -> Int {
        var lead = i
        while lead > 0, a.tokens[lead - 1].kind == .word, a.tokens[lead - 1].script == .latin, a.sameSentence(lead - 1, i),
              a.features[lead - 1].word.contains(.particle), Self.surnameParticles.contains(a.tokens[lead - 1].normalized) {
            lead -= 1
        }
        return lead
    }

    /// Particles that come before a family name and belong to it when it stands alone.
    static let surnameParticles: Set<String> = ["de", "van", "von", "der", "den", "bin", "ben", "ibn", "bint", "da", "di", "du", "la", "le", "dos", "del"]

    /// The token of a word joined by a hyphen to the Latin word at `i` without spaces — an
    /// article particle (the `al` of `al-Alawi`) or a capitalised name (the `Ceban` of
    /// `Ceban-Rusu`) — or nil.
    private func hyphenatedStart(before i: Int) -> Int? {
        guard i >= 2, a.tokens[i - 1].kind == .punctuation, a.tokens[i - 1].end == a.tokens[i].start,
              a.text.scalars[a.tokens[i - 1].start] == "-", a.tokens[i - 2].end == a.tokens[i - 1].start,
              a.tokens[i - 2].kind == .word, a.tokens[i - 2].script == .latin,
              Self.latinArticles.contains(a.tokens[i - 2].normalized) || a.features[i - 2].capitalized else { return nil }
        return i - 2
    }

    /// The Arabic article as written in Latin names.
    private static let latinArticles: Set<String> = ["al", "el", "ad", "ag", "an", "ar", "as", "ash", "at", "az", "ed", "en", "es", "et", "ez"]

    /// English prepositions after which a bare word that is also a place name is the place.
    private static let placePrepositions: Set<String> = [
        "in", "from", "to", "into", "near", "at", "across", "toward", "towards", "via", "through", "throughout",
        "inside", "outside", "around",
    ]
}
