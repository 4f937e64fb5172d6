import GlossKit

/// One pass over a document: finds gazetteer phrases in context and the places that cue words
/// introduce, then chooses an entry for each (``resolve()``). Linear in the number of tokens:
/// each token starts at most one bounded phrase lookup.
struct PlaceScanner {
    let gazetteer: Gazetteer
    let text: DocumentText
    let tokens: [Token]
    var mentions: [Mention] = []
    /// The clitic readings of each token, computed once (a token is read as a name, as the
    /// word before a name and as a cue).
    let readingCache: ReadingCache

    init(gazetteer: Gazetteer, text: DocumentText) {
        self.gazetteer = gazetteer
        self.text = text
        self.tokens = text.tokens
        self.readingCache = ReadingCache(count: text.tokens.count)
    }

    /// The clitic readings of token `index` (the whole word first).
    func readings(_ index: Int) -> [CliticReading] {
        if let cached = readingCache.readings[index] { return cached }
        let computed = Gazetteer.readings(of: tokens[index])
        readingCache.readings[index] = computed
        return computed
    }

    /// What a gazetteer hit is in its context.
    enum Decision {
        case reject
        case organisation
        case place([VariantRule])
        case norp([VariantRule])
    }

    /// Scans the document and returns its spans.
    mutating func run() -> [SpanDraft] {
        var i = 0
        while i < tokens.count { i = step(i) }
        return resolve()
    }

    /// Handles the token at `i`; returns the next token to look at.
    mutating func step(_ i: Int) -> Int {
        let token = tokens[i]
        guard token.kind == .word || token.kind == .number else { return i + 1 }
        let hits = gazetteer.hits(in: text, at: i, readings: readings(i))
        if token.script == .latin {
            if let next = englishAfterCue(at: i, hits: hits) { return next }
            if let next = englishBeforeCue(at: i, hits: hits) { return next }
        }
        let cue = token.script == .arabic ? arabicCue(at: i) : nil
        for hit in hits {
            switch decide(hit) {
            case .reject:
                continue
            case .organisation:
                return hit.tokens.upperBound
            case .norp(let rules):
                mentions.append(Mention(start: hit.start, end: hit.end, label: .norp, source: .gazetteer,
                                        rules: rules, cueKind: nil, confidence: 0.9))
                return hit.tokens.upperBound
            case .place(let rules):
                let facility = rules.contains { gazetteer.entries[Int($0.entry)].kind == "facility" }
                if let cue, hit.tokens.count > 1, facility {
                    // A facility named with its cue: its X is a place too (مطار بغداد الدولي);
                    // ports and crossings (ميناء الحديدة، معبر رفح) give only the place.
                    if !cue.wholeFacility {
                        if let next = arabicCueX(cue, at: i, limit: tokens.count, whole: false) { return next }
                        continue
                    }
                    mentions.append(Mention(start: hit.start, end: hit.end, label: .place, source: .gazetteer,
                                            rules: rules, cueKind: nil, confidence: 0.9))
                    _ = arabicCueX(cue, at: i, limit: hit.tokens.upperBound, whole: false)
                    return hit.tokens.upperBound
                }
                let ambiguous = rules.allSatisfy { $0.ambiguous || $0.cueOnly }
                mentions.append(Mention(start: hit.start, end: hit.end, label: .place, source: .gazetteer,
                                        rules: rules, cueKind: nil, confidence: ambiguous ? 0.75 : 0.95))
                return hit.tokens.upperBound
            }
        }
        if let cue, let next = arabicCueX(cue, at: i, limit: tokens.count, whole: true) { return next }
        if token.script == .latin, let next = englishOfCue(at: i) { return next }
        return i + 1
    }

    /// Applies the variant flags, Latin case and the traps to a gazetteer hit.
    func decide(_ hit: PhraseHit) -> Decision {
        let rules = hit.rules.filter { caseHolds($0, hit) }
        guard !rules.isEmpty else { return .reject }
        if rules.contains(where: { gazetteer.entries[Int($0.entry)].label == .organisation }) { return .organisation }
        let cue = hasCueBefore(hit.tokens.lowerBound)
        var preposition: Bool?
        func allowed(_ rule: VariantRule) -> Bool {
            if rule.cueOnly && !cue { return false }
            if rule.ambiguous && !cue {
                if preposition == nil { preposition = hasPrepositionBefore(hit) }
                return preposition == true
            }
            return true
        }
        let places = rules.filter { gazetteer.entries[Int($0.entry)].label == .place && allowed($0) }
        if !places.isEmpty {
            if let adjective = accusativeNisba(hit) { return .norp(adjective) }
            return isTrapped(hit, label: .place) ? .reject : .place(places)
        }
        let norps = rules.filter { gazetteer.entries[Int($0.entry)].label == .norp && allowed($0) }
        if !norps.isEmpty {
            return isTrapped(hit, label: .norp) ? .reject : .norp(norps)
        }
        return .reject
    }

    /// A country in ـيا right after an indefinite accusative noun is the accusative nisba
    /// adjective (هجوما روسيا = هجوماً روسياً, "a Russian attack"): the NORP rules of روسي.
    func accusativeNisba(_ hit: PhraseHit) -> [VariantRule]? {
        let i = hit.tokens.lowerBound
        guard hit.tokens.count == 1, hit.prefix.isEmpty, i > 0, tokens[i].script == .arabic,
              tokens[i].normalized.hasSuffix("يا") else { return nil }
        let previous = tokens[i - 1]
        let key = previous.normalized
        guard previous.kind == .word, previous.script == .arabic, key.hasSuffix("ا"),
              key.unicodeScalars.count >= 3, !key.hasPrefix("ال"),
              !gazetteer.context.notAccusative.contains(key), !gazetteer.context.prepositions.contains(key) else { return nil }
        let stem = String(String.UnicodeScalarView(tokens[i].normalized.unicodeScalars.dropLast()))
        let norps = gazetteer.rules(for: stem)?.filter { gazetteer.entries[Int($0.entry)].label == .norp }
        return norps?.isEmpty == false ? norps : nil
    }

    /// The place hits of the gazetteer at `index` without clitics, in the bounds, longest first.
    func placeHits(at index: Int, limit: Int) -> [(PhraseHit, [VariantRule])] {
        var result: [(PhraseHit, [VariantRule])] = []
        let whole = [CliticReading(prefixLength: 0, prefix: "", stem: tokens[index].normalized)]
        for hit in gazetteer.hits(in: text, at: index, readings: whole) where hit.tokens.upperBound <= limit {
            let rules = hit.rules.filter { caseHolds($0, hit) }
            if rules.contains(where: { gazetteer.entries[Int($0.entry)].label == .organisation }) { break }
            let places = rules.filter { gazetteer.entries[Int($0.entry)].label == .place }
            if !places.isEmpty { result.append((hit, places)) }
        }
        return result
    }

    /// True when the normalised word is a nationality/nisba form of the gazetteer.
    func isNorpWord(_ key: String) -> Bool {
        gazetteer.rules(for: key)?.contains { gazetteer.entries[Int($0.entry)].label == .norp } ?? false
    }
}

/// Per-document memo of clitic readings, owned by one scanner on one thread.
final class ReadingCache {
    var readings: [[CliticReading]?]
    init(count: Int) { readings = Array(repeating: nil, count: count) }
}
