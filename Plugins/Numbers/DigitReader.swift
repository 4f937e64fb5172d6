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

/// A numeric date (`2024-03-03`, `3/3/2024`) or clock time (`10:30`) read from digit tokens.
enum DigitPattern {
    case date(year: (Int, Int), month: (Int, Int), day: (Int, Int), last: Int, value: SpanDate)
    case time(first: Int, last: Int, text: String)
}

/// Reads digit tokens: separators of both traditions, signs, numeric dates and times.
enum DigitReader {
    static let groupSeparators: Set<String> = [",", "٬"]
    static let decimalSeparators: Set<String> = [".", "٫"]
    static let signs: Set<String> = ["-", "+", "−"]

    /// The digits starting at number token `k` (with a sign just before it), or `nil`.
    /// `allowsDecimalComma` is asked whether `2,5` may be a decimal (it is when a scale, a
    /// percent sign, a currency or a unit follows token `k + 2`).
    static func read(_ view: TokenView, at k: Int, allowsDecimalComma: (Int) -> Bool) -> DigitAtom? {
        let tokens = view.tokens
        guard view.isNumber(k) else { return nil }
        let script = tokens[k].script
        var groups = [k]
        var separators: [String] = []
        var j = k
        while j + 2 < tokens.count, view.touchesNext(j), view.touchesNext(j + 1),
              tokens[j + 1].kind == .punctuation, tokens[j + 2].kind == .number, tokens[j + 2].script == script {
            let sep = tokens[j + 1].normalized
            guard groupSeparators.contains(sep) || decimalSeparators.contains(sep) else { break }
            separators.append(sep)
            groups.append(j + 2)
            j += 2
        }
        // Take the longest prefix of groups that reads unambiguously.
        var n = groups.count
        var reading: (mantissaDigits: [String], fraction: String)?
        while n >= 1 {
            reading = interpret(view, groups: Array(groups[0..<n]), separators: Array(separators[0..<(n - 1)]),
                                allowsDecimalComma: allowsDecimalComma)
            if reading != nil { break }
            n -= 1
        }
        guard let reading else { return nil }
        var mantissa: Int64 = 0
        var exact = true
        var approximate = 0.0
        for part in reading.mantissaDigits + [reading.fraction] {
            for scalar in part.unicodeScalars {
                let d = Int64(scalar.value - 48)
                approximate = approximate * 10 + Double(d)
                let (m, o1) = mantissa.multipliedReportingOverflow(by: 10)
                let (m2, o2) = m.addingReportingOverflow(d)
                if o1 || o2 { exact = false } else { mantissa = m2 }
            }
        }
        let fractionDigits = reading.fraction.unicodeScalars.count
        if fractionDigits > 0 { approximate /= DigitAtom.powerOfTen(fractionDigits) }
        var atom = DigitAtom(first: k, last: groups[n - 1], start: tokens[k].start, end: tokens[groups[n - 1]].end,
                             mantissa: mantissa, fractionDigits: fractionDigits, exact: exact && fractionDigits <= 18,
                             approximate: approximate, plain: n == 1,
                             leadingDigits: tokens[k].normalized.unicodeScalars.count)
        // A sign right before the digits, itself after a space or an opening mark.
        if k >= 1, tokens[k - 1].kind != .word, signs.contains(tokens[k - 1].normalized), view.touchesNext(k - 1),
           k == 1 || !view.touchesNext(k - 2) || view.isMark(k - 2, "(", "[", "=") {
            atom.first = k - 1
            atom.start = tokens[k - 1].start
            atom.plain = false
            if tokens[k - 1].normalized != "+" {
                atom.mantissa = -atom.mantissa
                atom.approximate = -atom.approximate
            }
        }
        return atom
    }

    private static func interpret(_ view: TokenView, groups: [Int], separators: [String],
                                  allowsDecimalComma: (Int) -> Bool)
        -> (mantissaDigits: [String], fraction: String)? {
        let digits = groups.map { view.tokens[$0].normalized }
        let lengths = digits.map { $0.unicodeScalars.count }
        if groups.count == 1 { return (digits, "") }
        let last = separators.count - 1
        let inner = separators[0..<last]
        let innerGroupsOK = lengths[0] <= 3 && lengths[1..<last + 1].allSatisfy { $0 == 3 }
        let lastIsThousands = groupSeparators.contains(separators[last])
        // 2,500 · ٢٬٥٠٠ · 1,000,000
        if separators.allSatisfy({ groupSeparators.contains($0) }), lengths[0] <= 3, lengths.dropFirst().allSatisfy({ $0 == 3 }) {
            return (digits, "")
        }
        // 3.5 · ٣٫٥ · 1,234.56 · ٢٬٥٠٠٫٧٥
        if decimalSeparators.contains(separators[last]), inner.allSatisfy({ groupSeparators.contains($0) }),
           inner.isEmpty || innerGroupsOK {
            return (Array(digits[0..<last + 1]), digits[last + 1])
        }
        // 2.500,75 (European, only with at least one dot group)
        if separators[last] == ",", !inner.isEmpty, inner.allSatisfy({ $0 == "." }), innerGroupsOK {
            return (Array(digits[0..<last + 1]), digits[last + 1])
        }
        // 1.234.567
        if separators.count >= 2, separators.allSatisfy({ $0 == "." }), lengths[0] <= 3,
           lengths.dropFirst().allSatisfy({ $0 == 3 }) {
            return (digits, "")
        }
        // 2,5 مليار: a decimal comma, only before a scale, percent, currency or unit.
        if groups.count == 2, lastIsThousands, lengths[1] != 3, allowsDecimalComma(groups[1]) {
            return ([digits[0]], digits[1])
        }
        return nil
    }

    /// A numeric date or a clock time starting at number token `k`, or `nil`.
    static func pattern(_ view: TokenView, at k: Int) -> DigitPattern? {
        let tokens = view.tokens
        guard view.isNumber(k), k + 2 < tokens.count, view.touchesNext(k), view.touchesNext(k + 1),
              view.isNumber(k + 2) else { return nil }
        let sep = tokens[k + 1].normalized
        let a = tokens[k].normalized, b = tokens[k + 2].normalized
        if sep == ":", a.unicodeScalars.count <= 2, b.unicodeScalars.count == 2,
           let h = Int(a), let m = Int(b), h < 24, m < 60 {
            var last = k + 2
            if k + 4 < tokens.count, view.touchesNext(k + 2), view.isMark(k + 3, ":"), view.touchesNext(k + 3),
               view.isNumber(k + 4), tokens[k + 4].normalized.unicodeScalars.count == 2 {
                last = k + 4
            }
            return .time(first: k, last: last, text: view.text[tokens[k].start..<tokens[last].end])
        }
        guard ["/", "-", "."].contains(sep), k + 4 < tokens.count, view.touchesNext(k + 2), view.touchesNext(k + 3),
              tokens[k + 3].normalized == sep, view.isNumber(k + 4) else { return nil }
        // Not a date when more digits follow with the same separator (a phone number, a code).
        if k + 5 < tokens.count, view.touchesNext(k + 4), tokens[k + 5].normalized == sep,
           view.isNumber(k + 6) { return nil }
        let c = tokens[k + 4].normalized
        guard let x = Int(a), let y = Int(b), let z = Int(c) else { return nil }
        let (la, lc) = (a.unicodeScalars.count, c.unicodeScalars.count)
        if la == 4, sep != ".", b.unicodeScalars.count <= 2, lc <= 2, let date = SpanDate(year: x, month: y, day: z) {
            return .date(year: (k, x), month: (k + 2, y), day: (k + 4, z), last: k + 4, value: date)
        }
        if lc == 4, la <= 2, b.unicodeScalars.count <= 2 {
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
