import GlossKit

/// What the lists say about one vocabulary word.
struct LexiconEntry: Sendable {
    /// Classes of the word in Arabic script.
    var arabic: WordClass = []
    /// Classes of the word in Latin script.
    var latin: WordClass = []
    var flags: Flags = []

    struct Flags: OptionSet, Sendable {
        let rawValue: UInt8
        /// The word is a simple form (see ``FormShape``).
        static let simple = Flags(rawValue: 1 << 0)
        /// A member of ``PeopleLexicon/maqsuraStops``.
        static let maqsuraStop = Flags(rawValue: 1 << 1)
        /// A member of ``PeopleLexicon/clauseWords``.
        static let clauseWord = Flags(rawValue: 1 << 2)
        /// A member of ``PeopleLexicon/reportingWords``.
        static let reportingWord = Flags(rawValue: 1 << 3)
    }
}

/// Vocabulary ids of the words and marks the rules compare tokens with.
struct ConstantIDs: Sendable {
    /// عبد، الدين، الله، الإسلام (normalized).
    let abd, din, allah, islam: Int32
    /// English particles glued with a hyphen: al-, el-.
    let al, el: Int32
    /// according to
    let according, to: Int32
    /// of (Speaker of Parliament)
    let of: Int32
    /// The possessive token 's.
    let possessive: Int32
    let hyphen, period, comma, colon, openParen, closeParen, slash, backslash: Int32

    init(vocabulary: inout ByteTable) {
        abd = vocabulary.insert(TextNormalizer.normalize("عبد"))
        din = vocabulary.insert(TextNormalizer.normalize("الدين"))
        allah = vocabulary.insert(TextNormalizer.normalize("الله"))
        islam = vocabulary.insert(TextNormalizer.normalize("الإسلام"))
        al = vocabulary.insert("al")
        el = vocabulary.insert("el")
        according = vocabulary.insert("according")
        to = vocabulary.insert("to")
        of = vocabulary.insert("of")
        possessive = vocabulary.insert("'s")
        hyphen = vocabulary.insert("-")
        period = vocabulary.insert(".")
        comma = vocabulary.insert(",")
        colon = vocabulary.insert(":")
        openParen = vocabulary.insert("(")
        closeParen = vocabulary.insert(")")
        slash = vocabulary.insert("/")
        backslash = vocabulary.insert("\\")
    }
}
