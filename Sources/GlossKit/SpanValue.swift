/// The normalized value of a span: what the surface text means, in a form programs can compare.
///
/// `"ثلاثة آلاف"` has the value `.integer(3000)`, `"12.5%"` has `.decimal(12.5)`, a person
/// mention has the full name as `.string`, and `"3 مارس 2024"` has `.date(SpanDate(2024, 3, 3))`.
public enum SpanValue: Sendable, Hashable {
    /// A whole number.
    case integer(Int64)
    /// A number with a fractional part (always finite).
    case decimal(Double)
    /// A canonical name or any other text value.
    case string(String)
    /// A calendar date, possibly only a year or a year and month.
    case date(SpanDate)

    /// The numeric value of an integer or decimal, `nil` for strings and dates.
    public var number: Double? {
        switch self {
        case .integer(let n): Double(n)
        case .decimal(let d): d
        case .string, .date: nil
        }
    }

    /// The value as text: digits for numbers, ISO 8601 for dates.
    public var text: String {
        switch self {
        case .integer(let n): String(n)
        case .decimal(let d): SpanValue.format(d)
        case .string(let s): s
        case .date(let date): date.iso
        }
    }

    /// Formats a double the shortest way that reads back to the same value, without exponent
    /// for ordinary magnitudes (`2.5`, `1500000000`, `0.25`).
    static func format(_ d: Double) -> String {
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return "\(d)"
    }
}

/// A Gregorian calendar date whose month and day may be unknown (`2024`, `2024-03`, `2024-03-03`).
public struct SpanDate: Sendable, Hashable, Comparable {
    /// The year (1 to 9999).
    public let year: Int
    /// The month (1 to 12), if known.
    public let month: Int?
    /// The day of the month (1 to 31), if known; only set when the month is known.
    public let day: Int?

    /// Creates a date, or returns `nil` when the parts are out of range (month 13, day 32,
    /// a day without a month, February 30).
    public init?(year: Int, month: Int? = nil, day: Int? = nil) {
        guard (1...9999).contains(year) else { return nil }
        if let month, !(1...12).contains(month) { return nil }
        if let day {
            guard let month, (1...SpanDate.daysIn(month: month, year: year)).contains(day) else { return nil }
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    public init?(iso: String) {
        let parts = iso.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].count == 4,
              parts.dropFirst().allSatisfy({ $0.count == 2 }),
              let year = Int(parts[0]) else { return nil }
        let numbers = parts.dropFirst().compactMap { Int($0) }
        guard numbers.count == parts.count - 1 else { return nil }
        self.init(year: year, month: numbers.first, day: numbers.count > 1 ? numbers[1] : nil)
    }

    /// ISO 8601 text: `2024`, `2024-03` or `2024-03-03`.
    public var iso: String {
        var s = String(year)
        while s.count < 4 { s = "0" + s }
        if let month { s += month < 10 ? "-0\(month)" : "-\(month)" }
        if let day { s += day < 10 ? "-0\(day)" : "-\(day)" }
        return s
    }

    public static func < (a: SpanDate, b: SpanDate) -> Bool {
        (a.year, a.month ?? 0, a.day ?? 0) < (b.year, b.month ?? 0, b.day ?? 0)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
