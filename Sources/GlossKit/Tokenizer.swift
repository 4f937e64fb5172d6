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
        var tokens: [Token] = []
        tokens.reserveCapacity(scalars.count / 4)
        var buffer = UTF8Buffer()
        let n = scalars.count
        var i = 0
        while i < n {
            let scalar = scalars[i]
            let cls = CharacterClass(scalar)
            switch cls {
            case .space, .joiner, .mark:
                i += 1
            case .letter(let script):
                var j = i + 1
                buffer.clear()
                if let f = TextNormalizer.fold(scalar) { buffer.append(f) }
                while j < n {
                    let next = scalars[j]
                    let nextClass = CharacterClass(next)
                    if case .letter(let s) = nextClass, s == script {
                        // fallthrough to append
                    } else if case .mark = nextClass {
                        // combining marks and tatweel stay in the word
                    } else if case .joiner = nextClass {
                        guard j + 1 < n, case .letter(let s) = CharacterClass(scalars[j + 1]), s == script else { break }
                    } else if isApostrophe(next), script == .latin, j + 1 < n,
                              case .letter(.latin) = CharacterClass(scalars[j + 1]) {
                        if isPossessive(scalars, at: j) { break }
                    } else {
                        break
                    }
                    if let f = TextNormalizer.fold(next) { buffer.append(f) }
                    j += 1
                }
                tokens.append(Token(start: i, end: j, kind: .word, script: script, normalized: buffer.string))
                i = j
            case .digit(let script):
                var j = i
                buffer.clear()
                while j < n, case .digit(let s) = CharacterClass(scalars[j]), s == script {
                    buffer.appendByte(UInt8(48 + digitValue(scalars[j])))
                    j += 1
                }
                tokens.append(Token(start: i, end: j, kind: .number, script: script, normalized: buffer.string))
                i = j
            case .punctuation, .symbol:
                if isApostrophe(scalar), isPossessive(scalars, at: i) {
                    tokens.append(Token(start: i, end: i + 2, kind: .word, script: .latin, normalized: "'s"))
                    i += 2
                    continue
                }
                let kind: Token.Kind = cls == .symbol ? .symbol : .punctuation
                let normalized: String
                if scalar.value < 0x80 {
                    normalized = asciiStrings[Int(scalar.value)]
                } else {
                    buffer.clear()
                    buffer.append(scalar)
                    normalized = buffer.string
                }
                tokens.append(Token(start: i, end: i + 1, kind: kind, script: .other, normalized: normalized))
                i += 1
            }
        }
        return tokens
    }

    /// Every ASCII code point as a one-character string, for punctuation and symbol tokens.
    private static let asciiStrings: [String] = (0..<128).map { String(UnicodeScalar(UInt8($0))) }

    /// Sentence ranges (in code points) over already computed tokens.
    public static func sentences(_ scalars: [Unicode.Scalar], tokens: [Token]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var first = 0
        for t in tokens.indices {
            let token = tokens[t]
            let isLast = t == tokens.count - 1
            var boundary = isLast
            if !isLast {
                let next = tokens[t + 1]
                if containsLineBreak(scalars, from: token.end, to: next.start) {
                    boundary = true
                } else if next.start > token.end, isTerminator(token, in: tokens, at: t, scalars) {
                    boundary = true
                } else if next.start > token.end, token.kind == .punctuation, closesQuote(scalars[token.start]),
                          t > 0, tokens[t - 1].end == token.start, isTerminator(tokens[t - 1], in: tokens, at: t - 1, scalars) {
                    boundary = true
                }
            }
            if boundary {
                result.append(tokens[first].start..<token.end)
                first = t + 1
            }
        }
        return result
    }

    /// True for a sentence-ending mark. A punctuation token is one code point, its normalized
    /// form the code point itself: the code point is compared, not the string.
    private static func isTerminator(_ token: Token, in tokens: [Token], at t: Int, _ scalars: [Unicode.Scalar]) -> Bool {
        guard token.kind == .punctuation else { return false }
        switch scalars[token.start] {
        case "!", "?", "؟", "…", "۔": return true
        case ".":
            guard t > 0, tokens[t - 1].end == token.start else { return true }
            let previous = tokens[t - 1]
            if previous.kind == .word, previous.script == .latin {
                if previous.end - previous.start == 1 { return false }  // an initial: "J."
                if abbreviations.contains(previous.normalized) { return false }
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

    private static func containsLineBreak(_ scalars: [Unicode.Scalar], from: Int, to: Int) -> Bool {
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
    private static func isPossessive(_ scalars: [Unicode.Scalar], at i: Int) -> Bool {
        guard isApostrophe(scalars[i]), i + 1 < scalars.count,
              scalars[i + 1] == "s" || scalars[i + 1] == "S",
              i > 0, case .letter(.latin) = CharacterClass(scalars[i - 1]) else { return false }
        if i + 2 < scalars.count, case .letter = CharacterClass(scalars[i + 2]) { return false }
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

    /// The class of a code point: looked up in a table below U+0700 (ASCII, Latin-1, Latin
    /// Extended, Arabic: nearly every code point of the texts Gloss reads), computed above.
    @inline(__always)
    init(_ scalar: Unicode.Scalar) {
        let v = scalar.value
        if v < CharacterClass.tableLimit {
            self = CharacterClass.table.withUnsafeBufferPointer { CharacterClass(code: $0[Int(v)]) }
        } else {
            self.init(computing: scalar)
        }
    }

    /// Code points below this have their class in ``table``.
    private static let tableLimit: UInt32 = 0x0700

    /// The class of every code point below ``tableLimit``, as ``code``.
    private static let table: [UInt8] = (0..<tableLimit).map { v in
        Unicode.Scalar(v).map { CharacterClass(computing: $0).code } ?? CharacterClass.space.code
    }

    /// A one-byte code of the class, for ``table``.
    private var code: UInt8 {
        switch self {
        case .space: 0
        case .joiner: 1
        case .mark: 2
        case .letter(.arabic): 3
        case .letter(.latin): 4
        case .letter(.other): 5
        case .digit(.arabic): 6
        case .digit(.latin): 7
        case .digit(.other): 8
        case .punctuation: 9
        case .symbol: 10
        }
    }

    @inline(__always)
    private init(code: UInt8) {
        switch code {
        case 0: self = .space
        case 1: self = .joiner
        case 2: self = .mark
        case 3: self = .letter(.arabic)
        case 4: self = .letter(.latin)
        case 5: self = .letter(.other)
        case 6: self = .digit(.arabic)
        case 7: self = .digit(.latin)
        case 8: self = .digit(.other)
        case 9: self = .punctuation
        default: self = .symbol
        }
    }

    /// The class of a code point from its value and Unicode properties.
    private init(computing scalar: Unicode.Scalar) {
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

/// A reusable UTF-8 byte buffer for building token forms without per-scalar `String` growth.
struct UTF8Buffer {
    private var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(64) }

    mutating func clear() { bytes.removeAll(keepingCapacity: true) }

    @inline(__always)
    mutating func appendByte(_ byte: UInt8) { bytes.append(byte) }

    @inline(__always)
    mutating func append(_ scalar: Unicode.Scalar) {
        let v = scalar.value
        switch v {
        case 0..<0x80:
            bytes.append(UInt8(v))
        case 0x80..<0x800:
            bytes.append(UInt8(0xC0 | (v >> 6)))
            bytes.append(UInt8(0x80 | (v & 0x3F)))
        case 0x800..<0x10000:
            bytes.append(UInt8(0xE0 | (v >> 12)))
            bytes.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            bytes.append(UInt8(0x80 | (v & 0x3F)))
        default:
            bytes.append(UInt8(0xF0 | (v >> 18)))
            bytes.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
            bytes.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            bytes.append(UInt8(0x80 | (v & 0x3F)))
        }
    }

    /// The bytes as a string (small strings are stored inline, without allocation).
    /// `String(decoding:as:)` is the fastest way in: its validation of the (always valid)
    /// bytes costs less than `String(unsafeUninitializedCapacity:initializingUTF8With:)`'s.
    var string: String {
        bytes.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
    }
}
