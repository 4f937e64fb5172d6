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

    // The stored properties are declared widest first: 40 bytes a token rather than 48 (two
    // one-byte fields between the offsets and the string would pad to 8 bytes).

    /// First code point.
    public let start: Int
    /// One past the last code point.
    public let end: Int
    /// The matching form: ``TextNormalizer`` applied to words, ASCII digits for numbers, the
    /// mark itself for punctuation and symbols.
    public let normalized: String
    /// The id of ``normalized`` among the forms the tokenizer has met in this process
    /// (`0..<Token.formLimit`), or `-1` when it has none (a form longer than 16 UTF-8 bytes, a
    /// token made by hand, or a new form once the table of forms is full). Tokens with the
    /// same id have the same normalized form, so an extractor can remember what it found out
    /// about a form by its id (``FormMemo``) rather than hash the form again.
    public let form: Int32
    /// Word, number, punctuation or symbol.
    public let kind: Kind
    /// Arabic, Latin or other.
    public let script: Script

    /// The number of form ids: ``form`` is below it.
    @inlinable public static var formLimit: Int { 1 << 15 }

    /// Creates a token.
    public init(start: Int, end: Int, kind: Kind, script: Script, normalized: String, form: Int32 = -1) {
        self.start = start
        self.end = end
        self.kind = kind
        self.script = script
        self.normalized = normalized
        self.form = form
    }

    /// Tokens are equal when their places, kinds, scripts and normalized forms are (whatever
    /// their ``form`` ids).
    public static func == (a: Token, b: Token) -> Bool {
        a.start == b.start && a.end == b.end && a.kind == b.kind && a.script == b.script && a.normalized == b.normalized
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(start)
        hasher.combine(end)
        hasher.combine(kind)
        hasher.combine(script)
        hasher.combine(normalized)
    }

    /// The code-point range of the token.
    public var range: Range<Int> { start..<end }
}
