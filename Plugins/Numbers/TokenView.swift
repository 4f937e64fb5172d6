import GlossKit

/// A reading of the lexicon found at a token: the entry, the last token it covers, and where the
/// span starts once proclitics are cut off.
struct LexHit {
    let entry: LexEntry
    /// Index of the last token of the phrase (inclusive).
    let last: Int
    /// Code-point offset after the proclitics.
    let start: Int

    var lexeme: Lexeme { entry.lexeme }
}

/// The tokens of one document with their lexicon readings, and the small questions the scanner
/// asks about them (adjacency, what a token is, which phrase starts here).
struct TokenView {
    let text: DocumentText
    let tokens: [Token]
    /// The code points of the text (`text.scalars`).
    let scalars: [Unicode.Scalar]
    let lexicon: Lexicon
    /// The word id (`Lexicon.words`) of every token's normalized form, `-1` when the tables do
    /// not have it.
    let ids: [Int32]
    /// Ids below this have readings (`Lexicon.lists`).
    private let readingCount: Int32

    init(text: DocumentText, lexicon: Lexicon) {
        self.text = text
        self.tokens = text.tokens
        self.scalars = text.scalars
        self.lexicon = lexicon
        self.readingCount = Int32(lexicon.lists.count)
        self.ids = Self.wordIds(of: text.tokens, in: lexicon)
    }

    var count: Int { tokens.count }

    /// The word id of every token's normalized form, `-1` when the table does not have it. A form
    /// with a form id is looked up once per process (``Lexicon/wordIDs``); other forms have their
    /// bytes read in place (no copy of the token or of its string).
    private static func wordIds(of tokens: [Token], in lexicon: Lexicon) -> [Int32] {
        let words = lexicon.words
        let memo = lexicon.wordIDs
        @inline(__always) func find(_ form: String) -> Int32 {
            form.utf8.withContiguousStorageIfAvailable { bytes in
                let raw = UnsafeRawBufferPointer(bytes)
                return words.find(ByteTable.Key(raw, seed: words.seed), raw)
            } ?? words.find(form)
        }
        return tokens.withUnsafeBufferPointer { tokens in
            [Int32](unsafeUninitializedCapacity: tokens.count) { ids, initialized in
                for i in tokens.indices {
                    // The memo entry of the token eight places on, for when the loop gets there.
                    if i + 8 < tokens.count { memo.prefetch(tokens[i + 8].form) }
                    let form = tokens[i].form
                    let id = form >= 0
                        ? Int32(truncatingIfNeeded: memo.value(for: form) { UInt64(UInt32(bitPattern: find(tokens[i].normalized))) })
                        : find(tokens[i].normalized)
                    ids.initializeElement(at: i, to: id)
                    initialized = i + 1
                }
            }
        }
    }

    /// The reading-list index of token `i` (a word with readings), or `-1`.
    @inline(__always)
    func listIndex(_ i: Int) -> Int {
        let id = ids[i]
        return id >= 0 && id < readingCount && tokens[i].kind == .word ? Int(id) : -1
    }

    /// The kinds of reading word token `i` has (empty for none).
    @inline(__always)
    func kinds(_ i: Int) -> LexemeKinds {
        let listIndex = listIndex(i)
        return listIndex >= 0 ? lexicon.kinds[listIndex] : []
    }

    /// True when word token `i` has readings in the lexicon.
    @inline(__always)
    func hasReadings(_ i: Int) -> Bool { listIndex(i) >= 0 }

    /// The word id of token `i`, or `-1` (also out of range).
    @inline(__always)
    func wordId(_ i: Int) -> Int32 {
        i >= 0 && i < tokens.count ? ids[i] : -1
    }

    /// True when token `i` is a word after which even a number in words is a year (عام، year).
    @inline(__always)
    func isStrongYearCue(_ i: Int) -> Bool {
        let id = wordId(i)
        return id >= 0 && lexicon.strongYearCues[Int(id)]
    }

    /// True when token `i` ends exactly where token `i + 1` starts.
    @inline(__always)
    func touchesNext(_ i: Int) -> Bool {
        i + 1 < tokens.count && tokens[i].end == tokens[i + 1].start
    }

    @inline(__always)
    func isNumber(_ i: Int) -> Bool {
        i >= 0 && i < tokens.count && tokens[i].kind == .number
    }

    /// The mark of punctuation or symbol token `i` (its one code point), or `nil`.
    @inline(__always)
    func mark(_ i: Int) -> Unicode.Scalar? {
        guard i >= 0, i < tokens.count, tokens[i].kind != .word, tokens[i].kind != .number else { return nil }
        return scalars[tokens[i].start]
    }

    @inline(__always)
    func isMark(_ i: Int, _ a: Unicode.Scalar) -> Bool {
        mark(i) == a
    }

    @inline(__always)
    func isMark(_ i: Int, _ a: Unicode.Scalar, _ b: Unicode.Scalar) -> Bool {
        guard let m = mark(i) else { return false }
        return m == a || m == b
    }

    @inline(__always)
    func isMark(_ i: Int, _ a: Unicode.Scalar, _ b: Unicode.Scalar, _ c: Unicode.Scalar) -> Bool {
        guard let m = mark(i) else { return false }
        return m == a || m == b || m == c
    }

    /// True when every letter of Latin token `i` is written in capitals.
    func isAllCaps(_ i: Int) -> Bool {
        guard i >= 0, i < tokens.count, tokens[i].kind == .word, tokens[i].script == .latin else { return false }
        var k = tokens[i].start
        while k < tokens[i].end {
            if scalars[k].properties.isLowercase { return false }
            k += 1
        }
        return true
    }

    /// The best reading at token `i` that `accept` takes: readings without proclitics beat
    /// readings with them (a whole word is never cut), then the longest phrase wins.
    func hit(at i: Int, _ accept: (Lexeme) -> Bool) -> LexHit? {
        guard i >= 0, i < tokens.count else { return nil }
        let listIndex = listIndex(i)
        if listIndex < 0 { return nil }
        let list = lexicon.lists[listIndex]
        // Without proclitic readings the shortest prefix of a fitting reading is 0 (and when
        // none fits, the search below finds nothing either).
        var minimumPrefix = lexicon.hasPrefixedReadings[listIndex] ? Int.max : 0
        if minimumPrefix > 0 {
            for entry in list where entry.prefixLength < minimumPrefix && tailMatches(entry, at: i) {
                minimumPrefix = entry.prefixLength
            }
        }
        // `list` is sorted longest phrase first, so the first fit is the longest.
        var best: LexEntry?
        for entry in list where entry.prefixLength == minimumPrefix && accept(entry.lexeme) && tailMatches(entry, at: i) {
            best = entry
            break
        }
        // A phrase behind a proclitic beats a one-word reading of the whole token: وأحد عشر is
        // و + أحد عشر (eleven), although وأحد alone reads as واحد (one).
        if let whole = best, whole.prefixLength == 0, whole.tailCount == 0, lexicon.hasPrefixedReadings[listIndex] {
            for entry in list where entry.prefixLength > 0 && entry.tailCount > 0 && accept(entry.lexeme) && tailMatches(entry, at: i) {
                best = entry
                break
            }
        }
        guard let entry = best else { return nil }
        let start = entry.prefixLength == 0 ? tokens[i].start : text.offset(in: tokens[i], afterNormalized: entry.prefixLength)
        return LexHit(entry: entry, last: i + Int(entry.tailCount), start: start)
    }

    /// True when the words after token `i` are the entry's tail.
    @inline(__always)
    func tailMatches(_ entry: LexEntry, at i: Int) -> Bool {
        let n = Int(entry.tailCount)
        if n == 0 { return true }
        guard i + n < tokens.count else { return false }
        let tail = lexicon.tail(of: entry)
        var k = 0
        for word in tail {
            if ids[i + 1 + k] != word { return false }
            k += 1
        }
        return true
    }

    /// True when token `i` has a one-word reading without proclitics that `accept` takes.
    func wordIs(_ i: Int, _ accept: (Lexeme) -> Bool) -> Bool {
        guard i >= 0, i < tokens.count else { return false }
        let listIndex = listIndex(i)
        guard listIndex >= 0 else { return false }
        return lexicon.lists[listIndex].contains { $0.tailCount == 0 && $0.prefixLength == 0 && accept($0.lexeme) }
    }

    /// True when a scale word, a percent mark, a currency or a unit follows token `k`.
    func marksFollow(_ k: Int) -> Bool {
        let j = k + 1
        if isMark(j, "%", "٪") { return true }
        return hit(at: j) { lexeme in
            switch lexeme {
            case .cardinal(.scale), .percent, .currency, .unit, .scaleAbbreviation: return true
            default: return false
            }
        } != nil
    }
}
