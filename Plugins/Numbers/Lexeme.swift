/// The role of a cardinal word inside a number phrase.
enum CardinalRole: Sendable, Hashable {
    /// 0–9 (واحد، ثلاثة، five).
    case unit(Int)
    /// 10 (عشر، عشرة، ten).
    case ten
    /// 11–19 as one word or phrase (eleven, أحد عشر, خمسة عشر).
    case teen(Int)
    /// 20, 30 … 90.
    case tens(Int)
    /// A complete Arabic hundred: مئة (100), مئتان (200), ثلاثمئة (300).
    case hundreds(Int)
    /// English "hundred", which multiplies the count before it.
    case hundredMultiplier
    /// English "dozen" (12, or a multiplier: "two dozen").
    case dozen
    /// Thousand, million, billion, trillion in singular, dual or plural form.
    case scale(Int64, ScaleForm)
}

/// Grammatical number of a scale word: ألف (one thousand), ألفان (two thousand), آلاف (thousands,
/// needs a count: ثلاثة آلاف).
enum ScaleForm: Sendable, Hashable {
    case singular, dual, plural
}

/// The calendar a month name belongs to.
enum MonthCalendar: Sendable, Hashable {
    case gregorian, hijri
}

/// How a fraction word combines.
enum FractionShape: Sendable, Hashable {
    /// Stands alone or multiplies a scale: نصف، ربع، half.
    case standalone
    /// Needs "a"/"one" before it: "a quarter".
    case needsCount
    /// Needs a count before it: ثلاثة أرباع، two thirds.
    case plural
}

/// How an ordinal word combines.
enum OrdinalShape: Sendable, Hashable {
    /// 1–9 (and 10): may open a compound ordinal (الخامس والعشرون).
    case unit
    /// الحادي: only inside a compound ordinal.
    case compoundFirst
    /// Complete on its own (الحادي عشر، العشرين، twelfth).
    case complete
}

/// A currency code or name, or a unit name, of the tables: an index into `Lexicon.names`.
/// (A plain value, so that the readings and the numbers found are copied without reference
/// counting.)
struct AttributeName: Hashable, Sendable {
    let index: UInt16
}

/// The proclitic letters cut off a token: an index into `Lexicon.procliticPrefixes`, or none.
struct Proclitic: Hashable, Sendable {
    let index: Int8

    static let none = Proclitic(index: -1)
    /// و ("and").
    static let wa = Proclitic(index: Int8(Lexicon.procliticPrefixes.firstIndex(of: "و") ?? -1))

    var isEmpty: Bool { index < 0 }

    /// The letters (normalized), empty for none.
    var letters: String { index < 0 ? "" : Lexicon.procliticPrefixes[Int(index)] }
}

/// What a word or phrase of the lexicon means to the Numbers extractor.
enum Lexeme: Sendable, Hashable {
    case cardinal(CardinalRole)
    /// An Arabic cardinal with the article (الدول الثلاث): a number on its own, never a compound.
    case definiteCardinal(Int)
    case ordinal(Int, OrdinalShape)
    case fraction(Double, FractionShape)
    case month(Int, MonthCalendar)
    case currency(AttributeName)
    /// A country adjective after an Arabic currency word: the currency it qualifies, the code.
    case currencyQualifier(base: AttributeName, code: AttributeName)
    case unit(AttributeName)
    case percent
    /// Not a number, although it looks like one (weekdays, أول أمس).
    case trap
    case yearCue
    case yearSuffix
    case rangeOpener
    case rangeLink
    case joiner
    /// A counted noun in the dual (شهرين): two.
    case dual
    /// A decade in words (الستينيات, the sixties): its first year, 1960.
    case decade(Int)
    case scaleAbbreviation(Int64, moneyOnly: Bool)
    case ordinalSuffix
    case article
    case oneBlockerBefore
    case oneBlockerAfter
    /// An ordinal that is a unit right after a number (ثانية "second").
    case unitAfterNumber
    /// Latin letters allowed right after digits (am, pm).
    case digitSuffix
    /// A word after "a" + ordinal that makes it a fraction (a fifth in …).
    case fractionFollower
    /// A word after `5m` that makes the `m` metres.
    case metreContext

    /// True for lexemes that can be written with attached proclitics (وثلاثة، بالثالث، لعام).
    var takesClitics: Bool {
        switch self {
        case .cardinal, .definiteCardinal, .ordinal, .fraction, .month, .trap, .dual, .decade, .yearCue,
             .rangeOpener:
            return true
        default:
            return false
        }
    }
}

/// A set of lexeme cases (payloads ignored), to ask cheaply whether a word has a reading of
/// some sort before looking at its readings one by one.
struct LexemeKinds: OptionSet, Sendable {
    let rawValue: UInt32

    init(rawValue: UInt32) { self.rawValue = rawValue }

    /// The one-case set of `lexeme`.
    init(_ lexeme: Lexeme) {
        let bit: UInt32
        switch lexeme {
        case .cardinal: bit = 0
        case .definiteCardinal: bit = 1
        case .ordinal: bit = 2
        case .fraction: bit = 3
        case .month: bit = 4
        case .currency: bit = 5
        case .currencyQualifier: bit = 6
        case .unit: bit = 7
        case .percent: bit = 8
        case .trap: bit = 9
        case .yearCue: bit = 10
        case .yearSuffix: bit = 11
        case .rangeOpener: bit = 12
        case .rangeLink: bit = 13
        case .joiner: bit = 14
        case .dual: bit = 15
        case .scaleAbbreviation: bit = 16
        case .ordinalSuffix: bit = 17
        case .article: bit = 18
        case .oneBlockerBefore: bit = 19
        case .oneBlockerAfter: bit = 20
        case .unitAfterNumber: bit = 21
        case .digitSuffix: bit = 22
        case .fractionFollower: bit = 23
        case .metreContext: bit = 24
        case .decade: bit = 25
        }
        rawValue = 1 << bit
    }

    static let cardinal = LexemeKinds(rawValue: 1 << 0)
    static let definiteCardinal = LexemeKinds(rawValue: 1 << 1)
    static let ordinal = LexemeKinds(rawValue: 1 << 2)
    static let fraction = LexemeKinds(rawValue: 1 << 3)
    static let month = LexemeKinds(rawValue: 1 << 4)
    static let percent = LexemeKinds(rawValue: 1 << 8)
    static let trap = LexemeKinds(rawValue: 1 << 9)
    static let dual = LexemeKinds(rawValue: 1 << 15)
    static let decade = LexemeKinds(rawValue: 1 << 25)
    static let article = LexemeKinds(rawValue: 1 << 18)

    /// The readings that can start a number phrase (`NumberScanner.numberHit`).
    static let numberStarts: LexemeKinds = [.cardinal, .definiteCardinal, .ordinal, .fraction, .article]
}
