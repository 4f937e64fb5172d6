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
    let lexicon: Lexicon
    /// Reading-list index per token (-1: no reading).
    let hits: [Int32]

    init(text: DocumentText, lexicon: Lexicon) {
        self.text = text
        self.tokens = text.tokens
        self.lexicon = lexicon
        var hits = [Int32](repeating: -1, count: tokens.count)
        for i in tokens.indices where tokens[i].kind == .word {
            hits[i] = lexicon.lookup(tokens[i].normalized)
        }
        self.hits = hits
    }

    var count: Int { tokens.count }

    /// True when token `i` ends exactly where token `i + 1` starts.
    @inline(__always)
    func touchesNext(_ i: Int) -> Bool {
        i + 1 < tokens.count && tokens[i].end == tokens[i + 1].start
    }

    @inline(__always)
    func isNumber(_ i: Int) -> Bool {
        i >= 0 && i < tokens.count && tokens[i].kind == .number
    }

    @inline(__always)
    func isMark(_ i: Int, _ marks: String...) -> Bool {
        guard i >= 0, i < tokens.count, tokens[i].kind != .word, tokens[i].kind != .number else { return false }
        return marks.contains(tokens[i].normalized)
    }

    @inline(__always)
    func normalized(_ i: Int) -> String? {
        i >= 0 && i < tokens.count ? tokens[i].normalized : nil
    }

    /// True when every letter of Latin token `i` is written in capitals.
    func isAllCaps(_ i: Int) -> Bool {
        guard i >= 0, i < tokens.count, tokens[i].kind == .word, tokens[i].script == .latin else { return false }
        var k = tokens[i].start
        while k < tokens[i].end {
            if text.scalars[k].properties.isLowercase { return false }
            k += 1
        }
        return true
    }

    /// The best reading at token `i` that `accept` takes: readings without proclitics beat
    /// readings with them (a whole word is never cut), then the longest phrase wins.
    func hit(at i: Int, _ accept: (Lexeme) -> Bool) -> LexHit? {
        guard i >= 0, i < tokens.count else { return nil }
        let listIndex = hits[i]
        if listIndex < 0 { return nil }
        let list = lexicon.lists[Int(listIndex)]
        var minimumPrefix = Int.max
        for entry in list where entry.prefixLength < minimumPrefix && tailMatches(entry, at: i) {
            minimumPrefix = entry.prefixLength
        }
        // `list` is sorted longest phrase first, so the first fit is the longest.
        for entry in list where entry.prefixLength == minimumPrefix && accept(entry.lexeme) && tailMatches(entry, at: i) {
            let start = entry.prefixLength == 0 ? tokens[i].start
                : text.offset(in: tokens[i], afterNormalized: entry.prefixLength)
            return LexHit(entry: entry, last: i + entry.tail.count, start: start)
        }
        return nil
    }

    /// True when the words after token `i` are the entry's tail.
    @inline(__always)
    func tailMatches(_ entry: LexEntry, at i: Int) -> Bool {
        if entry.tail.isEmpty { return true }
        guard i + entry.tail.count < tokens.count else { return false }
        for (k, word) in entry.tail.enumerated() where tokens[i + 1 + k].normalized != word {
            return false
        }
        return true
    }

    /// True when token `i` has a one-word reading without proclitics that `accept` takes.
    func wordIs(_ i: Int, _ accept: (Lexeme) -> Bool) -> Bool {
        guard i >= 0, i < tokens.count, hits[i] >= 0 else { return false }
        return lexicon.lists[Int(hits[i])].contains { $0.tail.isEmpty && $0.prefixLength == 0 && accept($0.lexeme) }
    }
}
