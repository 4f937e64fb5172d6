import GlossKit

/// One reading of a token: a word or phrase of the tables, possibly behind proclitics.
struct LexEntry: Sendable {
    /// Where the word ids (in `Lexicon.words`) of the words after the first one start in
    /// `Lexicon.tailWords`, and how many there are (0 for a one-word entry).
    let tailStart: Int32
    let tailCount: Int32
    let lexeme: Lexeme
    /// Proclitic letters on the first token, e.g. و، وب; none for a whole word.
    let prefix: Proclitic
    /// How many normalized letters of the first token the prefix takes.
    let prefixLength: Int
}

/// The ids of the few words the scanner compares tokens with (`TokenView.wordId`).
struct KnownWords: Sendable {
    let one: Int32
    let of: Int32
    let a: Int32
    let half: Int32
    /// من ("of", "from").
    let min: Int32
    let first: Int32
    let all: Int32
}

/// How a word bears on an English "first" right after it (`Lexicon.beforeFirst`).
enum BeforeFirst: UInt8, Sendable {
    /// No say.
    case none
    /// A determiner or possessive: "the first convoy", "its first", "Iraq's first".
    case ordinal
    /// A pronoun, an auxiliary or "at": "he first", "was first reported", "at first".
    case adverb
}

/// The Numbers extractor's tables folded into one lookup: normalized token → word id → readings.
///
/// Every Arabic entry whose lexeme `takesClitics` is also stored behind each proclitic and pair of
/// proclitics (و ف ب ل ك وب ول وك فب فل فك; ل before ال written لل), so recognising `وبخمسة`
/// costs one table lookup. A reading without a prefix always beats one with a prefix
/// (`لست` "I am not" is a trap before it is ل + ست).
///
/// `words` holds every word the extractor ever compares a token with: the first words of the
/// entries (ids `0..<lists.count`, in the order of `lists`), then the other words of phrases,
/// the ISO codes, the article forms and the cue words, so that each token is looked up once and
/// then compared by id.
///
/// A class, so that the token view and the scanner (copied into every helper call) hold one
/// reference instead of a dozen array references.
final class Lexicon: Sendable {
    /// Reading lists, indexed by word id; words with an id of `lists.count` or more have none.
    let lists: [[LexEntry]]
    /// The kinds of reading in each list (same index as `lists`).
    let kinds: [LexemeKinds]
    /// True for the lists with a reading behind proclitics (same index as `lists`).
    let hasPrefixedReadings: [Bool]
    /// The words after the first of every phrase (`LexEntry.tailStart`), as word ids.
    let tailWords: [Int32]
    /// Every word of the tables → its id.
    let words: ByteTable
    /// The word id (`words`) of each form the tokenizer has given an id, once looked up.
    let wordIDs = FormMemo()
    /// Currency codes and names and unit names, by `AttributeName.index`.
    let names: [String]
    /// The shared attribute dictionaries (with every currency and unit of `names`).
    let attributes: AttributeTable
    /// Currency symbols ($ € £ ¥) → code.
    let symbols: [(symbol: Unicode.Scalar, code: AttributeName)]
    /// By name index (`names`): the shared name of the currency with that code (IQD → dinar),
    /// `nil` for other names (`NumberWords.currencyFamilies`).
    let currencyNames: [AttributeName?]
    /// ISO code by word id, for the lower-cased codes (`usd` → `USD`); `nil` for other words.
    let codes: [AttributeName?]
    /// By word id: how many proclitic letters precede the article of a token that is only
    /// proclitics + the article (ال 0, وال 1, وبال 2 …), `-1` for other words.
    let articlePrefixLengths: [Int8]
    /// By word id: true for the words after which even a number in words is a year (عام، year).
    let strongYearCues: [Bool]
    /// By word id: what the word says of an English "first" right after it.
    let beforeFirst: [BeforeFirst]
    /// The singular nouns of places (ميناء، مدينة، بلدة), normalized, after which a definite
    /// cardinal is the place's name (ميناء الخمس), not a number.
    let placeNouns: Set<String>
    /// By word id: true for the English verbs in the past tense not ending in -ed that follow
    /// an adverb "first" ("first came to power", "first met").
    let pastVerbs: [Bool]
    /// The ids of the words the scanner names.
    let known: KnownWords

    /// The shared lexicon, built once from `NumberWords`.
    static let shared = Lexicon()

    static let procliticPrefixes = ["و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك"]

    /// Tokens that are only proclitics + the article, with the proclitics' length.
    static let articleForms: [(String, Int8)] = [
        ("ال", 0), ("وال", 1), ("فال", 1), ("بال", 1), ("كال", 1), ("لل", 1),
        ("وبال", 2), ("فبال", 2), ("ولل", 2), ("فلل", 2), ("وكال", 2),
    ]

    /// Words after which even a number in words is a year.
    static let strongYearCueWords = ["عام", "العام", "لعام", "سنه", "السنه", "year"]

    /// Words before English "first" that make it an ordinal.
    static let ordinalDeterminers = [
        "the", "a", "an", "its", "his", "her", "their", "our", "my", "your", "this", "that", "these",
        "those", "each", "every", "whose", "which", "no", "'s",
    ]
    /// Words before English "first" that make it an adverb.
    static let adverbCues = [
        "at", "he", "she", "it", "they", "we", "i", "you", "who", "was", "were", "is", "are", "be",
        "been", "had", "has", "have", "did", "does", "do", "will", "would", "could", "should", "when",
    ]
    /// Singular nouns of places that a definite cardinal may name (ميناء الخمس، مدينة الخمس).
    static let placeNounWords = ["ميناء", "مدينة", "بلدة", "قرية", "منطقة", "مرفأ", "حي", "مخيم", "سوق", "شاطئ", "مطار"]
    /// English verbs after which "that" opens a clause (said that one …), not "that one".
    static let verbsBeforeThat: Set<String> = [
        "said", "says", "say", "added", "noted", "warned", "reported", "estimated", "showed", "shows", "found",
        "means", "meant", "believe", "believes", "believed", "think", "thinks", "thought", "argued", "stated",
        "confirmed", "insisted", "announced", "claimed", "explained", "suggests", "suggested", "told", "estimate",
    ]
    /// Irregular past tenses after an adverb "first" (regular ones end in -ed).
    static let irregularPastVerbs = [
        "came", "met", "took", "went", "saw", "said", "made", "became", "began", "won", "told", "ran",
        "set", "got", "gave", "heard", "spoke", "fought", "left", "wrote", "felt", "found", "led",
        "broke", "rose", "sought", "brought", "built", "held", "knew", "thought", "sent", "spent",
    ]

    init() {
        var builder = Builder()
        builder.build()
        var words = ByteTable(capacity: builder.keys.count + 64, seed: UInt64.random(in: .min ... .max))
        for (listIndex, key) in builder.keys.enumerated() {
            // Distinct keys in list order: the id of a first word is the index of its list.
            let id = words.insert(key)
            assert(id == Int32(listIndex), "word ids must follow the reading lists")
        }
        var tailWords: [Int32] = []
        let lists = builder.lists.map { list in
            list.map { draft in
                let start = Int32(tailWords.count)
                for word in draft.tail { tailWords.append(words.insert(word)) }
                return LexEntry(tailStart: start, tailCount: Int32(draft.tail.count), lexeme: draft.lexeme,
                                prefix: draft.prefix, prefixLength: draft.prefixLength)
            }
        }
        self.lists = lists
        self.tailWords = tailWords
        kinds = lists.map { list in list.reduce(LexemeKinds()) { $0.union(LexemeKinds($1.lexeme)) } }
        hasPrefixedReadings = lists.map { list in list.contains { $0.prefixLength > 0 } }
        var codeOf: [Int32: AttributeName] = [:]
        for code in NumberWords.currencyCodes { codeOf[words.insert(code.lowercased())] = builder.name(code) }
        var articleOf: [Int32: Int8] = [:]
        for (form, length) in Self.articleForms { articleOf[words.insert(form)] = length }
        var strong: Set<Int32> = []
        for cue in Self.strongYearCueWords { strong.insert(words.insert(cue)) }
        known = KnownWords(one: words.insert("one"), of: words.insert("of"), a: words.insert("a"),
                           half: words.insert("half"), min: words.insert("من"), first: words.insert("first"),
                           all: words.insert("all"))
        var before: [Int32: BeforeFirst] = [:]
        for word in Self.ordinalDeterminers { before[words.insert(word)] = .ordinal }
        for word in Self.adverbCues { before[words.insert(word)] = .adverb }
        var past: Set<Int32> = []
        for verb in Self.irregularPastVerbs { past.insert(words.insert(verb)) }
        let count = words.count
        codes = (0..<count).map { codeOf[Int32($0)] }
        articlePrefixLengths = (0..<count).map { articleOf[Int32($0)] ?? -1 }
        strongYearCues = (0..<count).map { strong.contains(Int32($0)) }
        beforeFirst = (0..<count).map { before[Int32($0)] ?? .none }
        pastVerbs = (0..<count).map { past.contains(Int32($0)) }
        placeNouns = Set(Self.placeNounWords.map(TextNormalizer.normalize))
        self.words = words
        var symbols: [(symbol: Unicode.Scalar, code: AttributeName)] = []
        for (symbol, code) in NumberWords.currencySymbols {
            let scalars = symbol.unicodeScalars
            guard scalars.count == 1, let first = scalars.first else { continue }
            symbols.append((first, builder.name(code)))
        }
        self.symbols = symbols
        var familyOf: [UInt16: AttributeName] = [:]
        for (code, name) in NumberWords.currencyFamilies { familyOf[builder.name(code).index] = builder.name(name) }
        currencyNames = builder.names.indices.map { familyOf[UInt16($0)] }
        names = builder.names
        attributes = AttributeTable(names: builder.names)
    }

    /// The proclitic length of word `id` when it is only proclitics + the article (ال، وال،
    /// بال، لل), or `nil`.
    @inline(__always)
    func articlePrefixLength(ofWord id: Int32) -> Int? {
        guard id >= 0 else { return nil }
        let length = articlePrefixLengths[Int(id)]
        return length >= 0 ? Int(length) : nil
    }

    /// The code of a currency symbol, or `nil`.
    @inline(__always)
    func symbolCode(_ scalar: Unicode.Scalar) -> AttributeName? {
        for entry in symbols where entry.symbol == scalar { return entry.code }
        return nil
    }

    /// The ISO code of word `id` when it is a lower-cased code, or `nil`.
    @inline(__always)
    func code(ofWord id: Int32) -> AttributeName? {
        id >= 0 ? codes[Int(id)] : nil
    }

    /// The text of a currency or unit name.
    @inline(__always)
    func string(_ name: AttributeName) -> String {
        names[Int(name.index)]
    }

    /// The word ids of the words after the first of `entry`.
    @inline(__always)
    func tail(of entry: LexEntry) -> ArraySlice<Int32> {
        tailWords[Int(entry.tailStart)..<Int(entry.tailStart + entry.tailCount)]
    }

    /// A reading as the builder collects it, with its words as strings.
    private struct Draft {
        let tail: [String]
        let lexeme: Lexeme
        let prefix: Proclitic
        let prefixLength: Int
    }

    private struct Builder {
        var lists: [[Draft]] = []
        /// List index by first word, compared by bytes (``ByteKey``): the words are in matching
        /// form, and `String`'s canonical comparison of Arabic keys is most of a build's time.
        var index: [ByteKey: Int32] = [:]
        /// The first word of each list, in list order.
        var keys: [String] = []
        /// Currency and unit names, by `AttributeName.index`.
        var names: [String] = []
        var nameIndex: [String: UInt16] = [:]

        /// The name `string`, added to `names` if new.
        mutating func name(_ string: String) -> AttributeName {
            if let i = nameIndex[string] { return AttributeName(index: i) }
            let i = UInt16(names.count)
            names.append(string)
            nameIndex[string] = i
            return AttributeName(index: i)
        }

        mutating func add(_ phrase: String, _ lexeme: Lexeme) {
            let words = Tokenizer.normalizedForms(of: phrase)
            guard let first = words.first else { return }
            let tail = Array(words.dropFirst())
            insert(first, Draft(tail: tail, lexeme: lexeme, prefix: .none, prefixLength: 0))
            guard lexeme.takesClitics, isArabic(first) else { return }
            // Very short month names (آب) would turn common words into months (باب "door").
            if case .month = lexeme, first.unicodeScalars.count <= 2 { return }
            for (index, prefix) in Lexicon.procliticPrefixes.enumerated() {
                var key = prefix
                // (Only a written article: ألفي folds to الفي, but لألفي is ل + ألفي.)
                if prefix.utf8.suffix(Self.lam.count).elementsEqual(Self.lam), first.utf8.starts(with: Self.article),
                   phrase.hasPrefix("ال") {
                    key += String(first.dropFirst())  // ل + الثالث → للثالث
                } else {
                    key += first
                }
                insert(key, Draft(tail: tail, lexeme: lexeme, prefix: Proclitic(index: Int8(index)),
                                  prefixLength: prefix.unicodeScalars.count))
            }
        }

        static let lam = Array("ل".utf8)
        static let article = Array("ال".utf8)

        mutating func insert(_ key: String, _ entry: Draft) {
            if let i = index[ByteKey(key)] {
                let list = lists[Int(i)]
                if list.contains(where: {
                    $0.lexeme == entry.lexeme && $0.prefixLength == entry.prefixLength
                        && $0.tail.elementsEqual(entry.tail) { ByteKey($0) == ByteKey($1) }
                }) {
                    return
                }
                lists[Int(i)].append(entry)
            } else {
                index[ByteKey(key)] = Int32(lists.count)
                lists.append([entry])
                keys.append(key)
            }
        }

        func isArabic(_ word: String) -> Bool {
            word.unicodeScalars.first.map { $0.value >= 0x0600 && $0.value <= 0x06FF } ?? false
        }

        mutating func build() {
            let w = NumberWords.self
            for (word, role) in w.arabicCardinals { add(word, .cardinal(role)) }
            for (prefix, n) in w.arabicFusedHundredPrefixes {
                for suffix in w.arabicHundredSuffixes { add(prefix + suffix, .cardinal(.hundreds(n * 100))) }
            }
            for (head, n) in w.arabicTeenHeads {
                // (With the article too, after a definite noun: المرشحين الأحد عشر, the eleven candidates.)
                for tail in w.arabicTeenTails {
                    add(head + " " + tail, .cardinal(.teen(10 + n)))
                    add("ال" + head + " " + tail, .cardinal(.teen(10 + n)))
                }
            }
            for (word, n) in w.arabicDefiniteCardinals { add(word, .definiteCardinal(n)) }
            for ordinal in w.arabicOrdinals {
                for form in ordinal.masculine + ordinal.feminine {
                    for word in [form, "ال" + form] {
                        add(word, .ordinal(ordinal.value, ordinal.value <= 9 ? .unit : .complete))
                        if ordinal.value <= 9 {
                            for tail in w.arabicOrdinalTeenTails {
                                add(word + " " + tail, .ordinal(10 + ordinal.value, .complete))
                            }
                        }
                    }
                }
            }
            for form in w.arabicCompoundFirst {
                for word in [form, "ال" + form] {
                    add(word, .ordinal(1, .compoundFirst))
                    for tail in w.arabicOrdinalTeenTails { add(word + " " + tail, .ordinal(11, .complete)) }
                }
            }
            for word in w.arabicDefiniteCompoundFirst { add(word, .ordinal(1, .compoundFirst)) }
            for (word, n) in w.arabicDefiniteOrdinalTens { add(word, .ordinal(n, .complete)) }
            for word in w.arabicOrdinalsThatAreUnits { add(word, .unitAfterNumber) }
            for (word, n) in w.arabicAccusativeOrdinals { insert(word, Draft(tail: [], lexeme: .ordinal(n, .complete), prefix: .none, prefixLength: 0)) }
            for (word, value) in w.arabicFractions { add(word, .fraction(value, .standalone)) }
            for (word, value) in w.arabicPluralFractions { add(word, .fraction(value, .plural)) }
            for phrase in w.arabicPercentPhrases + w.englishPercentPhrases { add(phrase, .percent) }
            for (phrase, month, calendar) in w.months { add(phrase, .month(month, calendar)) }
            for (phrase, code) in w.currencies { add(phrase, .currency(name(code))) }
            for (adjective, base, code) in w.arabicCurrencyQualifiers {
                for form in [adjective, adjective + "ا", adjective + "ة", adjective + "ين", adjective + "ات"] {
                    add(form, .currencyQualifier(base: name(base), code: name(code)))
                }
            }
            for (phrase, unit) in w.units { add(phrase, .unit(name(unit))) }
            for noun in w.arabicDualNouns {
                let folded = TextNormalizer.normalize(noun)
                let stem = folded.hasSuffix("ه") ? String(folded.dropLast()) + "ت" : folded
                for form in [stem + "ين", stem + "ان"] {
                    add(form, .dual)
                    add("ال" + form, .dual)
                }
            }
            for form in w.arabicNominativeDuals {
                add(form, .dual)
                add("ال" + form, .dual)
            }
            for (word, year) in w.arabicDecades {
                add(word, .decade(year))
                add("ال" + word, .decade(year))
            }
            for phrase in w.arabicTraps + w.englishTraps { add(phrase, .trap) }
            for word in w.yearCues { add(word, .yearCue) }
            for word in w.yearSuffixes { add(word, .yearSuffix) }
            for word in w.rangeOpeners { add(word, .rangeOpener) }
            for word in w.rangeLinks { add(word, .rangeLink) }
            for word in w.joiners { add(word, .joiner) }
            for (word, role) in w.englishCardinals { add(word, .cardinal(role)) }
            for (word, n) in w.englishOrdinals { add(word, .ordinal(n, .complete)) }
            for (word, value, shape) in w.englishFractions { add(word, .fraction(value, shape)) }
            for (word, scale, moneyOnly) in w.scaleAbbreviations { add(word, .scaleAbbreviation(scale, moneyOnly: moneyOnly)) }
            for word in w.ordinalSuffixes { add(word, .ordinalSuffix) }
            for word in w.digitSuffixesAllowed { add(word, .digitSuffix) }
            for word in w.englishOneBlockersBefore { add(word, .oneBlockerBefore) }
            for word in w.englishOneBlockersAfter { add(word, .oneBlockerAfter) }
            for word in w.englishArticles { add(word, .article) }
            for word in w.englishFractionFollowers { add(word, .fractionFollower) }
            for word in w.englishMetreContext { add(word, .metreContext) }
            // Whole-word readings first, then longer phrases first: the scanner takes the first fit.
            for i in lists.indices {
                lists[i].sort { a, b in
                    if a.tail.count != b.tail.count { return a.tail.count > b.tail.count }
                    return a.prefixLength < b.prefixLength
                }
            }
        }
    }
}
