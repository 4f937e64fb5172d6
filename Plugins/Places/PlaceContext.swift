import GlossKit

/// The context word lists of `Resources/context.tsv`, normalised for matching: cue words,
/// prepositions, organisation words, first names and stop words.
struct PlaceContext: Sendable {
    /// Arabic cue noun (normalised, without clitics) → the kinds it introduces, first = default.
    var cueKinds = WordMap<[String]>()
    /// Cues after which an X missing from the gazetteer is still taken as a place.
    var unknownCues = WordSet()
    /// Cues that name a facility (قاعدة، مطار …): the whole "cue X" is also a facility span.
    var facilityCues = WordSet()
    /// Facility cues whose whole "cue X" is marked too (airports, bases, camps).
    var wholeFacilityCues = WordSet()
    /// Words after a facility's X that belong to the facility span (الدولي، الجوية …).
    var facilityAdjectives = WordSet()
    /// Words that begin a two-word place name (تل، عين، دير …).
    var heads = WordSet()
    /// English cue before X, normalised (camp, fort, port).
    var englishBefore = WordSet()
    /// English "cue of X" phrases as normalised token lists (city of, province of …).
    var englishOf: [[String]] = []
    /// English "X cue" phrases as normalised token lists (province, air base …).
    var englishAfter: [[String]] = []
    /// English cues (joined normalised tokens) that make the whole "X cue" a facility.
    var englishFacility: Set<String> = []
    /// English cues (joined normalised tokens) that make X a province.
    var englishProvince: Set<String> = []
    /// Arabic prepositions and nouns that make an ambiguous name a place (في صور).
    var prepositions = WordSet()
    /// English prepositions (lower case).
    var englishPrepositions = WordSet()
    /// Arabic nouns that make the next place part of an organisation name (وكالة، قناة …).
    var organisationBefore = WordSet()
    /// English phrases before a place that make it part of an organisation name (University of).
    var englishOrganisationBefore: [[String]] = []
    /// English capitalised words after a place that make it an organisation or work (Times).
    var englishOrganisationAfter: Set<String> = []
    /// First names (normalised; Latin in lower case).
    var firstNames = WordSet()
    /// Words that end a compound first name or stand for a kunya/nasab (الله، الدين، بن، أبو).
    var nameTails = WordSet()
    /// Words that can never be an unknown X after a cue.
    var stopWords = WordSet()
    /// English words (lower case) that can never be an unknown X.
    var englishStopWords = WordSet()
    /// Capitalised English words that may follow a place without making it a name (Thursday, Province).
    var englishNeutralAfter = WordSet()
    /// Words ending in ا that are not indefinite accusative nouns (أما، كما، أيضا): a country in
    /// ـيا after them stays a country.
    var notAccusative = WordSet()
    /// English words for facility values: cue nouns and adjectives (مطار → Airport, الدولي → International).
    var facilityEnglish = WordMap<String>()

    /// Reads the context file, and marks its words in `words` (cue kinds coded by `kinds`).
    init(bytes: [UInt8], words index: inout WordIndex, kinds: inout Interner<UInt8>) {
        var lists: [String: [String]] = [:]
        bytes.withUnsafeBufferPointer { file in
            TSVReader.forEachRow(file) { fields in
                guard fields.count >= 2 else { return }
                let section = TSVReader.string(fields[0])
                let items = TSVReader.split(fields[1], on: 0x7C).map(TSVReader.string)  // '|'
                lists[section, default: []].append(contentsOf: items)
            }
        }
        func words(_ section: String) -> [String] { lists[section] ?? [] }
        func normalizedSet(_ section: String, _ flags: WordFlags = []) -> WordSet {
            let keys = words(section).map { Self.key($0) }
            if !flags.isEmpty { for key in keys { index.mark(key, flags) } }
            return WordSet(keys)
        }
        for kind in ["city", "province", "facility", "region"] {
            for cue in words("cue.\(kind)") {
                let key = Self.key(cue)
                let record = index.record(for: key)
                if cueKinds[key] == nil { index.setCueKind(record, kinds.code(kind)) }
                index.mark(record: record, .cue)
                cueKinds[key] = (cueKinds[key] ?? []) + [kind]
            }
        }
        unknownCues = normalizedSet("cue.unknown", .unknownCue)
        facilityCues = normalizedSet("cue.facility", .facilityCue)
        wholeFacilityCues = normalizedSet("cue.facility.whole", .wholeFacilityCue)
        facilityAdjectives = normalizedSet("facility.adj")
        heads = normalizedSet("head")
        englishBefore = normalizedSet("cue.en.before", .englishBefore)
        englishOf = Self.phrases(words("cue.en.of"))
        englishAfter = Self.phrases(words("cue.en.after")).sorted { $0.count > $1.count }
        englishFacility = Set(Self.phrases(words("cue.en.facility")).map { $0.joined(separator: " ") })
        englishProvince = Set(Self.phrases(words("cue.en.kind.province")).map { $0.joined(separator: " ") })
        prepositions = normalizedSet("prep", .preposition)
        englishPrepositions = normalizedSet("prep.en", .englishPreposition)
        organisationBefore = normalizedSet("org.before", .organisationBefore)
        englishOrganisationBefore = Self.phrases(words("org.before.en"))
        englishOrganisationAfter = Set(words("org.after.en"))
        firstNames = normalizedSet("name.first", .firstName)
        nameTails = normalizedSet("name.tail", .nameTail)
        stopWords = normalizedSet("stop.x")
        englishStopWords = normalizedSet("stop.x.en")
        englishNeutralAfter = normalizedSet("weekday.en", .englishNeutralAfter)
        notAccusative = normalizedSet("adjective.before.not")
        for item in words("facility.en") {
            let parts = item.split(separator: ":", maxSplits: 1).map(String.init)
            if parts.count == 2 { facilityEnglish[Self.key(parts[0])] = parts[1] }
        }
        for phrase in englishOf { if let first = phrase.first { index.mark(first, .englishOfFirst) } }
        for phrase in englishAfter { if let first = phrase.first { index.mark(first, .englishAfterFirst) } }
        for phrase in englishOrganisationBefore {
            if let last = phrase.last { index.mark(last, .englishOrganisationLast) }
        }
        for particle in PlaceScanner.englishParticles { index.mark(particle, .englishParticle) }
    }

    /// The normalised single-token form of a word (or the joined tokens of a phrase).
    static func key(_ text: String) -> String {
        phrase(text).joined(separator: " ")
    }

    /// The normalised tokens of a phrase, as documents are tokenised.
    static func phrase(_ text: String) -> [String] {
        Tokenizer.normalizedForms(of: text)
    }

    static func phrases(_ items: [String]) -> [[String]] {
        items.map(phrase).filter { !$0.isEmpty }
    }
}
