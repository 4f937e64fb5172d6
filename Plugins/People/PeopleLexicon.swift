import GlossKit

/// The People extractor's word lists, loaded once from the `Resources` data files and folded
/// to GlossKit's matching form (Arabic normalised, Latin lower-cased).
///
/// Every word the rules look up — single words, the words of titles and phrases, and the few
/// constants the rules compare with — has an id in ``vocabulary``; ``entries`` holds what the
/// lists say about each id. A document maps each distinct token form to its id once.
final class PeopleLexicon: Sendable {
    /// Every known normalized word, by id.
    let vocabulary: ByteTable
    /// What the lists say about each vocabulary id.
    let entries: [LexiconEntry]
    /// The shape of each vocabulary word (so that a document computes shapes only for words
    /// the lexicon does not know).
    let shapes: [FormShape]
    /// Arabic titles and roles (multi-word, longest first, through clitics).
    let arabicTitles: CompiledTrie<TitleReach>
    /// English titles (case-insensitive).
    let latinTitles: CompiledTrie<TitleReach>
    /// Multi-word Arabic names, places, agencies, attribution cues.
    let arabicPhrases: CompiledTrie<PhraseKind>
    /// Multi-word Latin names, places, agencies, attribution cues.
    let latinPhrases: CompiledTrie<PhraseKind>
    /// By vocabulary id, which of the four tries have a phrase starting with the word
    /// (``TrieStarts``): one byte a word, where the tries' roots take four bytes each, so that
    /// a token that starts nothing is told so without reading them.
    let trieStarts: [TrieStarts]
    /// Stop words written with a final ى whose normalized form is also a name (على / علي):
    /// a stop only when the original ends in ى.
    let maqsuraStops: Set<String>
    /// Words that open a new clause: a role's descriptor never runs past them.
    let clauseWords: Set<String>
    /// True when a member of ``maqsuraStops`` or ``clauseWords`` is not a simple form, so that
    /// byte membership alone could miss a canonically equivalent spelling.
    let setsNeedStringCheck: Bool
    /// Vocabulary ids of the constants the rules compare with.
    let ids: ConstantIDs
    /// English reporting verbs that vouch for a name before them ("said X").
    static let reportingWords = ["said", "says", "added", "noted", "wrote"]
    /// Number of single-word entries, for reports.
    private let wordCount: Int

    /// The lexicon bundled with the module, loaded on first use.
    static let shared: Result<PeopleLexicon, PeopleDataError> = {
        do {
            return .success(try PeopleLexicon(files: ResourceFiles.bundled()))
        } catch let error as PeopleDataError {
            return .failure(error)
        } catch {
            return .failure(.unreadable(file: "Resources", reason: "\(error)"))
        }
    }()

    init(files: ResourceFiles) throws {
        var builder = Builder()
        try builder.loadArabicNames(files)
        try builder.loadForeignNames(files)
        try builder.loadEnglishNames(files)
        try builder.loadArabicStops(files)
        try builder.loadEnglishStops(files)
        try builder.loadVerbsAndCues(files)
        try builder.loadTitles(files)

        var vocabulary = ByteTable(capacity: builder.arabic.count + builder.latin.count + 1024, seed: UInt64.random(in: .min ... .max))
        for key in builder.arabic.keys { vocabulary.insert(key.string) }
        for key in builder.latin.keys { vocabulary.insert(key.string) }
        for key in builder.arabicTitles.keys + builder.latinTitles.keys + builder.arabicPhrases.keys + builder.latinPhrases.keys {
            vocabulary.insert(key)
        }
        let clauseWords = Set(["أن", "إن", "بأن", "لأن", "أنه", "إنه", "أنها", "إنها", "بأنه", "بأنها",
                               "كان", "كانت", "الذي", "التي", "الذين", "حيث", "بينما", "فيما"]
            .map { TextNormalizer.normalize($0) })
        for word in builder.maqsuraStops.union(clauseWords).union(Self.reportingWords) { vocabulary.insert(word) }
        let ids = ConstantIDs(vocabulary: &vocabulary)

        var entries = [LexiconEntry](repeating: LexiconEntry(), count: vocabulary.count)
        let shapes = (0..<vocabulary.count).map { id in vocabulary.withBytes(Int32(id)) { FormShape($0) } }
        for id in 0..<vocabulary.count where shapes[id].simple { entries[id].flags.insert(.simple) }
        for (key, cls) in builder.arabic { entries[Int(vocabulary.find(key.string))].arabic = cls }
        for (key, cls) in builder.latin { entries[Int(vocabulary.find(key.string))].latin = cls }
        for word in builder.maqsuraStops { entries[Int(vocabulary.find(word))].flags.insert(.maqsuraStop) }
        for word in clauseWords { entries[Int(vocabulary.find(word))].flags.insert(.clauseWord) }
        for word in Self.reportingWords { entries[Int(vocabulary.find(word))].flags.insert(.reportingWord) }

        self.vocabulary = vocabulary
        self.entries = entries
        self.shapes = shapes
        self.ids = ids
        arabicTitles = builder.arabicTitles.compiled(with: vocabulary)
        latinTitles = builder.latinTitles.compiled(with: vocabulary)
        arabicPhrases = builder.arabicPhrases.compiled(with: vocabulary)
        latinPhrases = builder.latinPhrases.compiled(with: vocabulary)
        trieStarts = (0..<Int32(vocabulary.count)).map { [arabicTitles, latinTitles, arabicPhrases, latinPhrases] id in
            var starts: TrieStarts = []
            if arabicTitles.starts(with: id) { starts.insert(.arabicTitle) }
            if latinTitles.starts(with: id) { starts.insert(.latinTitle) }
            if arabicPhrases.starts(with: id) { starts.insert(.arabicPhrase) }
            if latinPhrases.starts(with: id) { starts.insert(.latinPhrase) }
            return starts
        }
        maqsuraStops = builder.maqsuraStops
        self.clauseWords = clauseWords
        setsNeedStringCheck = !builder.maqsuraStops.union(clauseWords).allSatisfy { shapes[Int(vocabulary.find($0))].simple }
        wordCount = builder.arabic.count + builder.latin.count
    }

    /// Total entries (single words plus phrases), for reports.
    var entryCount: Int {
        wordCount + arabicTitles.count + latinTitles.count + arabicPhrases.count + latinPhrases.count
    }
}

/// Accumulates the lexicon while the files are read.
private struct Builder {
    var arabic: [ByteKey: WordClass] = [:]
    var latin: [ByteKey: WordClass] = [:]
    var arabicTitles = TokenTrie<TitleReach>()
    var latinTitles = TokenTrie<TitleReach>()
    var arabicPhrases = TokenTrie<PhraseKind>()
    var latinPhrases = TokenTrie<PhraseKind>()
    var maqsuraStops: Set<String> = []

    static func keys(_ form: String) -> [String] {
        Tokenizer.normalizedForms(of: form)
    }

    /// Adds an Arabic form: one word into the word table, several into the phrase matcher.
    mutating func addArabic(_ form: String, _ cls: WordClass, phrase: PhraseKind?) {
        let keys = Self.keys(form)
        if keys.count == 1 {
            arabic[ByteKey(keys[0]), default: []].formUnion(cls)
        } else if keys.count > 1, let phrase {
            arabicPhrases.add(normalizedTokens: keys, payload: phrase)
        }
    }

    mutating func addLatin(_ form: String, _ cls: WordClass, phrase: PhraseKind?) {
        let keys = Self.keys(form)
        if keys.count == 1 {
            latin[ByteKey(keys[0]), default: []].formUnion(cls)
        } else if keys.count > 1, let phrase {
            latinPhrases.add(normalizedTokens: keys, payload: phrase)
        }
    }

    /// The significant words of a Latin name form ("al-Maliki" → "maliki"; "Abu Marzouk" → "marzouk").
    static func latinWords(_ form: String) -> [String] {
        keys(form).filter { $0.count >= 2 && $0.unicodeScalars.allSatisfy { $0.properties.isAlphabetic } }
            .filter { !["al", "el", "bin", "ben", "ibn", "abu", "abou", "umm", "bint", "von", "der", "de", "la", "le", "da"].contains($0) }
    }

    mutating func loadArabicNames(_ files: ResourceFiles) throws {
        for row in try files.rows("ar_given_names.tsv") {
            let flags = row.column(3).split(separator: " ")
            var cls: WordClass = flags.contains("amb") ? [.given, .givenAmbiguous] : [.given]
            if flags.contains("noun") { cls.insert(.constructNoun) }
            for form in row.alternatives(0) { addArabic(form, cls, phrase: .given) }
            for form in row.alternatives(2) {
                for word in Self.latinWords(form) { latin[ByteKey(word), default: []].formUnion(.given) }
            }
        }
        let abdKey = TextNormalizer.normalize("عبد")
        let dinKey = TextNormalizer.normalize("الدين")
        for row in try files.rows("ar_name_parts.tsv") {
            let form = row.column(1)
            let key = TextNormalizer.normalize(form)
            switch row.column(0) {
            case "abd":
                arabic[ByteKey(key), default: []].formUnion(.abdPart)
                arabic[ByteKey(abdKey + key), default: []].formUnion(.given)  // عبدالله
                // With the article the compound is a family name (خالد العبد الله، العبداللطيف).
                addArabic("ال" + abdKey + " " + key, .family, phrase: .family)
                arabic[ByteKey("ال" + abdKey + key), default: []].formUnion(.family)
            case "din":
                arabic[ByteKey(key), default: []].formUnion(.dinHead)
                arabic[ByteKey(key + dinKey), default: []].formUnion(.given)  // نورالدين
            case "kunya":
                arabic[ByteKey(key), default: []].formUnion(.kunya)
                // Abu, Umm: in Latin letters they start a name too (Abu Mohammed al-Julani).
                for form in row.alternatives(2) {
                    for word in Self.keys(form) { latin[ByteKey(word), default: []].formUnion(.kunya) }
                }
            case "nasab": arabic[ByteKey(key), default: []].formUnion(.nasab)
            default: break
            }
        }
        for row in try files.rows("ar_family_names.tsv") {
            let amb = row.column(2) == "amb"
            let cls: WordClass = amb ? [.family, .familyAmbiguous] : [.family]
            for form in row.alternatives(0) { addArabic(form, cls, phrase: .family) }
            for form in row.alternatives(1) {
                for word in Self.latinWords(form) { latin[ByteKey(word), default: []].formUnion(.family) }
            }
        }
    }

    mutating func loadForeignNames(_ files: ResourceFiles) throws {
        for row in try files.rows("foreign_names.tsv") {
            let amb = row.column(3) == "amb"
            let isGiven = row.column(0) == "given"
            // An ambiguous surname is a family name only after a first name or when linked,
            // never a known surname that stands alone (شريف، خان, and ورسمي = "and official").
            var cls: WordClass = isGiven ? [.foreignGiven] : amb ? [.family, .familyAmbiguous] : [.knownSurname, .family]
            if amb, isGiven { cls.insert(.givenAmbiguous) }
            for form in row.alternatives(1) { addArabic(form, cls, phrase: isGiven ? .given : .knownSurname) }
            for form in row.alternatives(2) {
                if isGiven {
                    for word in Self.latinWords(form) { latin[ByteKey(word), default: []].formUnion(.given) }
                } else {
                    let keys = Self.keys(form)
                    if keys.count == 1 {
                        latin[ByteKey(keys[0]), default: []].formUnion(amb ? [.family, .familyAmbiguous] : [.knownSurname, .family])
                    } else {
                        latinPhrases.add(normalizedTokens: keys, payload: .knownSurname)
                    }
                }
            }
        }
    }

    mutating func loadEnglishNames(_ files: ResourceFiles) throws {
        for row in try files.rows("en_given_names.tsv") {
            let cls: WordClass = row.column(2) == "amb" ? [.given, .givenAmbiguous] : [.given]
            addLatin(row.column(0), cls, phrase: nil)
        }
        for row in try files.rows("en_surnames.tsv") {
            let cls: WordClass = row.column(1) == "amb" ? [.family, .familyAmbiguous] : [.family]
            addLatin(row.column(0), cls, phrase: nil)
        }
    }

    mutating func loadArabicStops(_ files: ResourceFiles) throws {
        let nameClasses: WordClass = [.given, .foreignGiven, .family]
        for row in try files.rows("ar_stopwords.tsv") {
            let category = row.column(0)
            let word = row.column(1)
            let cls: WordClass
            switch category {
            case "month": cls = .month
            case "weekday": cls = .weekday
            case "org": cls = .org
            case "place": cls = .stop
            case "function": cls = [.stop, .functionWord]
            default: cls = .stop
            }
            let keys = Self.keys(word)
            if keys.count == 1 {
                let key = keys[0]
                if word.unicodeScalars.last == "\u{0649}", let existing = arabic[ByteKey(key)], !existing.isDisjoint(with: nameClasses) {
                    maqsuraStops.insert(key)
                } else {
                    arabic[ByteKey(key), default: []].formUnion(cls)
                }
            } else if keys.count > 1 {
                arabicPhrases.add(normalizedTokens: keys, payload: .place)
            }
        }
        let suffixes = ["", "ة", "ون", "ين", "ات"]
        for row in try files.rows("ar_nationalities.txt") {
            let base = row.column(0)
            for suffix in suffixes {
                for article in ["", "ال"] {
                    let keys = Self.keys(base + suffix)
                    guard let first = keys.first else { continue }
                    if keys.count == 1 {
                        arabic[ByteKey(TextNormalizer.normalize(article) + first), default: []].formUnion(.nationality)
                    } else {
                        var phrase = keys
                        phrase[0] = TextNormalizer.normalize(article) + first
                        arabicPhrases.add(normalizedTokens: phrase, payload: .nationality)
                    }
                }
            }
        }
        for row in try files.rows("agencies.tsv") {
            for form in row.alternatives(0) {
                let keys = Self.keys(form)
                guard let first = keys.first else { continue }
                if form.unicodeScalars.first.map({ $0.value >= 0x0600 && $0.value <= 0x06FF }) == true {
                    arabicPhrases.add(normalizedTokens: keys, payload: .agency)
                } else {
                    latinPhrases.add(normalizedTokens: keys, payload: .agency)
                    if keys.count == 1 { latin[ByteKey(first), default: []].formUnion(.org) }
                }
            }
        }
    }

    mutating func loadEnglishStops(_ files: ResourceFiles) throws {
        for row in try files.rows("stop_en.tsv") {
            if row.column(0) == "orgphrase" {
                latinPhrases.add(normalizedTokens: Self.keys(row.column(1)), payload: .place)
                continue
            }
            let cls: WordClass
            switch row.column(0) {
            case "start": cls = .sentenceStart
            case "month": cls = .month
            case "org": cls = .org
            case "demonym": cls = .nationality
            case "place": cls = .place
            default: cls = .common
            }
            addLatin(row.column(1), cls, phrase: cls == .place ? .place : nil)
        }
        for particle in ["de", "van", "von", "der", "den", "bin", "ben", "ibn", "al", "el", "da", "di", "du", "la", "le", "abu", "bint", "dos", "del", "oglu", "ogly", "ogli", "kyzy", "qizi", "uulu"] {
            latin[ByteKey(particle), default: []].formUnion(.particle)
        }
    }

    mutating func loadVerbsAndCues(_ files: ResourceFiles) throws {
        for row in try files.rows("verbs_ar.tsv") {
            let cls: WordClass = row.column(3) == "amb" ? .verbAmbiguous : .verb
            for form in [row.column(0), row.column(1)] where !form.isEmpty { addArabic(form, cls, phrase: nil) }
        }
        for row in try files.rows("attribution_ar.tsv") {
            arabicPhrases.add(normalizedTokens: Self.keys(row.column(0)), payload: .attribution)
        }
        for row in try files.rows("verbs_en.tsv") {
            let keys = Self.keys(row.column(0))
            if keys.count == 1 {
                latin[ByteKey(keys[0]), default: []].formUnion(.verb)
            } else {
                latinPhrases.add(normalizedTokens: keys, payload: .attribution)
            }
        }
    }

    mutating func loadTitles(_ files: ResourceFiles) throws {
        for row in try files.rows("titles_ar.tsv") {
            let reach = TitleReach(name: row.column(1))
            arabicTitles.add(normalizedTokens: Self.keys(row.column(0)), payload: reach)
        }
        for row in try files.rows("titles_en.tsv") {
            latinTitles.add(normalizedTokens: Self.keys(row.column(0)), payload: .direct)
        }
    }
}

extension TitleReach {
    init(name: String) {
        switch name {
        case "known": self = .known
        case "scan": self = .scan
        default: self = .direct
        }
    }
}

/// Which of the lexicon's tries have a phrase starting with a word.
struct TrieStarts: OptionSet, Sendable {
    let rawValue: UInt8
    static let arabicTitle = TrieStarts(rawValue: 1)
    static let latinTitle = TrieStarts(rawValue: 2)
    static let arabicPhrase = TrieStarts(rawValue: 4)
    static let latinPhrase = TrieStarts(rawValue: 8)
}
