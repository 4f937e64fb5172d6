import GlossKit

/// Choosing one entry per mention and turning mentions into spans.
extension PlaceScanner {
    /// The entry chosen for each mention (nil for mentions without candidates).
    func chooseEntries() -> [Int?] {
        // Countries of the mentions that have only one candidate country vote for the others:
        // "عمان" is Amman in a text about Jordan, Oman otherwise.
        var votes: [String: Int] = [:]
        for m in mentions where m.label == .place && !m.rules.isEmpty {
            let first = gazetteer.entries[Int(m.rules[0].entry)].country
            if !first.isEmpty, m.rules.allSatisfy({ gazetteer.entries[Int($0.entry)].country == first }) {
                votes[first, default: 0] += 1
            }
        }
        return mentions.map { m -> Int? in
            guard !m.rules.isEmpty else { return nil }
            var candidates = m.rules
            let preferred = m.cueKind.map { kind in candidates.filter { gazetteer.entries[Int($0.entry)].kind == kind } } ?? []
            if !preferred.isEmpty {
                candidates = preferred
            } else {
                let plain = candidates.filter { !$0.cueOnly }
                if !plain.isEmpty { candidates = plain }
            }
            // Written diacritics can settle it: عمّان (with shadda) is Amman, عُمان is Oman.
            let surface = text[m.start..<m.end]
            if candidates.count > 1, surface.unicodeScalars.contains(where: { (0x064B...0x0652).contains($0.value) }) {
                let spelled = candidates.filter { gazetteer.entries[Int($0.entry)].nameAr == surface }
                if !spelled.isEmpty { candidates = spelled }
            }
            var best = candidates[0]
            var bestVotes = votes[gazetteer.entries[Int(best.entry)].country] ?? 0
            for rule in candidates.dropFirst() {
                let v = votes[gazetteer.entries[Int(rule.entry)].country] ?? 0
                if v > bestVotes { best = rule; bestVotes = v }
            }
            return Int(best.entry)
        }
    }

    /// The spans of the mentions, deduplicated, in document order.
    func resolve() -> [SpanDraft] {
        let chosen = chooseEntries()
        var seen = Set<SpanKey>()
        var spans: [SpanDraft] = []
        spans.reserveCapacity(mentions.count)
        for (index, m) in mentions.enumerated() {
            let labelName = m.label == .norp ? "NORP" : "PLACE"
            guard seen.insert(SpanKey(start: m.start, end: m.end, label: labelName)).inserted else { continue }
            var attributes: [String: String] = [:]
            let value: String
            if let e = chosen[index] {
                let entry = gazetteer.entries[e]
                value = entry.nameEn.isEmpty ? text[m.start..<m.end] : entry.nameEn
                attributes["kind"] = m.source == .facility ? "facility" : entry.kind
                if !entry.country.isEmpty { attributes["country"] = entry.country }
                if !entry.nameAr.isEmpty { attributes["name_ar"] = entry.nameAr }
            } else {
                let surface = text[m.start..<m.end]
                if let inner = m.inner, let e = chosen[inner], !m.englishParts.isEmpty {
                    value = ([Self.baseName(gazetteer.entries[e].nameEn)] + m.englishParts).joined(separator: " ")
                } else {
                    value = surface
                }
                attributes["kind"] = m.cueKind ?? "city"
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
        spans.sort { $0.start != $1.start ? $0.start < $1.start : $0.end > $1.end }
        return spans
    }
}

extension PlaceScanner {
    /// A place name without a unit word, to build a facility name on it (Baghdad Governorate →
    /// Baghdad).
    static func baseName(_ name: String) -> String {
        for unit in [" Governorate", " Province", " Region", " District", " State"] where name.hasSuffix(unit) {
            return String(name.dropLast(unit.count))
        }
        return name
    }
}

/// Identity of a span for de-duplication.
struct SpanKey: Hashable {
    let start: Int
    let end: Int
    let label: String
}
