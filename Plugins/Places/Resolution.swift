import GlossKit

/// Choosing one entry per mention and turning mentions into spans.
extension PlaceScanner {
    /// The entry chosen for each mention (nil for mentions without candidates).
    func chooseEntries() -> [Int?] {
        guard !mentions.isEmpty else { return [] }
        // Countries of the mentions that have only one candidate country vote for the others:
        // "عمان" is Amman in a text about Jordan, Oman otherwise. (The tally lives on the stack:
        // a few hundred counters, zeroed, instead of an array allocated per document.)
        let facts = gazetteer.facts
        return ruleStore.withUnsafeBufferPointer { store in
            withUnsafeTemporaryAllocation(of: Int32.self, capacity: gazetteer.countryCount) { votes in
                votes.initialize(repeating: 0)
                for m in mentions where m.label == .place {
                    let rules = Self.rules(of: m, in: store)
                    guard let rule = rules.first else { continue }
                    let first = facts[Int(rule.entry)].country
                    if first != 0, rules.allSatisfy({ facts[Int($0.entry)].country == first }) {
                        votes[Int(first)] += 1
                    }
                }
                var chosen: [Int?] = []
                chosen.reserveCapacity(mentions.count)
                for m in mentions {
                    chosen.append(chooseEntry(rules: Self.rules(of: m, in: store), cueKind: m.cueKind,
                                              range: m.start..<m.end, votes: UnsafeBufferPointer(votes)))
                }
                return chosen
            }
        }
    }

    /// The candidate rules of mention `m`, in a view of ``ruleStore``.
    @inline(__always)
    static func rules(of m: Mention, in store: UnsafeBufferPointer<VariantRule>) -> UnsafeBufferPointer<VariantRule> {
        UnsafeBufferPointer(rebasing: store[Int(m.rules.lowerBound)..<Int(m.rules.upperBound)])
    }

    /// Which rules of a mention are its candidates.
    private enum Candidates {
        /// The rules of the kind the cue gives.
        case kind(UInt8)
        /// The rules that are not cue-only.
        case plain
        case all
    }

    /// The entry of one mention: among the candidates (the cue's kind, else the rules that are
    /// not cue-only, else all; then those spelled with the mention's written diacritics), the
    /// first with the most country votes.
    private func chooseEntry(rules: UnsafeBufferPointer<VariantRule>, cueKind: UInt8?, range: Range<Int>,
                             votes: UnsafeBufferPointer<Int32>) -> Int? {
        guard !rules.isEmpty else { return nil }
        // One rule is always a candidate (of the cue's kind, else not cue-only, else all), and
        // the only one: no diacritics to compare and no votes to count.
        if rules.count == 1 { return Int(rules[0].entry) }
        let facts = gazetteer.facts
        var candidates = Candidates.all
        if let kind = cueKind, rules.contains(where: { facts[Int($0.entry)].kind == kind }) {
            candidates = .kind(kind)
        } else if rules.contains(where: { !$0.cueOnly }) {
            candidates = .plain
        }
        func isCandidate(_ rule: VariantRule) -> Bool {
            switch candidates {
            case .kind(let kind): facts[Int(rule.entry)].kind == kind
            case .plain: !rule.cueOnly
            case .all: true
            }
        }
        // Written diacritics can settle it: عمّان (with shadda) is Amman, عُمان is Oman.
        var spelled: String?
        if rules.lazy.filter(isCandidate).count > 1, hasArabicDiacritic(range) {
            let surface = self.surface(range)
            if rules.contains(where: { isCandidate($0) && Self.isSpelled(gazetteer.entries[Int($0.entry)].nameAr, as: surface) }) {
                spelled = surface
            }
        }
        var best: VariantRule?
        var bestVotes: Int32 = 0
        for rule in rules where isCandidate(rule) {
            if let spelled, !Self.isSpelled(gazetteer.entries[Int(rule.entry)].nameAr, as: spelled) { continue }
            let v = votes[Int(facts[Int(rule.entry)].country)]
            if best == nil || v > bestVotes {
                best = rule
                bestVotes = v
            }
        }
        return best.map { Int($0.entry) }
    }

    /// `name == surface` for a surface with an Arabic diacritic (U+064B–U+0652), without the
    /// canonical-equivalence comparison when `name` has none: no canonical decomposition or
    /// composition makes or removes these marks, so a name without one never equals such a
    /// surface (and most names are written without diacritics).
    @inline(__always)
    static func isSpelled(_ name: String, as surface: String) -> Bool {
        hasArabicDiacritic(name) && name == surface
    }

    /// True when `word` has an Arabic diacritic U+064B–U+0652 (UTF-8 D9 8B … D9 92).
    static func hasArabicDiacritic(_ word: String) -> Bool {
        var lead = false
        for byte in word.utf8 {
            if lead, byte >= 0x8B, byte <= 0x92 { return true }
            lead = byte == 0xD9
        }
        return false
    }

    /// True when a code point of `range` is an Arabic diacritic (U+064B–U+0652).
    private func hasArabicDiacritic(_ range: Range<Int>) -> Bool {
        for k in range where (0x064B...0x0652).contains(scalars[k].value) { return true }
        return false
    }

    /// The spans of the mentions, deduplicated, in document order.
    func resolve() -> [SpanDraft] {
        let chosen = chooseEntries()
        var seen = SpanKeySet(capacity: mentions.count)
        var spans: [SpanDraft] = []
        spans.reserveCapacity(mentions.count)
        for index in mentions.indices {
            let m = mentions[index]
            let labelName = m.label == .norp ? "NORP" : "PLACE"
            guard seen.insert(start: m.start, end: m.end, norp: m.label == .norp) else { continue }
            var attributes: [String: String]
            let value: String
            if let e = chosen[index] {
                let nameEn = gazetteer.entries[e].nameEn
                value = nameEn.isEmpty ? surface(m.start..<m.end) : nameEn
                attributes = gazetteer.entryAttributes.attributes(of: e, facility: m.source == .facility) {
                    entryAttributes(e, facility: m.source == .facility)
                }
            } else {
                attributes = [:]
                let surface = self.surface(m.start..<m.end)
                if let inner = m.inner, let e = chosen[inner], !m.englishParts.isEmpty {
                    let parts = partStore[Int(m.englishParts.lowerBound)..<Int(m.englishParts.upperBound)]
                    value = ([Self.baseName(gazetteer.entries[e].nameEn)] + parts).joined(separator: " ")
                } else {
                    value = surface
                }
                attributes["kind"] = m.cueKind.map { gazetteer.kindNames[Int($0)] } ?? "city"
                if let inner = m.inner, let e = chosen[inner], !gazetteer.entries[e].country.isEmpty {
                    attributes["country"] = gazetteer.entries[e].country
                }
                if surface.unicodeScalars.contains(where: { (0x0600...0x06FF).contains($0.value) }) {
                    attributes["name_ar"] = surface
                }
            }
            spans.append(SpanDraft(start: m.start, end: m.end, label: labelName, value: .string(value),
                                   confidence: m.confidence, attributes: attributes))
        }
        // Mentions mostly come in document order: sort only when they did not (the sort moves
        // every span through a buffer even when nothing changes).
        func before(_ a: (start: Int, end: Int), _ b: (start: Int, end: Int)) -> Bool {
            a.start != b.start ? a.start < b.start : a.end > b.end
        }
        if spans.indices.dropFirst().contains(where: {
            before((spans[$0].start, spans[$0].end), (spans[$0 - 1].start, spans[$0 - 1].end))
        }) {
            spans.sort { before(($0.start, $0.end), ($1.start, $1.end)) }
        }
        return spans
    }
}

extension PlaceScanner {
    /// The text of a code-point range: `text[range]`, built in one piece.
    func surface(_ range: Range<Int>) -> String {
        let range = range.clamped(to: 0..<scalars.count)
        var count = 0
        for k in range { count += UTF8.width(scalars[k]) }
        return String(unsafeUninitializedCapacity: count) { buffer in
            var i = 0
            for k in range {
                for byte in scalars[k].utf8 {
                    buffer[i] = byte
                    i += 1
                }
            }
            return i
        }
    }

    /// The attributes of a span of entry `e`: kind (facility for a whole facility span),
    /// country and Arabic name when the entry has them.
    func entryAttributes(_ e: Int, facility: Bool) -> [String: String] {
        let kind = facility ? "facility" : gazetteer.entries[e].kind
        let country = gazetteer.entries[e].country, nameAr = gazetteer.entries[e].nameAr
        // One literal per case: the dictionary is made at its final size.
        switch (country.isEmpty, nameAr.isEmpty) {
        case (false, false): return ["kind": kind, "country": country, "name_ar": nameAr]
        case (false, true): return ["kind": kind, "country": country]
        case (true, false): return ["kind": kind, "name_ar": nameAr]
        case (true, true): return ["kind": kind]
        }
    }

    /// A place name without a unit word, to build a facility name on it (Baghdad Governorate →
    /// Baghdad).
    static func baseName(_ name: String) -> String {
        for unit in [" Governorate", " Province", " Region", " District", " State"] where name.hasSuffix(unit) {
            return String(name.dropLast(unit.count))
        }
        return name
    }
}
