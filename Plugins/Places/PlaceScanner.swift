import GlossKit

/// One pass over a document: finds gazetteer phrases in context and the places that cue words
/// introduce, then chooses an entry for each (``resolve()``). Linear in the number of tokens:
/// each token starts at most one bounded phrase lookup.
struct PlaceScanner {
    let gazetteer: Gazetteer
    let text: DocumentText
    let tokens: [Token]
    let scalars: [Unicode.Scalar]
    var mentions: [Mention] = []
    /// The candidate rules of the mentions, one run per mention (``Mention/rules``).
    private(set) var ruleStore: [VariantRule] = []
    /// The English words of facility values (``Mention/englishParts``).
    private(set) var partStore: [String] = []
    /// The known clitic readings of each token, computed once (a token is read as a name, as
    /// the word before a name and as a cue).
    let lookups: TokenLookups
    /// The storage of the hits ``step(_:)`` looks at, reused from token to token.
    private var hitBuffer: [PhraseHit] = []
    /// The storage of the hits ``firstPlaceHit(at:limit:where:)`` looks at (while ``step(_:)``
    /// holds the other buffer), reused likewise.
    private var placeHitBuffer: [PhraseHit] = []
    /// The one-word places this document used as family names after a first name (Selim
    /// Aydin), normalised: alone later, without a preposition or cue before them, they are
    /// still the person (Aydin said). Mostly empty.
    private(set) var familyNames: [String] = []

    init(gazetteer: Gazetteer, text: DocumentText) {
        self.gazetteer = gazetteer
        self.text = text
        self.tokens = text.tokens
        self.scalars = text.scalars
        self.lookups = TokenLookups(tokens: text.tokens, words: gazetteer.words, known: gazetteer.formReadings)
        // About one mention per 17 tokens in news text: room for most documents at once (each
        // growth moves every mention through the generic value witnesses).
        mentions.reserveCapacity(text.tokens.count / 8 + 4)
        ruleStore.reserveCapacity(text.tokens.count / 8 + 4)
    }

    /// Keeps a mention's candidate rules in ``ruleStore``; returns where they are.
    mutating func store(_ rules: ArraySlice<VariantRule>) -> Range<Int32> {
        let start = Int32(truncatingIfNeeded: ruleStore.count)
        for rule in rules { ruleStore.append(rule) }
        return start..<Int32(truncatingIfNeeded: ruleStore.count)
    }

    /// Keeps the English words of a facility value in ``partStore``; returns where they are.
    mutating func store(englishParts parts: [String]) -> Range<Int32> {
        let start = Int32(truncatingIfNeeded: partStore.count)
        partStore.append(contentsOf: parts)
        return start..<Int32(truncatingIfNeeded: partStore.count)
    }

    /// Flags that can make a token start a place: a phrase, an Arabic cue, and the English
    /// cues and particles (a capitalised Latin word can start an "X province" too).
    static let startFlags: WordFlags = [.phraseKey, .phrasePrefix, .cue, .englishParticle, .englishBefore, .englishOfFirst]

    /// What a gazetteer hit is in its context.
    enum Decision {
        case reject
        /// Rejected as a family name after a first name (see ``familyNames``).
        case familyName
        case organisation
        case place(ArraySlice<VariantRule>)
        case norp(ArraySlice<VariantRule>)
    }

    /// Scans the document and returns its spans.
    mutating func run() -> [SpanDraft] {
        var i = 0
        while i < tokens.count {
            // Most tokens start nothing: decided here, without the call (``step(_:)`` asks again).
            i = canStart(i) ? step(i) : i + 1
        }
        return resolve()
    }

    /// Whether token `i` can start a place: a word or number with a start flag (phrase, cue,
    /// English particle or cue), or a capitalised Latin word.
    @inline(__always)
    func canStart(_ i: Int) -> Bool {
        let kind = tokens[i].kind
        guard kind == .word || kind == .number else { return false }
        return lookups.info[i].any.intersects(Self.startFlags)
            || (tokens[i].script == .latin && isCapitalised(at: tokens[i].start))
    }

    /// Handles the token at `i`; returns the next token to look at.
    mutating func step(_ i: Int) -> Int {
        // Most tokens start nothing: no phrase, no cue, and (Latin) not capitalised.
        guard canStart(i) else { return i + 1 }
        // (The script is read in place: a copy of the token retains and releases its form.)
        let script = tokens[i].script
        // The buffer is moved out for the step (no copy on write) and back afterwards.
        var hits: [PhraseHit] = []
        swap(&hits, &hitBuffer)
        defer { hitBuffer = hits }
        self.hits(at: i, into: &hits)
        if script == .latin {
            if let next = englishAfterCue(at: i, hits: hits) { return next }
            if let next = englishBeforeCue(at: i, hits: hits) { return next }
        }
        let cue = script == .arabic ? arabicCue(at: i) : nil
        for hit in hits {
            switch decide(hit) {
            case .reject:
                continue
            case .familyName:
                let word = tokens[hit.tokens.lowerBound].normalized
                if hit.tokens.count == 1, !familyNames.contains(word) { familyNames.append(word) }
                continue
            case .organisation:
                return hit.tokens.upperBound
            case .norp(let rules):
                let storedRules = store(rules)
                mentions.append(Mention(start: hit.start, end: hit.end, label: .norp, source: .gazetteer,
                                        rules: storedRules, cueKind: nil, confidence: 0.9))
                return hit.tokens.upperBound
            case .place(let rules):
                let facility = rules.contains { gazetteer.facts[Int($0.entry)].kind == gazetteer.kindFacility }
                if let cue, hit.tokens.count > 1, facility {
                    // A facility named with its cue: its X is a place too (مطار بغداد الدولي);
                    // ports and crossings (ميناء الحديدة، معبر رفح) give only the place.
                    if !cue.wholeFacility {
                        if let next = arabicCueX(cue, at: i, limit: tokens.count, whole: false) { return next }
                        continue
                    }
                    let storedRules = store(rules)
                    mentions.append(Mention(start: hit.start, end: hit.end, label: .place, source: .gazetteer,
                                            rules: storedRules, cueKind: nil, confidence: 0.9))
                    _ = arabicCueX(cue, at: i, limit: hit.tokens.upperBound, whole: false)
                    return hit.tokens.upperBound
                }
                let ambiguous = rules.allSatisfy { $0.ambiguous || $0.cueOnly }
                let storedRules = store(rules)
                // A name written with its descriptor (إقليم كردستان، ولاية وهران): the descriptor
                // stays outside the span, as after any cue; the entry stays the whole name's.
                let start = cue.map(isDescriptor) == true && hit.tokens.count > 1 ? tokens[i + 1].start : hit.start
                mentions.append(Mention(start: start, end: hit.end, label: .place, source: .gazetteer,
                                        rules: storedRules, cueKind: nil, confidence: ambiguous ? 0.75 : 0.95))
                return hit.tokens.upperBound
            }
        }
        if let cue, let next = arabicCueX(cue, at: i, limit: tokens.count, whole: true) { return next }
        if script == .latin, let next = englishOfCue(at: i) { return next }
        return i + 1
    }

    /// True for a cue that names what kind of settlement or division follows (مدينة، محافظة،
    /// إقليم …), which a name written with it leaves outside; facility and landform cues
    /// (مطار، وادي، جزيرة) are often part of the name.
    func isDescriptor(_ cue: ArabicCue) -> Bool {
        !cue.facility && (cue.kind == gazetteer.kindCity || cue.kind == gazetteer.kindProvince)
    }

    /// Applies the variant flags, Latin case and the traps to a gazetteer hit.
    func decide(_ hit: PhraseHit) -> Decision {
        let facts = gazetteer.facts
        let rules = gazetteer.rules(ofSlot: hit.slot)
        // The rules whose Latin case holds: none → reject; an organisation among them wins.
        var anyRule = false
        for rule in rules where caseHolds(rule, hit) {
            if facts[Int(rule.entry)].label == .organisation { return .organisation }
            anyRule = true
        }
        guard anyRule else { return .reject }
        let cue = hasCueBefore(hit.tokens.lowerBound)
        // (Cheap and without side effects, so computed up front.)
        let preposition = !cue && (hasPrepositionBefore(hit) || continuesPlaceList(hit))
        func allowed(_ rule: VariantRule) -> Bool {
            if rule.cueOnly && !cue { return false }
            if rule.ambiguous && !cue { return preposition }
            return true
        }
        let places = Self.kept(rules) { facts[Int($0.entry)].label == .place && caseHolds($0, hit) && allowed($0) }
        if !places.isEmpty {
            if let adjective = accusativeNisba(hit) { return .norp(adjective) }
            if followsFirstName(hit) { return .familyName }
            if !cue, !preposition, isFamilyNameAgain(hit) { return .reject }
            return isTrapped(hit, label: .place) ? .reject : .place(places)
        }
        let norps = Self.kept(rules) { facts[Int($0.entry)].label == .norp && caseHolds($0, hit) && allowed($0) }
        if !norps.isEmpty {
            return followsFirstName(hit) || isTrapped(hit, label: .norp) ? .reject : .norp(norps)
        }
        return .reject
    }

    /// The rules that satisfy `keep`, in order: a part of the slice itself when they are
    /// consecutive (no copy: all of them, or the places before the nationalities of a key), a
    /// new array otherwise.
    @inline(__always)
    static func kept(_ rules: ArraySlice<VariantRule>, _ keep: (VariantRule) -> Bool) -> ArraySlice<VariantRule> {
        guard let start = rules.firstIndex(where: keep) else { return rules[rules.endIndex...] }
        var end = rules.index(after: start)
        while end < rules.endIndex, keep(rules[end]) { end = rules.index(after: end) }
        if rules[end...].contains(where: keep) { return ArraySlice(rules.filter(keep)) }
        return rules[start..<end]
    }

    /// A country in ـيا right after an indefinite accusative noun is the accusative nisba
    /// adjective (هجوما روسيا = هجوماً روسياً, "a Russian attack"): the NORP rules of روسي.
    func accusativeNisba(_ hit: PhraseHit) -> ArraySlice<VariantRule>? {
        let i = hit.tokens.lowerBound
        // (Ending in the bytes of يا is necessary for `hasSuffix("يا")`, and much cheaper.)
        guard hit.tokens.count == 1, hit.prefix == 0, i > 0, tokens[i].script == .arabic,
              Self.endsWithYaAlef(tokens[i].normalized),
              Self.hasYaAlefSuffix(tokens[i].normalized) else { return nil }
        let previous = tokens[i - 1]
        let key = previous.normalized
        // (Ending in the bytes of ا (D8 A7) is necessary for `hasSuffix("ا")`, and much cheaper.)
        guard previous.kind == .word, previous.script == .arabic, key.utf8.last == 0xA7, key.hasSuffix("ا"),
              key.unicodeScalars.count >= 3, !key.hasPrefix("ال"),
              !gazetteer.context.notAccusative.contains(key), !gazetteer.context.prepositions.contains(key) else { return nil }
        let stem = String(String.UnicodeScalarView(tokens[i].normalized.unicodeScalars.dropLast()))
        let norps = gazetteer.rules(for: stem)?.filter { gazetteer.facts[Int($0.entry)].label == .norp }
        return norps?.isEmpty == false ? norps.map { ArraySlice($0) } : nil
    }

    /// `word.hasSuffix("يا")` for a word whose bytes end with those of يا: answered from the
    /// bytes when the letter before ي is an Arabic letter (U+0621–U+064A, never a grapheme
    /// `Prepend`, so ي and ا are whole characters), by `hasSuffix` otherwise.
    static func hasYaAlefSuffix(_ word: String) -> Bool {
        let utf8 = word.utf8
        if utf8.count == 4 { return true }
        if utf8.count >= 6 {
            let k = utf8.index(utf8.endIndex, offsetBy: -6)
            let lead = utf8[k], next = utf8[utf8.index(after: k)]
            if (lead == 0xD8 && next >= 0xA1) || (lead == 0xD9 && next <= 0x8A) { return true }
        }
        return word.hasSuffix("يا")
    }

    /// True when the UTF-8 bytes of `word` end with those of يا (D9 8A D8 A7).
    static func endsWithYaAlef(_ word: String) -> Bool {
        let utf8 = word.utf8
        guard utf8.count >= 4 else { return false }
        var k = utf8.index(utf8.endIndex, offsetBy: -4)
        for byte: UInt8 in [0xD9, 0x8A, 0xD8, 0xA7] {
            guard utf8[k] == byte else { return false }
            k = utf8.index(after: k)
        }
        return true
    }

    /// The first place hit of the gazetteer at `index` without clitics, in the bounds, longest
    /// first, that `accept` takes, with its place rules whose Latin case holds; `nil` when an
    /// organisation (in its case) comes first. Nothing is allocated when every rule of the hit
    /// is kept (the usual case): the hits go to a reused buffer and the rules stay a slice of
    /// the gazetteer's.
    mutating func firstPlaceHit(at index: Int, limit: Int,
                                where accept: (PhraseHit) -> Bool = { _ in true }) -> (PhraseHit, ArraySlice<VariantRule>)? {
        var hits: [PhraseHit] = []
        swap(&hits, &placeHitBuffer)
        defer { placeHitBuffer = hits }
        self.hits(at: index, wholeOnly: true, into: &hits)
        let facts = gazetteer.facts
        for hit in hits where hit.tokens.upperBound <= limit {
            let rules = gazetteer.rules(ofSlot: hit.slot)
            if rules.contains(where: { facts[Int($0.entry)].label == .organisation && caseHolds($0, hit) }) { return nil }
            let places = Self.kept(rules) { facts[Int($0.entry)].label == .place && caseHolds($0, hit) }
            if !places.isEmpty, accept(hit) { return (hit, places) }
        }
        return nil
    }

    /// True when the normalised word is a nationality/nisba form of the gazetteer.
    func isNorpWord(_ key: String) -> Bool {
        let record = gazetteer.words.find(key)
        return record >= 0 && gazetteer.words.flags[Int(record)].contains(.norp)
    }
}
