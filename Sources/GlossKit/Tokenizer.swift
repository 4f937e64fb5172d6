/// Splits text into ``Token``s and sentences, for Arabic and Latin script alike.
///
/// Rules, in order:
/// - Whitespace separates tokens and is not a token.
/// - A word is a run of letters of one script together with its combining marks, tatweel and
///   the invisible joiners and direction marks that sit inside it (U+200C–U+200F, U+061C).
///   A change of script ends a word (`F16` is `F` `16`; `بـCNN` is two words).
/// - An apostrophe between Latin letters stays inside the word (`O'Brien`), except a final
///   possessive: `Biden's` is `Biden` `'s`.
/// - A run of decimal digits of one script is a number token; separators are tokens of their own.
/// - Every other code point is a one-character punctuation or symbol token.
///
/// Sentences end after `.` `!` `?` `؟` `…` followed by a space or the end of the text (but not
/// after an initial such as `J.` or a title abbreviation such as `Gen.`), and at every line break.
public enum Tokenizer {
    /// Tokenizes a sequence of code points.
    public static func tokenize(_ scalars: [Unicode.Scalar]) -> [Token] {
        scalars.withUnsafeBufferPointer { scalars in
            ScalarClassifier.with { classifier in tokenize(scalars, classifier, FormTable.shared) }
        }
    }

    /// The normalized forms of the tokens of `text`, as ``tokenize(_:)`` gives them, without
    /// giving them form ids: for the entries of an extractor's word lists, read before any
    /// document. (The process's table of forms holds the first 32,768 forms it meets; word
    /// lists that took their places there would leave fewer for the words of the documents.)
    public static func normalizedForms(of text: String) -> [String] {
        Array(text.unicodeScalars).withUnsafeBufferPointer { scalars in
            ScalarClassifier.with { classifier in tokenize(scalars, classifier, UnsharedForms()).map(\.normalized) }
        }
    }

    /// The tokenizer proper. Each code point is looked up once (class and normalized bytes
    /// together, ``ScalarInfo``); a token's normalized bytes are gathered in a ``UTF8Key`` and
    /// turned into a `String` and a form id through `forms` (the ``FormTable``, so that a word
    /// that comes back is not built again). Forms longer than a key are built from the code points.
    private static func tokenize<Forms: FormSource>(_ scalars: UnsafeBufferPointer<Unicode.Scalar>, _ classifier: ScalarClassifier,
                                                    _ forms: Forms) -> [Token] {
        typealias Code = CharacterClass.Code
        var tokens: [Token] = []
        tokens.reserveCapacity(scalars.count / 4)
        let n = scalars.count
        var i = 0
        while i < n {
            let scalar = scalars[i]
            let info = classifier.info(scalar)
            let code = info.classCode
            if code <= Code.mark {
                // Space, or a joiner or mark outside a word: not a token.
                i += 1
            } else if Code.isLetter(code) {
                var key = UTF8Key()
                key.append(info.utf8, length: info.utf8Count)
                var j = i + 1
                while j < n {
                    let next = classifier.info(scalars[j])
                    let nextCode = next.classCode
                    if nextCode == code || nextCode == Code.mark {
                        // A letter of the same script, or a combining mark or tatweel.
                    } else if nextCode == Code.joiner {
                        guard j + 1 < n, classifier.info(scalars[j + 1]).classCode == code else { break }
                    } else if code == Code.latinLetter, isApostrophe(scalars[j]), j + 1 < n,
                              classifier.info(scalars[j + 1]).classCode == Code.latinLetter {
                        if isPossessive(scalars, at: j, classifier) { break }
                    } else {
                        break
                    }
                    key.append(next.utf8, length: next.utf8Count)
                    j &+= 1
                }
                let (normalized, id) = key.overflowed ? (form(scalars[i..<j], classifier), -1) : forms.form(for: key)
                tokens.append(Token(start: i, end: j, kind: .word, script: Code.script(code), normalized: normalized, form: id))
                i = j
            } else if Code.isDigit(code) {
                var key = UTF8Key()
                var j = i
                while j < n {
                    let next = classifier.info(scalars[j])
                    guard next.classCode == code else { break }
                    key.append(next.utf8, length: next.utf8Count)
                    j += 1
                }
                let (normalized, id) = key.overflowed ? (form(scalars[i..<j], classifier), -1) : forms.form(for: key)
                tokens.append(Token(start: i, end: j, kind: .number, script: Code.script(code), normalized: normalized, form: id))
                i = j
            } else {
                if isApostrophe(scalar), isPossessive(scalars, at: i, classifier) {
                    var key = UTF8Key()
                    key.append(0x7327, length: 2)  // 's
                    let (normalized, id) = forms.form(for: key)
                    tokens.append(Token(start: i, end: i + 2, kind: .word, script: .latin, normalized: normalized, form: id))
                    i += 2
                    continue
                }
                let kind: Token.Kind = code == Code.symbol ? .symbol : .punctuation
                var key = UTF8Key()
                key.append(info.utf8, length: info.utf8Count)
                let (normalized, id) = forms.form(for: key)
                tokens.append(Token(start: i, end: i + 1, kind: kind, script: .other, normalized: normalized, form: id))
                i += 1
            }
        }
        return tokens
    }

    /// The normalized form of a token built from its code points: the slow path, for forms
    /// too long for a ``UTF8Key``.
    private static func form(_ scalars: Slice<UnsafeBufferPointer<Unicode.Scalar>>, _ classifier: ScalarClassifier) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(scalars.count * 2)
        for scalar in scalars {
            let info = classifier.info(scalar)
            var utf8 = info.utf8
            for _ in 0..<info.utf8Count {
                bytes.append(UInt8(truncatingIfNeeded: utf8))
                utf8 >>= 8
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Sentence ranges (in code points) over already computed tokens.
    public static func sentences(_ scalars: [Unicode.Scalar], tokens: [Token]) -> [Range<Int>] {
        scalars.withUnsafeBufferPointer { scalars in
            tokens.withUnsafeBufferPointer { tokens in
                sentences(scalars, tokens)
            }
        }
    }

    /// Sentence splitting proper. Only the gap between two tokens can end a sentence, so
    /// touching tokens are passed over at the cost of one comparison.
    private static func sentences(_ scalars: UnsafeBufferPointer<Unicode.Scalar>, _ tokens: UnsafeBufferPointer<Token>) -> [Range<Int>] {
        var result: [Range<Int>] = []
        guard let last = tokens.indices.last else { return result }
        // Room for sentences of some sixteen tokens (news text), so that the array seldom grows.
        result.reserveCapacity(tokens.count / 16 + 1)
        var first = 0
        for t in 0..<last {
            let end = tokens[t].end
            let nextStart = tokens[t + 1].start
            guard nextStart > end else { continue }
            if containsLineBreak(scalars, from: end, to: nextStart) || endsSentence(at: t, tokens, scalars) {
                result.append(tokens[first].start..<end)
                first = t + 1
            }
        }
        result.append(tokens[first].start..<tokens[last].end)
        return result
    }

    /// True when token `t`, followed by a gap, ends its sentence: a sentence-ending mark, or a
    /// closing quote or bracket right after one (`"…said."`).
    private static func endsSentence(at t: Int, _ tokens: UnsafeBufferPointer<Token>, _ scalars: UnsafeBufferPointer<Unicode.Scalar>) -> Bool {
        guard tokens[t].kind == .punctuation else { return false }
        if isTerminator(at: t, tokens, scalars) { return true }
        let start = tokens[t].start
        return closesQuote(scalars[start]) && t > 0 && tokens[t - 1].end == start && isTerminator(at: t - 1, tokens, scalars)
    }

    /// True for a sentence-ending mark. A punctuation token is one code point, its normalized
    /// form the code point itself: the code point is compared, not the string.
    private static func isTerminator(at t: Int, _ tokens: UnsafeBufferPointer<Token>, _ scalars: UnsafeBufferPointer<Unicode.Scalar>) -> Bool {
        guard tokens[t].kind == .punctuation else { return false }
        let start = tokens[t].start
        switch scalars[start] {
        case "!", "?", "؟", "…", "۔": return true
        case ".":
            guard t > 0, tokens[t - 1].end == start else { return true }
            let previous = t - 1
            if tokens[previous].kind == .word, tokens[previous].script == .latin {
                if tokens[previous].end - tokens[previous].start == 1 { return false }  // an initial: "J."
                if abbreviations.contains(tokens[previous].normalized) { return false }
            }
            return true
        default: return false
        }
    }

    private static func closesQuote(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "\"", "”", "»", "'", "’", ")", "]": true
        default: false
        }
    }

    /// Latin abbreviations after which a full stop does not end a sentence (lower case).
    static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "adm",
        "gov", "sen", "rep", "pres", "st", "jr", "sr", "mt", "ft", "vs", "etc", "no", "inc",
        "corp", "co", "ltd", "jan", "feb", "mar", "apr", "aug", "sep", "sept", "oct", "nov", "dec",
        "approx", "est", "dept", "univ", "rev", "hon", "u.s", "e.g", "i.e",
    ]

    private static func containsLineBreak(_ scalars: UnsafeBufferPointer<Unicode.Scalar>, from: Int, to: Int) -> Bool {
        var k = from
        while k < to {
            switch scalars[k].value {
            case 0x0A, 0x0D, 0x2028, 0x2029, 0x85: return true
            default: k += 1
            }
        }
        return false
    }

    static func isApostrophe(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "'" || scalar == "\u{2019}"
    }

    /// True at an apostrophe followed by `s` and then a non-letter: the English possessive.
    private static func isPossessive(_ scalars: UnsafeBufferPointer<Unicode.Scalar>, at i: Int, _ classifier: ScalarClassifier) -> Bool {
        guard isApostrophe(scalars[i]), i + 1 < scalars.count,
              scalars[i + 1] == "s" || scalars[i + 1] == "S",
              i > 0, classifier.info(scalars[i - 1]).classCode == CharacterClass.Code.latinLetter else { return false }
        if i + 2 < scalars.count, CharacterClass.Code.isLetter(classifier.info(scalars[i + 2]).classCode) { return false }
        return true
    }

    /// The value 0–9 of a decimal digit of any script.
    static func digitValue(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        switch v {
        case 0x30...0x39: return Int(v - 0x30)
        case 0x0660...0x0669: return Int(v - 0x0660)
        case 0x06F0...0x06F9: return Int(v - 0x06F0)
        default: return Int(scalar.properties.numericValue ?? 0)
        }
    }
}

/// The class of one code point, as the tokenizer sees it.
enum CharacterClass: Equatable {
    case space
    /// Joiners and direction marks: inside a word they belong to it, elsewhere they are skipped.
    case joiner
    /// Combining marks and tatweel: part of the word they follow.
    case mark
    case letter(Token.Script)
    case digit(Token.Script)
    case punctuation
    case symbol

    /// One-byte codes of the classes, as ``ScalarInfo`` stores them. The three letter codes
    /// and the three digit codes are consecutive, in the order of `Token.Script`'s raw values.
    enum Code {
        static let space: UInt8 = 0
        static let joiner: UInt8 = 1
        static let mark: UInt8 = 2
        static let arabicLetter: UInt8 = 3
        static let latinLetter: UInt8 = 4
        static let otherLetter: UInt8 = 5
        static let arabicDigit: UInt8 = 6
        static let latinDigit: UInt8 = 7
        static let otherDigit: UInt8 = 8
        static let punctuation: UInt8 = 9
        static let symbol: UInt8 = 10

        @inline(__always)
        static func isLetter(_ code: UInt8) -> Bool { code >= arabicLetter && code <= otherLetter }

        @inline(__always)
        static func isDigit(_ code: UInt8) -> Bool { code >= arabicDigit && code <= otherDigit }

        /// The script of a letter or digit code.
        @inline(__always)
        static func script(_ code: UInt8) -> Token.Script {
            switch (code - arabicLetter) % 3 {
            case 0: .arabic
            case 1: .latin
            default: .other
            }
        }
    }

    /// The code of the class (one of the ``Code`` constants).
    var code: UInt8 {
        switch self {
        case .space: Code.space
        case .joiner: Code.joiner
        case .mark: Code.mark
        case .letter(.arabic): Code.arabicLetter
        case .letter(.latin): Code.latinLetter
        case .letter(.other): Code.otherLetter
        case .digit(.arabic): Code.arabicDigit
        case .digit(.latin): Code.latinDigit
        case .digit(.other): Code.otherDigit
        case .punctuation: Code.punctuation
        case .symbol: Code.symbol
        }
    }

    /// The class of a code point from its value and Unicode properties (the tokenizer looks
    /// it up through ``ScalarInfo``).
    init(_ scalar: Unicode.Scalar) {
        let v = scalar.value
        if v < 0x80 {
            switch v {
            case 0x41...0x5A, 0x61...0x7A: self = .letter(.latin)
            case 0x30...0x39: self = .digit(.latin)
            case 0x20, 0x09...0x0D: self = .space
            case 0x24, 0x2B, 0x3C...0x3E, 0x5E, 0x60, 0x7C, 0x7E: self = .symbol
            default: self = v < 0x20 || v == 0x7F ? .space : .punctuation
            }
            return
        }
        if v >= 0x0600 && v <= 0x06FF {
            switch v {
            case 0x0660...0x0669, 0x06F0...0x06F9: self = .digit(.arabic)
            case 0x064B...0x065F, 0x0670, 0x0640, 0x06D6...0x06ED: self = .mark
            case 0x061C: self = .joiner
            case 0x0621...0x063F, 0x0641...0x064A, 0x0671...0x06D3, 0x06D5, 0x06EE, 0x06EF, 0x06FA...0x06FF:
                self = .letter(.arabic)
            case 0x066A, 0x06DE, 0x06E9: self = .symbol
            default: self = .punctuation
            }
            return
        }
        if v >= 0x200B && v <= 0x200F || v == 0x2060 || v == 0xFEFF { self = .joiner; return }
        let properties = scalar.properties
        if properties.isWhitespace { self = .space; return }
        switch properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
            if v < 0x0250 || (v >= 0x1E00 && v <= 0x1EFF) { self = .letter(.latin) }
            else if (v >= 0x0750 && v <= 0x077F) || (v >= 0x08A0 && v <= 0x08FF) || (v >= 0xFB50 && v <= 0xFDFF) || (v >= 0xFE70 && v <= 0xFEFF) {
                self = .letter(.arabic)
            } else { self = .letter(.other) }
        case .nonspacingMark, .spacingMark, .enclosingMark: self = .mark
        case .decimalNumber: self = .digit(.other)
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation:
            self = .punctuation
        case .control, .format, .unassigned, .privateUse, .surrogate, .lineSeparator, .paragraphSeparator, .spaceSeparator:
            self = .space
        default: self = .symbol
        }
    }
}
