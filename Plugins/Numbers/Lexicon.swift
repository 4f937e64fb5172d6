import GlossKit

/// One reading of a token: a word or phrase of the tables, possibly behind proclitics.
struct LexEntry: Sendable {
    /// The normalized words after the first one (empty for a one-word entry).
    let tail: [String]
    let lexeme: Lexeme
    /// Proclitic letters on the first token (normalized), e.g. `"و"`, `"وب"`; empty for none.
    let prefix: String
    /// How many normalized letters of the first token the prefix takes.
    let prefixLength: Int
}

/// The Numbers extractor's tables folded into one lookup: normalized token → readings.
///
/// Every Arabic entry whose lexeme `takesClitics` is also stored behind each proclitic and pair of
/// proclitics (و ف ب ل ك وب ول وك فب فل فك; ل before ال written لل), so recognising `وبخمسة`
/// costs one dictionary lookup. A reading without a prefix always beats one with a prefix
/// (`لست` "I am not" is a trap before it is ل + ست).
struct Lexicon: Sendable {
    /// Reading lists, indexed by the values of `index`.
    let lists: [[LexEntry]]
    /// First normalized token → index into `lists`.
    let index: [String: Int32]
    /// Currency symbols ($ € £ ¥) → code.
    let symbols: [String: String]
    /// Lower-cased ISO codes → code.
    let codes: [String: String]

    /// The shared lexicon, built once from `NumberWords`.
    static let shared = Lexicon()

    static let procliticPrefixes = ["و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك"]

    init() {
        var builder = Builder()
        builder.build()
        lists = builder.lists
        index = builder.index
        var symbols: [String: String] = [:]
        for (symbol, code) in NumberWords.currencySymbols { symbols[symbol] = code }
        self.symbols = symbols
        var codes: [String: String] = [:]
        for code in NumberWords.currencyCodes { codes[code.lowercased()] = code }
        self.codes = codes
    }

    /// The reading-list index of a normalized token, or -1.
    @inline(__always)
    func lookup(_ normalized: String) -> Int32 {
        index[normalized] ?? -1
    }

    private struct Builder {
        var lists: [[LexEntry]] = []
        var index: [String: Int32] = [:]

        mutating func add(_ phrase: String, _ lexeme: Lexeme) {
            let words = Tokenizer.tokenize(Array(phrase.unicodeScalars)).map(\.normalized)
            guard let first = words.first else { return }
            let tail = Array(words.dropFirst())
            insert(first, LexEntry(tail: tail, lexeme: lexeme, prefix: "", prefixLength: 0))
            guard lexeme.takesClitics, isArabic(first) else { return }
            // Very short month names (آب) would turn common words into months (باب "door").
            if case .month = lexeme, first.unicodeScalars.count <= 2 { return }
            for prefix in Lexicon.procliticPrefixes {
                var key = prefix
                if prefix.hasSuffix("ل"), first.hasPrefix("ال") {
                    key += String(first.dropFirst())  // ل + الثالث → للثالث
                } else {
                    key += first
                }
                insert(key, LexEntry(tail: tail, lexeme: lexeme, prefix: prefix,
                                     prefixLength: prefix.unicodeScalars.count))
            }
        }

        mutating func insert(_ key: String, _ entry: LexEntry) {
            if let i = index[key] {
                let list = lists[Int(i)]
                if list.contains(where: { $0.lexeme == entry.lexeme && $0.tail == entry.tail && $0.prefixLength == entry.prefixLength }) {
                    return
                }
                lists[Int(i)].append(entry)
            } else {
                index[key] = Int32(lists.count)
                lists.append([entry])
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
                for tail in w.arabicTeenTails { add(head + " " + tail, .cardinal(.teen(10 + n))) }
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
            for (word, value) in w.arabicFractions { add(word, .fraction(value, .standalone)) }
            for (word, value) in w.arabicPluralFractions { add(word, .fraction(value, .plural)) }
            for phrase in w.arabicPercentPhrases + w.englishPercentPhrases { add(phrase, .percent) }
            for (phrase, month, calendar) in w.months { add(phrase, .month(month, calendar)) }
            for (phrase, code) in w.currencies { add(phrase, .currency(code)) }
            for (adjective, base, code) in w.arabicCurrencyQualifiers {
                for form in [adjective, adjective + "ا", adjective + "ة", adjective + "ين", adjective + "ات"] {
                    add(form, .currencyQualifier(base: base, code: code))
                }
            }
            for (phrase, unit) in w.units { add(phrase, .unit(unit)) }
            for noun in w.arabicDualNouns {
                let folded = TextNormalizer.normalize(noun)
                let stem = folded.hasSuffix("ه") ? String(folded.dropLast()) + "ت" : folded
                for form in [stem + "ين", stem + "ان"] {
                    add(form, .dual)
                    add("ال" + form, .dual)
                }
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
