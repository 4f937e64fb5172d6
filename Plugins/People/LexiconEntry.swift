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
    /// أمة, which a divine name follows in women's names as عبد does in men's (أمة الرحمن).
    let amat: Int32
    /// ولد and منت, the Mauritanian nasab words, which never start a name.
    let walad, mint: Int32
    /// The second words of Persian and Turkish family names written in two words
    /// (``ArabicNameParser/familySuffixes``), as vocabulary ids: compared per word of a name.
    let familySuffixes: [Int32]
    /// European name particles as written in Arabic script (فان، فون، دي، دو، دا، لا، دير):
    /// after a foreign given name they open the family name (ماركو فان رايسويك).
    let foreignParticles: [Int32]
    /// English particles glued with a hyphen: al-, el-.
    let al, el: Int32
    /// according to
    let according, to: Int32
    /// of (Speaker of Parliament)
    let of: Int32
    /// The possessive token 's.
    let possessive: Int32
    let hyphen, period, comma, colon, openParen, closeParen, slash, backslash: Int32
    /// The Arabic comma ،.
    let arabicComma: Int32
    /// Words after a name that give another name of the person in quotation marks (``AliasFinder``):
    /// الملقب، المكنى، المعروف (and their feminines), the preposition بـ after them, and
    /// (also) known as, nicknamed, dubbed.
    let aliasCues: [Int32]
    let bi, also, known, `as`, nicknamed, dubbed: Int32

    init(vocabulary: inout ByteTable) {
        abd = vocabulary.insert(TextNormalizer.normalize("عبد"))
        din = vocabulary.insert(TextNormalizer.normalize("الدين"))
        allah = vocabulary.insert(TextNormalizer.normalize("الله"))
        islam = vocabulary.insert(TextNormalizer.normalize("الإسلام"))
        amat = vocabulary.insert(TextNormalizer.normalize("أمة"))
        walad = vocabulary.insert(TextNormalizer.normalize("ولد"))
        mint = vocabulary.insert(TextNormalizer.normalize("منت"))
        familySuffixes = ArabicNameParser.familySuffixes.sorted().map { vocabulary.insert(TextNormalizer.normalize($0)) }
        foreignParticles = ["فان", "فون", "دي", "دو", "دا", "لا", "لو", "دير", "ديل", "دن"].map { vocabulary.insert(TextNormalizer.normalize($0)) }
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
        arabicComma = vocabulary.insert("،")
        aliasCues = ["الملقب", "الملقبة", "المكنى", "المكناة", "المعروف", "المعروفة"].map { vocabulary.insert(TextNormalizer.normalize($0)) }
        bi = vocabulary.insert(TextNormalizer.normalize("بـ"))
        also = vocabulary.insert("also")
        known = vocabulary.insert("known")
        `as` = vocabulary.insert("as")
        nicknamed = vocabulary.insert("nicknamed")
        dubbed = vocabulary.insert("dubbed")
    }
}
