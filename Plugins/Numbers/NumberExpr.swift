/// What a number means in its sentence (the `kind` attribute).
enum NumberKind: String, Sendable, CaseIterable {
    case cardinal, ordinal, fraction, percent, money, quantity, year, day, month, dual, time
    /// A decade written as its first year and `s` (the 1990s): the value is that year.
    case decade
}

/// Which digits a number is written with (the `numerals` attribute).
enum Numerals: String, Sendable, CaseIterable {
    case western
    /// ٠–٩
    case arabicIndic = "arabic-indic"
    /// ۰–۹
    case extendedArabicIndic = "extended-arabic-indic"
}

/// Which end of a range a number is (the `range` attribute).
enum RangeEnd: String, Sendable {
    case start, end
}

/// A number found in the text, before it becomes a `SpanDraft`.
struct NumberExpr {
    /// Tokens of the number itself (inclusive).
    var first: Int
    var last: Int
    /// The first token after the number and the marks it took (%, currency, unit).
    var after: Int
    /// Code-point span (clitics excluded).
    var start: Int
    var end: Int
    var value: Double
    /// A clock time: its value is its text (`start..<end`).
    var isClockTime: Bool
    var kind: NumberKind
    var hasDigits: Bool
    var hasWords: Bool
    var currency: AttributeName?
    var unit: AttributeName?
    /// Set when the number is an end of a range.
    var range: RangeEnd?
    var confidence: Double
    /// The digits when the number is one plain run of digits (no sign, no separator).
    var plainDigits: DigitAtom?
    /// The proclitics cut off the first token (و), none for none.
    var prefix: Proclitic
    /// A year mark (م، هـ، AD) followed the number.
    var yearMarked = false
    /// Which digits were used, for the `numerals` attribute.
    var numerals: Numerals?

    /// True for a run of digits that can be a year: four digits, 1000–2999.
    var isYearShaped: Bool {
        guard let d = plainDigits, d.leadingDigits == 4, d.isInteger else { return false }
        return value >= 1000 && value <= 2999
    }

    /// True for a whole number 1–31 written as one short run of digits or as an ordinal.
    var isDayShaped: Bool {
        guard value >= 1, value <= 31, value == Double(Int(value)) else { return false }
        if kind == .ordinal { return true }
        guard kind == .cardinal, let d = plainDigits else { return false }
        return d.leadingDigits <= 2
    }
}
