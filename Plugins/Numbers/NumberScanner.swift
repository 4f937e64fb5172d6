import GlossKit

/// A month name found in the text (with its Levantine/Gregorian twin: `أيلول/سبتمبر`).
struct MonthMention {
    let first: Int
    let last: Int
    let start: Int
    let end: Int
    let month: Int
    let calendar: MonthCalendar
}

/// One left-to-right pass over the tokens: numbers (digits, words, mixed), the marks around them
/// (%, currency, unit), months, duals and traps. Dates and ranges are assembled afterwards
/// (`DateAssembler`, `RangeLinker`) from what this pass found.
struct NumberScanner {
    let view: TokenView
    private(set) var numbers: [NumberExpr] = []
    private(set) var months: [MonthMention] = []
    private(set) var numericDates: [(start: Int, end: Int, value: SpanDate)] = []

    init(view: TokenView) {
        self.view = view
        // About one number per dozen tokens in news text: room for most documents at once.
        numbers.reserveCapacity(view.count / 8 + 4)
    }

    /// Adds a number found (for the scan's parts in other files).
    @inline(__always)
    mutating func record(_ expr: NumberExpr) {
        numbers.append(expr)
    }

    /// The numbers found, moved out of the scanner (which is left without them): the caller's
    /// changes then need no copy of the array.
    mutating func takeNumbers() -> [NumberExpr] {
        var taken: [NumberExpr] = []
        swap(&taken, &numbers)
        return taken
    }

    mutating func run() {
        var i = 0
        let n = view.count
        while i < n {
            switch view.tokens[i].kind {
            case .number:
                i = scanDigits(at: i)
            case .word:
                // Most words have no reading and no digits after them: skip them without a call.
                if view.hasReadings(i) || (view.touchesNext(i) && view.isNumber(i + 1)) {
                    i = scanWord(at: i)
                } else if let dual = writtenDual(at: i) {
                    numbers.append(dual)
                    i += 1
                } else {
                    i += 1
                }
            default:
                i += 1
            }
        }
    }

    // MARK: Starting points

    /// Words before a weekday (يوم الأحد، صباح الأحد), normalized: after them الأحد is Sunday,
    /// whatever number follows.
    private static let beforeWeekday: Set<String> = Set(["يوم", "اليوم", "صباح", "مساء", "ليلة", "فجر", "ظهر", "حتى", "منذ"].map(TextNormalizer.normalize))

    /// Words before an airline's code and a flight number (normalized).
    private static let flightWords: Set<String> = Set(["flight", "flights", "رحلة", "الرحلة", "رحلتها", "للرحلة", "بالرحلة", "والرحلة"]
        .map(TextNormalizer.normalize))

    /// Prefixes joined to a year by a hyphen (mid-1990s, pre-2003, post-2011).
    private static let yearPrefixes: Set<String> = ["mid", "pre", "post"]

    mutating func scanDigits(at i: Int) -> Int {
        let tokens = view.tokens
        // Digits glued to Latin letters are codes and names: G20, MH17, F-16, COVID-19.
        if i >= 1, view.touchesNext(i - 1) {
            let before = tokens[i - 1]
            if before.kind == .word, before.script == .latin, view.lexicon.code(ofWord: view.ids[i - 1]) == nil || !view.isAllCaps(i - 1) {
                return skipDigitRun(from: i)
            }
            // (mid-1990s, pre-2003, post-2011: a prefix before a year, which counts.)
            if i >= 2, view.isMark(i - 1, "-"), view.touchesNext(i - 2), tokens[i - 2].kind == .word,
               !Self.yearPrefixes.contains(tokens[i - 2].normalized) {
                return skipDigitRun(from: i)
            }
        }
        // A flight number (flight RF 417, الرحلة RF 417): the airline's code, then digits — a code.
        if i >= 2, tokens[i - 1].kind == .word, tokens[i - 1].script == .latin, tokens[i - 1].end - tokens[i - 1].start == 2,
           view.isAllCaps(i - 1), tokens[i - 2].kind == .word,
           Self.flightWords.contains(tokens[i - 2].normalized) {
            return skipDigitRun(from: i)
        }
        if let pattern = DigitReader.pattern(view, at: i) {
            emit(pattern)
            switch pattern {
            case .date(_, _, _, let last, _): return last + 1
            case .time(_, let last): return last + 1
            }
        }
        if let after = appendNumber(at: i, afterArticle: false) { return after }
        return skipDigitRun(from: i)
    }

    func skipDigitRun(from i: Int) -> Int {
        var j = i
        while j + 2 < view.count, view.touchesNext(j), view.touchesNext(j + 1), view.isNumber(j + 2),
              view.tokens[j + 1].kind == .punctuation {
            j += 2
        }
        return j + 1
    }

    mutating func scanWord(at i: Int) -> Int {
        guard view.hasReadings(i) || (view.touchesNext(i) && view.isNumber(i + 1)) else { return i + 1 }
        // Most words with readings are cue words and joiners: the kinds skip them at once.
        let kinds = view.kinds(i)
        if !kinds.isDisjoint(with: [.trap, .month, .percent]), let hit = view.hit(at: i, { lexeme in
            switch lexeme {
            case .trap, .month, .percent: return true
            default: return false
            }
        }) {
            if case .month(let month, let calendar) = hit.lexeme {
                return recordMonth(hit, at: i, month: month, calendar: calendar)
            }
            // A trap, or a percent phrase with no number before it (في المئة alone is not 100) —
            // unless a teen reads on from the trap's word: المرشحين الأحد عشر (the eleven
            // candidates), but يوم الأحد عشرة جنود (on Sunday, ten soldiers).
            if case .trap = hit.lexeme, hit.last == i,
               let teen = view.hit(at: i, { lexeme in
                   if case .cardinal(.teen) = lexeme { return true }
                   return false
               }), teen.last > i, !(i > 0 && Self.beforeWeekday.contains(view.tokens[i - 1].normalized)) {
                return appendNumber(at: i, afterArticle: false) ?? hit.last + 1
            }
            return hit.last + 1
        }
        // الـ21، والـ50: the article before digits makes an ordinal.
        if view.touchesNext(i), view.isNumber(i + 1), view.tokens[i].script == .arabic,
           view.lexicon.articlePrefixLength(ofWord: view.ids[i]) != nil {
            if let after = appendNumber(at: i + 1, afterArticle: true) { return after }
            return i + 1
        }
        if !kinds.isDisjoint(with: .numberStarts), let after = appendNumber(at: i, afterArticle: false) { return after }
        if kinds.contains(.dual), let dual = dual(at: i) {
            numbers.append(dual)
            return dual.after
        }
        if kinds.contains(.decade), let decade = decade(at: i) {
            numbers.append(decade)
            return decade.after
        }
        return i + 1
    }

    mutating func recordMonth(_ hit: LexHit, at i: Int, month: Int, calendar: MonthCalendar) -> Int {
        var last = hit.last
        let end: Int
        // أيلول/سبتمبر، أيلول (سبتمبر)
        if view.isMark(last + 1, "/", "-"), let twin = monthHit(at: last + 2) {
            last = twin.last
        } else if view.isMark(last + 1, "("), let twin = monthHit(at: last + 2), view.isMark(twin.last + 1, ")") {
            last = twin.last + 1
        }
        // Nov. 5: the full stop of an abbreviated month belongs to the month.
        if view.tokens[last].script == .latin, view.touchesNext(last), view.isMark(last + 1, "."),
           view.tokens[last].normalized.unicodeScalars.count <= 4 {
            last += 1
        }
        end = view.tokens[last].end
        months.append(MonthMention(first: i, last: last, start: hit.start, end: end, month: month, calendar: calendar))
        return last + 1
    }

    func monthHit(at i: Int) -> LexHit? {
        view.hit(at: i) { if case .month = $0 { return true } else { return false } }
    }

    // MARK: Duals

    /// شهرين، يومين: a counted noun in the dual is two (lower confidence).
    func dual(at i: Int) -> NumberExpr? {
        guard let hit = view.hit(at: i, { $0 == .dual }) else { return nil }
        // يومين اثنين: the explicit number is the span.
        if view.hit(at: i + 1, { $0 == .cardinal(.unit(2)) }) != nil { return nil }
        return NumberExpr(first: i, last: i, after: i + 1, start: hit.start, end: view.tokens[i].end, value: 2,
                          isClockTime: false, kind: .dual, hasDigits: false, hasWords: true, currency: nil, unit: nil,
                          range: nil, confidence: 0.6, plainDigits: nil, prefix: hit.entry.prefix)
    }

    /// A decade in words (الستينيات، ثمانينيات): its first year, kind `decade`.
    func decade(at i: Int) -> NumberExpr? {
        guard let hit = view.hit(at: i, { if case .decade = $0 { return true } else { return false } }),
              case .decade(let year) = hit.entry.lexeme else { return nil }
        return NumberExpr(first: i, last: i, after: i + 1, start: hit.start, end: view.tokens[i].end, value: Double(year),
                          isClockTime: false, kind: .decade, hasDigits: false, hasWords: true, currency: nil, unit: nil,
                          range: nil, confidence: 0.9, plainDigits: nil, prefix: hit.entry.prefix)
    }

    /// مسؤولَين: a word ending in ين whose ي carries the dual's fatha before it (ـَين, ـَيْن) is
    /// a dual, whatever the noun — written so, it cannot be the plural (ـِين). Not a nisba
    /// adjective (ـيَّين: أميركيَّين) nor a word agreeing with a dual just before it.
    func writtenDual(at i: Int) -> NumberExpr? {
        guard endsInWrittenDual(i), !endsInWrittenDual(i - 1) else { return nil }
        return NumberExpr(first: i, last: i, after: i + 1, start: view.tokens[i].start, end: view.tokens[i].end, value: 2,
                          isClockTime: false, kind: .dual, hasDigits: false, hasWords: true, currency: nil, unit: nil,
                          range: nil, confidence: 0.6, plainDigits: nil, prefix: .none)
    }

    /// Whether word `i` ends in ـَين or ـَيْن after a letter that is not a doubled ي.
    private func endsInWrittenDual(_ i: Int) -> Bool {
        guard i >= 0, i < view.count, view.tokens[i].kind == .word, view.tokens[i].script == .arabic else { return false }
        let scalars = view.scalars
        var k = view.tokens[i].end - 1
        let start = view.tokens[i].start
        // (The last letter is looked at first: most words do not end in ن.)
        guard scalars[k] == "\u{0646}" else { return false }
        k -= 1
        if k > start, scalars[k] == "\u{0652}" { k -= 1 }  // sukun on the ي
        guard k - 3 >= start, scalars[k] == "\u{064A}", scalars[k - 1] == "\u{064E}" else { return false }
        // ـيَّين: the fatha on a doubled ي (shadda) is a nisba adjective's.
        return !(scalars[k - 2] == "\u{0651}" && scalars[k - 3] == "\u{064A}")
    }

    // MARK: Numeric dates and times

    mutating func emit(_ pattern: DigitPattern) {
        let tokens = view.tokens
        switch pattern {
        case .time(let first, let last):
            numbers.append(NumberExpr(first: first, last: last, after: last + 1, start: tokens[first].start,
                                      end: tokens[last].end, value: 0, isClockTime: true, kind: .time, hasDigits: true,
                                      hasWords: false, currency: nil, unit: nil, range: nil, confidence: 1,
                                      plainDigits: nil, prefix: .none, numerals: numerals(of: first)))
        case .date(let year, let month, let day, let last, let value):
            for (k, v, kind) in [(year.0, year.1, NumberKind.year), (month.0, month.1, .month), (day.0, day.1, .day)]
                .sorted(by: { $0.0 < $1.0 }) {
                numbers.append(NumberExpr(first: k, last: k, after: k + 1, start: tokens[k].start, end: tokens[k].end,
                                          value: Double(v), isClockTime: false, kind: kind, hasDigits: true, hasWords: false,
                                          currency: nil, unit: nil, range: nil, confidence: 1, plainDigits: nil,
                                          prefix: .none, numerals: numerals(of: k)))
            }
            let first = min(year.0, day.0, month.0)
            numericDates.append((tokens[first].start, tokens[last].end, value))
        }
    }
}
