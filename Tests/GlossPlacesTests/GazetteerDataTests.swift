import GlossKit
import Testing
@testable import GlossPlaces

@Suite("Gazetteer data")
struct GazetteerDataTests {
    static func gazetteer() throws -> Gazetteer { try Gazetteer.shared.get() }

    /// The key GlossKit gives a phrase: its tokens' normalised forms joined by one space.
    static func glossKitKey(_ phrase: String) -> String {
        Tokenizer.tokenize(Array(phrase.unicodeScalars)).map(\.normalized).joined(separator: " ")
    }

    @Test func loadsEveryKind() throws {
        let g = try Self.gazetteer()
        #expect(g.entries.count > 12_000)
        var kinds: [String: Int] = [:]
        for e in g.entries { kinds["\(e.label)/\(e.kind)", default: 0] += 1 }
        for kind in ["country", "city", "province", "region", "facility", "natural"] {
            #expect((kinds["place/\(kind)"] ?? 0) > 50, "too few \(kind) entries: \(kinds)")
        }
        #expect((kinds["place/country"] ?? 0) >= 249)
        #expect((kinds["norp/nationality"] ?? 0) > 100)
        #expect((kinds["organisation/organisation"] ?? 0) > 100)
    }

    /// The generator replicates GlossKit's normalisation and tokenisation in Python; these
    /// phrases exercise the tricky parts (hamza seats, ى, ة, punctuation, apostrophes, digits).
    @Test(arguments: [
        "الولايات المتحدة الأمريكية", "مأرب", "إدلب", "سيئون", "الأحساء", "دير الزور", "أبو ظبي",
        "بور سعيد", "المملكة العربية السعودية", "الضفة الغربية", "Côte d'Ivoire", "Deir ez-Zor",
        "U.S.", "Washington, D.C.", "Sana'a", "T-4 Air Base", "Ma'an", "N'Djamena", "Guinea-Bissau",
        "São Tomé and Príncipe", "البرج 22",
    ])
    func generatorKeysAgreeWithGlossKit(_ phrase: String) throws {
        let g = try Self.gazetteer()
        #expect(g.rules(for: Self.glossKitKey(phrase)) != nil, "no entry for \(phrase) under key \(Self.glossKitKey(phrase))")
    }

    /// Canonical names must be found under GlossKit's key for them: every Arabic name, and
    /// English names of entries that kept any Latin variant, except those the generator's
    /// filters dropped (common words, person names). Facilities are left out: their rows are
    /// split into the whole name and a cue-only core. A name may also be indexed for an earlier
    /// entry that claimed it.
    @Test func canonicalNamesAreIndexed() throws {
        let g = try Self.gazetteer()
        // Entries that kept at least one Latin-script variant (small towns have only Arabic).
        var hasLatin = Set<Int>()
        for (slot, key) in g.slotKeys.enumerated() where key.unicodeScalars.contains(where: { $0.properties.isAlphabetic && $0.value < 0x250 }) {
            for rule in g.slotRules[slot] { hasLatin.insert(Int(rule.entry)) }
        }
        var checked = [0, 0]
        var missing: [[String]] = [[], []]
        for (index, e) in g.entries.enumerated() where e.label == .place && e.kind != "facility" {
            var english = e.nameEn
            // Province names are indexed without their unit word (Anbar, not Anbar Governorate).
            for unit in [" Governorate", " Province", " Region", " State", " District", " Emirate"] where english.hasSuffix(unit) {
                english = String(english.dropLast(unit.count))
            }
            for (language, name) in [e.nameAr, english].enumerated() where !name.isEmpty && (language == 0 || hasLatin.contains(index)) {
                checked[language] += 1
                let found = g.rules(for: Self.glossKitKey(name)).map { rules in
                    rules.contains { Int($0.entry) <= index }
                } ?? false
                if !found { missing[language].append(name) }
            }
        }
        #expect(Double(missing[0].count) / Double(checked[0]) < 0.005, "Arabic: \(missing[0].count) of \(checked[0]): \(missing[0].prefix(40))")
        #expect(Double(missing[1].count) / Double(checked[1]) < 0.05, "English: \(missing[1].count) of \(checked[1]): \(missing[1].prefix(40))")
    }

    @Test func malformedDataIsRejected() {
        let bad = Array("P\tcity\tIQ\tMosul\n".utf8)
        #expect(throws: PlacesDataError.self) { _ = try Gazetteer(gazetteer: bad, context: []) }
        let noColon = Array("P\tcity\tIQ\tMosul\tالموصل\tالموصل\n".utf8)
        #expect(throws: PlacesDataError.self) { _ = try Gazetteer(gazetteer: noColon, context: []) }
    }

    @Test func smallGazetteerMatchesThroughClitics() throws {
        let data = Array("P\tcity\tIQ\tMosul\tالموصل\t:الموصل|C1:mosul\n".utf8)
        let g = try Gazetteer(gazetteer: data, context: [])
        var scanner = PlaceScanner(gazetteer: g, text: DocumentText("وصلوا فالموصل ثم Mosul لا mosul"))
        let spans = scanner.run()
        #expect(spans.map { [$0.start, $0.end] } == [[7, 13], [17, 22]])
    }
}
