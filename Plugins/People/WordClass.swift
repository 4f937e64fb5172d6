/// What the People lexicon knows about one normalized word (several classes may hold at once:
/// السوداني is a nationality adjective and a family name).
struct WordClass: OptionSet, Sendable, Hashable {
    let rawValue: UInt32

    /// A given name (Arabic, or Latin in the English lexicon).
    static let given = WordClass(rawValue: 1 << 0)
    /// A given name that is also a common word (أمل، جمال; Will, May): weak alone.
    static let givenAmbiguous = WordClass(rawValue: 1 << 1)
    /// A transliterated foreign given name in Arabic script (جون، إيمانويل).
    static let foreignGiven = WordClass(rawValue: 1 << 2)
    /// A family name.
    static let family = WordClass(rawValue: 1 << 3)
    /// A family name that is also a common word or adjective (الأسد، المالكي, Young).
    static let familyAmbiguous = WordClass(rawValue: 1 << 4)
    /// The surname of a well-known person (بوتين، نتنياهو; Putin): a person even alone.
    static let knownSurname = WordClass(rawValue: 1 << 5)
    /// Second part of a compound "عبد + divine name" (الله، الرحمن).
    static let abdPart = WordClass(rawValue: 1 << 6)
    /// First part of a compound "X الدين" (نور، صلاح).
    static let dinHead = WordClass(rawValue: 1 << 7)
    /// Kunya head أبو / أم.
    static let kunya = WordClass(rawValue: 1 << 8)
    /// Nasab connector بن / ابن / بنت.
    static let nasab = WordClass(rawValue: 1 << 9)
    /// Function word, time word or frequent common word: never a name part.
    static let stop = WordClass(rawValue: 1 << 10)
    /// Month name.
    static let month = WordClass(rawValue: 1 << 11)
    /// Weekday name.
    static let weekday = WordClass(rawValue: 1 << 12)
    /// Head of an organisation or facility name (جامعة، مطار; Ministry, University).
    static let org = WordClass(rawValue: 1 << 13)
    /// Nationality or other nisba adjective (الأميركي; American).
    static let nationality = WordClass(rawValue: 1 << 14)
    /// Reporting verb that is good evidence (قال، أكدت; said).
    static let verb = WordClass(rawValue: 1 << 15)
    /// Reporting verb form that is also a common word (بين، ذكر): a boundary, not evidence.
    static let verbAmbiguous = WordClass(rawValue: 1 << 16)
    /// English: a capitalised word that starts sentences (The, However) or a function word.
    static let sentenceStart = WordClass(rawValue: 1 << 17)
    /// English: a place name or place word.
    static let place = WordClass(rawValue: 1 << 18)
    /// English: a capitalised common word of news text (Government, Minister).
    static let common = WordClass(rawValue: 1 << 19)
    /// A lower-case name particle (de, van, bin, al).
    static let particle = WordClass(rawValue: 1 << 20)
    /// An ambiguous given name that is also a noun often heading a construct with a name after
    /// it (أمل hope, نور light, جمال beauty: أمل محمد is Muhammad's hope).
    static let constructNoun = WordClass(rawValue: 1 << 21)
    /// An Arabic function word: a particle, pronoun, preposition or auxiliary (also ``stop``).
    static let functionWord = WordClass(rawValue: 1 << 22)

    /// Classes that end a name and block it.
    static let blocking: WordClass = [.stop, .month, .weekday, .org, .verb, .verbAmbiguous, .sentenceStart, .common]
}

/// How far a title reaches to find its name.
enum TitleReach: UInt8, Sendable {
    /// The name follows at once (after adjectives or other titles) and may be unknown.
    case direct
    /// The name follows at once and must start with a known name.
    case known
    /// A descriptor may come between: the name must start with a known given name.
    case scan
}

/// What a multi-word phrase of the lexicon is.
enum PhraseKind: UInt8, Sendable {
    case given
    case family
    case knownSurname
    case place
    case agency
    case attribution
    case nationality
}

extension WordClass {
    /// True when the two sets share a class.
    @inline(__always)
    func intersects(_ other: WordClass) -> Bool { rawValue & other.rawValue != 0 }
}
