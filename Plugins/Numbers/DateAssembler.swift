import GlossKit

/// Builds dates around month names (`3 مارس 2024`, `12 أيلول/سبتمبر 2014`, `March 3, 2024`,
/// `الخامس من يونيو 2024`) and marks the numbers inside them as `day` and `year`; then decides
/// which remaining four-digit numbers are years.
enum DateAssembler {
    /// A whole date: its span and ISO value.
    struct DateSpan {
        let start: Int
        let end: Int
        let value: SpanDate
    }

    static func assemble(_ numbers: inout [NumberExpr], months: [MonthMention], view: TokenView) -> [DateSpan] {
        guard !months.isEmpty else { return [] }
        let index = NumberIndex(numbers, tokenCount: view.count)
        let byFirst = index.byFirst, byAfter = index.byAfter
        var dates: [DateSpan] = []
        for m in months {
            var day: Int?
            var year: Int?
            // the day before the month: 3 مارس، الخامس من يونيو، the 3rd of March
            if let d = byAfter[m.first], numbers[d].isDayShaped {
                day = d
            } else if m.first >= 1, view.ids[m.first - 1] == view.lexicon.known.min || view.ids[m.first - 1] == view.lexicon.known.of,
                      let d = byAfter[m.first - 1], numbers[d].isDayShaped {
                day = d
            }
            // the year after the month (or, in English, the day and then the year)
            let k = m.last + 1
            if let y = byFirst[k], numbers[y].isYearShaped {
                year = y
            } else if day == nil, let d = byFirst[k], numbers[d].isDayShaped, numbers[d].plainDigits != nil || numbers[d].hasDigits {
                day = d
                var j = numbers[d].after
                if view.isMark(j, ",") { j += 1 }
                if let y = byFirst[j], numbers[y].isYearShaped { year = y }
            } else if view.isMark(k, ","), let y = byFirst[k + 1], numbers[y].isYearShaped {
                year = y
            }
            if let day { numbers[day].kind = .day }
            if let year { numbers[year].kind = .year }
            guard let year, m.calendar == .gregorian,
                  let value = SpanDate(year: Int(numbers[year].value), month: m.month,
                                       day: day.map { Int(numbers[$0].value) }) else { continue }
            let start = min(m.start, day.map { numbers[$0].start } ?? m.start)
            let end = max(numbers[year].end, day.map { numbers[$0].end } ?? 0)
            dates.append(DateSpan(start: start, end: end, value: value))
        }
        return dates
    }

    /// The numbers by the token they start at (`first`) and by the first token after them
    /// (`after`): tables by token index, the later number winning when two share a token.
    struct NumberIndex {
        let byFirst: TokenTable
        let byAfter: TokenTable

        init(_ numbers: [NumberExpr], tokenCount: Int) {
            var first = [Int32](repeating: -1, count: tokenCount + 1)
            var after = first
            for i in numbers.indices {
                let n = numbers[i]
                if n.first >= 0, n.first < first.count { first[n.first] = Int32(i) }
                if n.after >= 0, n.after < after.count { after[n.after] = Int32(i) }
            }
            byFirst = TokenTable(table: first)
            byAfter = TokenTable(table: after)
        }
    }

    /// A number index per token (`-1`: none).
    struct TokenTable {
        let table: [Int32]

        /// The index of the number at token `k`, or `nil`.
        subscript(k: Int) -> Int? {
            guard k >= 0, k < table.count else { return nil }
            let i = table[k]
            return i >= 0 ? Int(i) : nil
        }
    }

    /// Marks four-digit numbers as years: after a cue (عام، منذ، in), before a year mark
    /// (2024م), after a year joined by و/and, or alone in 1900–2100 when no noun follows.
    static func resolveYears(_ numbers: inout [NumberExpr], view: TokenView) {
        for i in numbers.indices where numbers[i].kind == .cardinal {
            let n = numbers[i]
            guard n.isYearShaped else {
                // عام ألفين وأربعة عشر: a year in words after a strong cue
                if n.hasWords, !n.hasDigits, n.value >= 1000, n.value <= 2100, n.value == Double(Int(n.value)),
                   n.first >= 1, view.isStrongYearCue(n.first - 1) {
                    numbers[i].kind = .year
                }
                continue
            }
            let cue = n.first >= 1 && view.hit(at: n.first - 1, { $0 == .yearCue }) != nil
            var isYear = n.yearMarked || (cue && n.value <= 2100)
            if !isYear, i >= 1, numbers[i - 1].kind == .year {
                let gap = n.first - numbers[i - 1].after
                if gap == 0 && n.prefix == .wa || gap == 1 && view.wordIs(n.first - 1, { $0 == .joiner }) { isYear = true }
            }
            if !isYear, n.value >= 1900, n.value <= 2100 {
                isYear = n.after >= view.count || view.tokens[n.after].kind != .word
            }
            if isYear { numbers[i].kind = .year }
        }
    }
}

/// Links the two numbers of a range (`10-15`, `من 10 إلى 15`, `بين 10 و15`, `between 10 and 15`,
/// `10 to 15`): each keeps its own span and gets `range` = `start`/`end`; a percent sign,
/// currency or unit after the second number also applies to the first.
enum RangeLinker {
    static func link(_ numbers: inout [NumberExpr], view: TokenView) {
        var i = 0
        while i + 1 < numbers.count {
            let a = numbers[i], b = numbers[i + 1]
            guard a.range == nil, isRangeable(a), isRangeable(b) else { i += 1; continue }
            let gap = b.first - a.after
            var linked = false
            if gap == 1 {
                let t = a.after
                if t < view.count, view.tokens[t].kind == .punctuation, view.isMark(t, "-", "–", "—"),
                   !a.hasWords, !b.hasWords {
                    linked = true
                } else if view.wordIs(t, { $0 == .joiner }) {
                    linked = opener(before: a, view: view, between: true)
                } else if view.wordIs(t, { $0 == .rangeLink }) {
                    // "10 to 15" needs no opener, but "2 points to 12 percent" is a change, not a range.
                    linked = opener(before: a, view: view, between: false)
                        || (a.hasDigits && b.hasDigits && a.after == a.last + 1)
                }
            } else if gap == 0, b.prefix == .wa {
                linked = opener(before: a, view: view, between: true)
            }
            guard linked else { i += 1; continue }
            numbers[i].range = .start
            numbers[i + 1].range = .end
            let marked: Set<NumberKind> = [.percent, .money, .quantity]
            if marked.contains(b.kind), a.kind == .cardinal || a.kind == .year {
                numbers[i].kind = b.kind
                numbers[i].currency = b.currency
                numbers[i].unit = b.unit
            } else if marked.contains(a.kind), b.kind == .cardinal {
                numbers[i + 1].kind = a.kind
                numbers[i + 1].currency = a.currency
                numbers[i + 1].unit = a.unit
            }
            if a.isYearShaped, b.isYearShaped, a.kind == .year || b.kind == .year {
                numbers[i].kind = .year
                numbers[i + 1].kind = .year
            }
            i += 2
        }
    }

    /// After years are resolved: both ends of a range of years are years (2014-2015).
    static func alignYears(_ numbers: inout [NumberExpr]) {
        var i = 0
        while i + 1 < numbers.count {
            if numbers[i].range == .start, numbers[i + 1].range == .end, numbers[i].isYearShaped,
               numbers[i + 1].isYearShaped, numbers[i].kind == .year || numbers[i + 1].kind == .year {
                numbers[i].kind = .year
                numbers[i + 1].kind = .year
            }
            i += 1
        }
    }

    private static func isRangeable(_ n: NumberExpr) -> Bool {
        switch n.kind {
        case .time, .dual, .month, .day: return false
        default: return true
        }
    }

    /// True when a range opener (من، بين، from, between) stands before `a`, possibly with a
    /// year word between (بين عامي 2014 و2016). `between`: only بين/between count.
    private static func opener(before a: NumberExpr, view: TokenView, between: Bool) -> Bool {
        for k in [a.first - 1, a.first - 2] where k >= 0 {
            if let hit = view.hit(at: k, { $0 == .rangeOpener }) {
                let stem = view.tokens[k].normalized.dropFirst(hit.entry.prefixLength)
                return !between || stem == "بين" || stem == "between"
            }
            if k == a.first - 1, view.hit(at: k, { $0 == .yearCue }) != nil { continue }
            return false
        }
        return false
    }
}
