import GlossKit

/// A number written in digits, recombined from adjacent tokens (`2` `,` `500` → 2500; `٣` `٫` `٥`
/// → 3.5; `-` `5` → −5).
struct DigitAtom {
    /// First token (the sign, if any) and last token (inclusive).
    var first: Int
    var last: Int
    var start: Int
    var end: Int
    /// The exact decimal value: `mantissa` / 10^`fractionDigits` (when `exact`).
    var mantissa: Int64
    var fractionDigits: Int
    /// False when the digits do not fit an Int64 (the value is then only `approximate`).
    var exact: Bool
    var approximate: Double
    /// One run of digits: no sign, no separator.
    var plain: Bool
    /// Digits in the first group (4 for a year).
    var leadingDigits: Int

    var value: Double {
        exact ? Double(mantissa) / DigitAtom.powerOfTen(fractionDigits) : approximate
    }

    var isInteger: Bool { fractionDigits == 0 }

    /// `value × scale`, exact when the scale's zeros absorb the decimals (2.5 × 10⁹).
    func scaled(by scale: Int64) -> Double {
        guard exact, fractionDigits > 0 else { return value * Double(scale) }
        var s = scale
        var k = fractionDigits
        while k > 0, s % 10 == 0 {
            s /= 10
            k -= 1
        }
        let (product, overflow) = mantissa.multipliedReportingOverflow(by: s)
        if overflow { return value * Double(scale) }
        return Double(product) / DigitAtom.powerOfTen(k)
    }

    static func powerOfTen(_ k: Int) -> Double {
        var p = 1.0
        for _ in 0..<k { p *= 10 }
        return p
    }
}

/// Reads the digits of number tokens (their normalized forms are ASCII digits) into an exact
/// `Int64` while it fits and a `Double` always.
struct DigitAccumulator {
    private(set) var mantissa: Int64 = 0
    /// False once the digits overflowed `mantissa`.
    private(set) var exact = true
    private(set) var approximate = 0.0

    @inline(__always)
    mutating func add(_ token: Token) {
        let utf8 = token.normalized.utf8
        let done: Void? = utf8.withContiguousStorageIfAvailable { bytes in
            for byte in bytes { add(digit: byte) }
        }
        if done == nil {
            for byte in utf8 { add(digit: byte) }
        }
    }

    @inline(__always)
    private mutating func add(digit byte: UInt8) {
        let d = Int64(byte &- 48)
        approximate = approximate * 10 + Double(d)
        let (m, o1) = mantissa.multipliedReportingOverflow(by: 10)
        let (m2, o2) = m.addingReportingOverflow(d)
        if o1 || o2 { exact = false } else { mantissa = m2 }
    }
}

/// A numeric date (`2024-03-03`, `3/3/2024`) or clock time (`10:30`) read from digit tokens.
enum DigitPattern {
    case date(year: (Int, Int), month: (Int, Int), day: (Int, Int), last: Int, value: SpanDate)
    case time(first: Int, last: Int)
}

/// Reads digit tokens: separators of both traditions, signs, numeric dates and times.
///
/// The groups of a number are the number tokens `k`, `k + 2`, `k + 4` … with one separator token
/// between each two, so the reader works on token indices and allocates nothing.
enum DigitReader {
    @inline(__always)
    static func isGroupSeparator(_ mark: Unicode.Scalar) -> Bool { mark == "," || mark == "٬" }

    @inline(__always)
    static func isDecimalSeparator(_ mark: Unicode.Scalar) -> Bool { mark == "." || mark == "٫" }

    /// How the first groups of a run of digit groups read.
    private enum Reading {
        /// Every group belongs to the integer part.
        case integer
        /// The last group is the decimals.
        case decimal
    }

    /// The digits starting at number token `k` (with a sign just before it), or `nil`.
    /// `2,5` is a decimal only when a scale, a percent sign, a currency or a unit follows token
    /// `k + 2` (`TokenView.marksFollow`).
    static func read(_ view: TokenView, at k: Int) -> DigitAtom? {
        let tokens = view.tokens
        guard view.isNumber(k) else { return nil }
        let script = tokens[k].script
        // Groups are tokens k + 2g (g < groupCount); separator g is token k + 2g + 1.
        var groupCount = 1
        var j = k
        while j + 2 < tokens.count, view.touchesNext(j), view.touchesNext(j + 1),
              tokens[j + 1].kind == .punctuation, tokens[j + 2].kind == .number, tokens[j + 2].script == script {
            let sep = view.scalars[tokens[j + 1].start]
            guard isGroupSeparator(sep) || isDecimalSeparator(sep) else { break }
            groupCount += 1
            j += 2
        }
        // Take the longest prefix of groups that reads unambiguously (one group always does).
        var n = groupCount
        var reading = Reading.integer
        while n > 1 {
            if let r = interpret(view, first: k, groups: n) {
                reading = r
                break
            }
            n -= 1
        }
        let lastGroup = k + 2 * (n - 1)
        var digits = DigitAccumulator()
        for g in 0..<n { digits.add(tokens[k + 2 * g]) }
        let (mantissa, exact) = (digits.mantissa, digits.exact)
        var approximate = digits.approximate
        let fractionDigits = reading == .decimal ? digitCount(tokens[lastGroup]) : 0
        if fractionDigits > 0 { approximate /= DigitAtom.powerOfTen(fractionDigits) }
        var atom = DigitAtom(first: k, last: lastGroup, start: tokens[k].start, end: tokens[lastGroup].end,
                             mantissa: mantissa, fractionDigits: fractionDigits, exact: exact && fractionDigits <= 18,
                             approximate: approximate, plain: n == 1, leadingDigits: digitCount(tokens[k]))
        // A sign right before the digits, itself after a space or an opening mark.
        if k >= 1, let sign = view.mark(k - 1), sign == "-" || sign == "+" || sign == "−", view.touchesNext(k - 1),
           k == 1 || !view.touchesNext(k - 2) || view.isMark(k - 2, "(", "[", "=") {
            atom.first = k - 1
            atom.start = tokens[k - 1].start
            atom.plain = false
            if sign != "+" {
                atom.mantissa = -atom.mantissa
                atom.approximate = -atom.approximate
            }
        }
        return atom
    }

    /// The number of digits of a number token (one code point and one normalized byte each).
    @inline(__always)
    static func digitCount(_ token: Token) -> Int {
        token.end - token.start
    }

    /// How the first `groups` groups (at least two) starting at token `first` read, or `nil`
    /// when they are ambiguous.
    private static func interpret(_ view: TokenView, first: Int, groups n: Int) -> Reading? {
        let tokens = view.tokens
        @inline(__always) func length(_ g: Int) -> Int { digitCount(tokens[first + 2 * g]) }
        @inline(__always) func separator(_ g: Int) -> Unicode.Scalar { view.scalars[tokens[first + 2 * g + 1].start] }
        let last = n - 2  // the last separator
        var innerAllGroup = true, innerAllDot = true
        for g in 0..<last {
            let sep = separator(g)
            if !isGroupSeparator(sep) { innerAllGroup = false }
            if sep != "." { innerAllDot = false }
        }
        var laterGroupsAreThousands = true  // groups 1 ... last + 1
        for g in 1..<n where length(g) != 3 { laterGroupsAreThousands = false; break }
        var innerGroupsAreThousands = true  // groups 1 ... last
        for g in 1..<(last + 1) where length(g) != 3 { innerGroupsAreThousands = false; break }
        let innerGroupsOK = length(0) <= 3 && innerGroupsAreThousands
        let lastSeparator = separator(last)
        let lastIsThousands = isGroupSeparator(lastSeparator)
        // 2,500 · ٢٬٥٠٠ · 1,000,000
        if innerAllGroup, lastIsThousands, length(0) <= 3, laterGroupsAreThousands { return .integer }
        // 3.5 · ٣٫٥ · 1,234.56 · ٢٬٥٠٠٫٧٥
        if isDecimalSeparator(lastSeparator), innerAllGroup, last == 0 || innerGroupsOK { return .decimal }
        // 2.500,75 (European, only with at least one dot group)
        if lastSeparator == ",", last > 0, innerAllDot, innerGroupsOK { return .decimal }
        // 1.234.567
        if n >= 3, innerAllDot, lastSeparator == ".", length(0) <= 3, laterGroupsAreThousands { return .integer }
        // 2,5 مليار: a decimal comma, only before a scale, percent, currency or unit.
        if n == 2, lastIsThousands, length(1) != 3, view.marksFollow(first + 2) { return .decimal }
        return nil
    }

    /// The value of a number token's digits, or `nil` when it does not fit an `Int`.
    static func intValue(_ token: Token) -> Int? {
        var digits = DigitAccumulator()
        digits.add(token)
        return digits.exact ? Int(digits.mantissa) : nil
    }

    /// A numeric date or a clock time starting at number token `k`, or `nil`.
    static func pattern(_ view: TokenView, at k: Int) -> DigitPattern? {
        let tokens = view.tokens
        guard view.isNumber(k), k + 2 < tokens.count, view.touchesNext(k), view.touchesNext(k + 1),
              view.isNumber(k + 2), let sep = view.mark(k + 1) else { return nil }
        let la = digitCount(tokens[k]), lb = digitCount(tokens[k + 2])
        if sep == ":", la <= 2, lb == 2, let h = intValue(tokens[k]), let m = intValue(tokens[k + 2]), h < 24, m < 60 {
            var last = k + 2
            if k + 4 < tokens.count, view.touchesNext(k + 2), view.isMark(k + 3, ":"), view.touchesNext(k + 3),
               view.isNumber(k + 4), digitCount(tokens[k + 4]) == 2 {
                last = k + 4
            }
            return .time(first: k, last: last)
        }
        guard sep == "/" || sep == "-" || sep == ".", k + 4 < tokens.count, view.touchesNext(k + 2),
              view.touchesNext(k + 3), view.mark(k + 3) == sep, view.isNumber(k + 4) else { return nil }
        // Not a date when more digits follow with the same separator (a phone number, a code).
        if k + 5 < tokens.count, view.touchesNext(k + 4), view.mark(k + 5) == sep,
           view.isNumber(k + 6) { return nil }
        guard let x = intValue(tokens[k]), let y = intValue(tokens[k + 2]), let z = intValue(tokens[k + 4]) else { return nil }
        let lc = digitCount(tokens[k + 4])
        if la == 4, sep != ".", lb <= 2, lc <= 2, let date = SpanDate(year: x, month: y, day: z) {
            return .date(year: (k, x), month: (k + 2, y), day: (k + 4, z), last: k + 4, value: date)
        }
        if lc == 4, la <= 2, lb <= 2 {
            if let date = SpanDate(year: z, month: y, day: x) {
                return .date(year: (k + 4, z), month: (k + 2, y), day: (k, x), last: k + 4, value: date)
            }
            if let date = SpanDate(year: z, month: x, day: y) {  // 3/25/2024
                return .date(year: (k + 4, z), month: (k, x), day: (k + 2, y), last: k + 4, value: date)
            }
        }
        return nil
    }
}
