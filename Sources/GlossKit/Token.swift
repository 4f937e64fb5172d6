/// One token of a ``DocumentText``: a word, a run of digits, or one punctuation or symbol mark.
///
/// Letters, digits and punctuation are always separate tokens: `2,500` is `2` `,` `500`;
/// `21st` is `21` `st`; `twenty-five` is `twenty` `-` `five`; `Biden's` is `Biden` `'s`.
/// Whether two tokens touch is `tokens[i].end == tokens[i + 1].start`.
public struct Token: Sendable, Hashable {
    /// What a token is made of.
    public enum Kind: UInt8, Sendable {
        /// Letters (with their diacritics and joining marks).
        case word
        /// Decimal digits of one script.
        case number
        /// One punctuation mark (`.`, `،`, `-`, `(`, …).
        case punctuation
        /// One symbol (`$`, `%`, `+`, …).
        case symbol
    }

    /// The writing system of a token.
    public enum Script: UInt8, Sendable {
        /// Arabic letters, or Arabic-Indic digits (٠–٩ and ۰–۹).
        case arabic
        /// Latin letters, or ASCII digits.
        case latin
        /// Anything else.
        case other
    }

    /// First code point.
    public let start: Int
    /// One past the last code point.
    public let end: Int
    /// Word, number, punctuation or symbol.
    public let kind: Kind
    /// Arabic, Latin or other.
    public let script: Script
    /// The matching form: ``TextNormalizer`` applied to words, ASCII digits for numbers, the
    /// mark itself for punctuation and symbols.
    public let normalized: String

    /// Creates a token.
    public init(start: Int, end: Int, kind: Kind, script: Script, normalized: String) {
        self.start = start
        self.end = end
        self.kind = kind
        self.script = script
        self.normalized = normalized
    }

    /// The code-point range of the token.
    public var range: Range<Int> { start..<end }
}
