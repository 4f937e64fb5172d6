import GlossKit

/// A month name found in the text (with its Levantine/Gregorian twin: `أيلول/سبتمبر`).
struct MonthMention {
    let first: Int
    let last: Int
    let start: Int
    let end: Int
    let month: Int
    let calendar: Calendar
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
    }

    mutating func run() {
        var i = 0
        let n = view.count
        while i < n {
            switch view.tokens[i].kind {
            case .number:
                i = scanDigits(at: i)
            case .word:
                i = scanWord(at: i)
            default:
                i += 1
            }
        }
    }

    // MARK: Starting points

    private mutating func scanDigits(at i: Int) -> Int {
        let tokens = view.tokens
        // Digits glued to Latin letters are codes and names: G20, MH17, F-16, COVID-19.
        if i >= 1, view.touchesNext(i - 1) {
            let before = tokens[i - 1]
            if before.kind == .word, before.script == .latin, view.lexicon.codes[before.normalized] == nil || !view.isAllCaps(i - 1) {
                return skipDigitRun(from: i)
            }
            if i >= 2, view.isMark(i - 1, "-"), view.touchesNext(i - 2), tokens[i - 2].kind == .word {
                return skipDigitRun(from: i)
            }
        }
        if let pattern = DigitReader.pattern(view, at: i) {
            emit(pattern)
            switch pattern {
            case .date(_, _, _, let last, _): return last + 1
            case .time(_, let last, _): return last + 1
            }
        }
        if let expr = parseNumber(at: i, afterArticle: false) {
            numbers.append(expr)
            return expr.after
        }
        return skipDigitRun(from: i)
    }

    private func skipDigitRun(from i: Int) -> Int {
        var j = i
        while j + 2 < view.count, view.touchesNext(j), view.touchesNext(j + 1), view.isNumber(j + 2),
              view.tokens[j + 1].kind == .punctuation {
            j += 2
        }
        return j + 1
    }

    private mutating func scanWord(at i: Int) -> Int {
        let tokens = view.tokens
        guard view.hits[i] >= 0 || (view.touchesNext(i) && view.isNumber(i + 1)) else { return i + 1 }
        if let hit = view.hit(at: i, { lexeme in
            switch lexeme {
            case .trap, .month, .percent: return true
            default: return false
            }
        }) {
            if case .month(let month, let calendar) = hit.lexeme {
                return recordMonth(hit, at: i, month: month, calendar: calendar)
            }
            // A trap, or a percent phrase with no number before it (في المئة alone is not 100).
            return hit.last + 1
        }
        // الـ21، والـ50: the article before digits makes an ordinal.
        if view.touchesNext(i), view.isNumber(i + 1), tokens[i].script == .arabic,
           Self.articlePrefixLength(tokens[i].normalized) != nil {
            if let expr = parseNumber(at: i + 1, afterArticle: true) {
                numbers.append(expr)
                return expr.after
            }
            return i + 1
        }
        if let expr = parseNumber(at: i, afterArticle: false) {
            numbers.append(expr)
            return expr.after
        }
        if let dual = dual(at: i) {
            numbers.append(dual)
            return dual.after
        }
        return i + 1
    }

    /// The proclitic length of a token that is only proclitics + the article (ال، وال، بال، لل),
    /// or `nil`.
    static func articlePrefixLength(_ normalized: String) -> Int? {
        switch normalized {
        case "ال": return 0
        case "وال", "فال", "بال", "كال", "لل": return 1
        case "وبال", "فبال", "ولل", "فلل", "وكال": return 2
        default: return nil
        }
    }

    private mutating func recordMonth(_ hit: LexHit, at i: Int, month: Int, calendar: Calendar) -> Int {
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

    private func monthHit(at i: Int) -> LexHit? {
        view.hit(at: i) { if case .month = $0 { return true } else { return false } }
    }

    // MARK: Number phrases

    /// A part of a number phrase at token `k`: the part, how it joins, its last token, where it
    /// starts (after proclitics), its proclitics, and whether "of" follows it.
    private struct Part {
        let component: Component
        let join: Join
        let first: Int
        let last: Int
        let start: Int
        let prefix: String
        let arabic: Bool
        let isWord: Bool
        let followedByOf: Bool
    }

    private func numberHit(at k: Int) -> LexHit? {
        view.hit(at: k) { lexeme in
            switch lexeme {
            case .cardinal, .definiteCardinal, .ordinal, .fraction, .article: return true
            default: return false
            }
        }
    }

    private func component(of lexeme: Lexeme) -> Component? {
        switch lexeme {
        case .cardinal(let role): return .cardinal(role)
        case .definiteCardinal(let n): return .definite(n)
        case .ordinal(let n, let shape): return .ordinal(n, shape)
        case .fraction(let f, let shape): return .fraction(f, shape)
        case .article: return .article
        default: return nil
        }
    }

    private func wordPart(at k: Int, join: Join, requireNoPrefix: Bool) -> Part? {
        guard k < view.count, view.tokens[k].kind == .word, let hit = numberHit(at: k),
              let component = component(of: hit.lexeme) else { return nil }
        if requireNoPrefix, hit.entry.prefixLength > 0 { return nil }
        let followedByOf = view.normalized(hit.last + 1) == "of"
        return Part(component: component, join: join, first: k, last: hit.last, start: hit.start,
                    prefix: hit.entry.prefix, arabic: view.tokens[k].script == .arabic, isWord: true,
                    followedByOf: followedByOf)
    }

    private func digitPart(at k: Int, join: Join) -> Part? {
        guard let atom = DigitReader.read(view, at: k, allowsDecimalComma: { self.marksFollow($0) }) else { return nil }
        return Part(component: .digits(atom), join: join, first: atom.first, last: atom.last, start: atom.start,
                    prefix: "", arabic: false, isWord: false, followedByOf: false)
    }

    /// True when a scale word, a percent mark, a currency or a unit follows token `k`.
    private func marksFollow(_ k: Int) -> Bool {
        let j = k + 1
        if view.isMark(j, "%", "٪") { return true }
        return view.hit(at: j) { lexeme in
            switch lexeme {
            case .cardinal(.scale), .percent, .currency, .unit, .scaleAbbreviation: return true
            default: return false
            }
        } != nil
    }

    /// The first part of a phrase at token `k`.
    private func firstPart(at k: Int) -> Part? {
        if view.isNumber(k) { return digitPart(at: k, join: .none) }
        guard let part = wordPart(at: k, join: .none, requireNoPrefix: false) else { return nil }
        if !part.arabic, view.tokens[k].normalized == "one", isPronounOne(at: k) { return nil }
        if part.arabic, case .ordinal(1, _) = part.component {
            if isPreliminaryAdjective(k) { return nil }
            // باول (Powell) is not ب + أول: with a proclitic, "first" must keep its hamza.
            if !part.prefix.isEmpty, view.tokens[k].normalized == part.prefix + "اول",
               view.text.scalars[part.start] == "\u{0627}" { return nil }
        }
        return part
    }

    /// "no one", "the one who", "one another": English `one` as a pronoun.
    private func isPronounOne(at k: Int) -> Bool {
        let nextIsScale = view.hit(at: k + 1) { lexeme in
            if case .cardinal(let role) = lexeme {
                switch role {
                case .scale, .hundredMultiplier, .dozen: return true
                default: return false
                }
            }
            return false
        } != nil
        if nextIsScale || view.isMark(k + 1, "-") { return false }
        if view.wordIs(k - 1, { $0 == .oneBlockerBefore }) { return true }
        if view.wordIs(k + 1, { $0 == .oneBlockerAfter }) { return true }
        return false
    }

    /// أوّلي "preliminary" folds to the same letters as أولى "first": tell them by the final
    /// letter as written (ى for the ordinal).
    private func isPreliminaryAdjective(_ k: Int) -> Bool {
        let token = view.tokens[k]
        guard token.normalized.hasSuffix("اولي") else { return false }
        var e = token.end - 1
        while e > token.start, TextNormalizer.isIgnorable(view.text.scalars[e]) { e -= 1 }
        return view.text.scalars[e] == "\u{064A}"
    }

    /// The next part after the part ending at token `last`.
    private func nextPart(after last: Int, arabic: Bool?, moneyBefore: Bool, lastWasDigits: Bool, lastWasFraction: Bool) -> Part? {
        let k = last + 1
        guard k < view.count else { return nil }
        let token = view.tokens[k]
        switch token.kind {
        case .number:
            return digitPart(at: k, join: .none)
        case .punctuation:
            // twenty-five, one-third
            guard token.normalized == "-", view.touchesNext(last), view.touchesNext(k), arabic == false,
                  let part = wordPart(at: k + 1, join: .hyphen, requireNoPrefix: true), !part.arabic else { return nil }
            return part
        case .word:
            break
        default:
            return nil
        }
        // 1.5bn, $3m
        if lastWasDigits, token.script == .latin,
           let hit = view.hit(at: k, { if case .scaleAbbreviation = $0 { return true } else { return false } }),
           case .scaleAbbreviation(let scale, let moneyOnly) = hit.lexeme,
           view.touchesNext(last) || !moneyOnly, !moneyOnly || moneyBefore {
            return Part(component: .cardinal(.scale(scale, .singular)), join: .none, first: k, last: k,
                        start: token.start, prefix: "", arabic: false, isWord: true, followedByOf: false)
        }
        // a quarter of a million
        if lastWasFraction, token.normalized == "of", view.normalized(k + 1) == "a",
           let scale = view.hit(at: k + 2, { if case .cardinal(.scale(_, .singular)) = $0 { return true } else { return false } }),
           case .cardinal(let role) = scale.lexeme {
            return Part(component: .cardinal(role), join: .none, first: k, last: k + 2, start: token.start, prefix: "",
                        arabic: false, isWord: true, followedByOf: false)
        }
        // و / and as a word: the part after it
        if view.wordIs(k, { $0 == .joiner }) {
            if view.isNumber(k + 1) {
                guard token.script == .arabic else { return nil }
                return digitPart(at: k + 1, join: .and)
            }
            // and a half
            if token.script == .latin, view.normalized(k + 1) == "a", view.normalized(k + 2) == "half" {
                return Part(component: .fraction(0.5, .standalone), join: .and, first: k + 1, last: k + 2,
                            start: view.tokens[k + 1].start, prefix: "", arabic: false, isWord: true, followedByOf: false)
            }
            guard let part = wordPart(at: k + 1, join: .and, requireNoPrefix: true),
                  arabic == nil || part.arabic == arabic else { return nil }
            return part
        }
        guard let part = wordPart(at: k, join: .none, requireNoPrefix: false) else { return nil }
        if let arabic, part.arabic != arabic { return nil }
        if part.prefix.isEmpty { return part }
        guard part.prefix == "و" else { return nil }
        return Part(component: part.component, join: .and, first: part.first, last: part.last, start: part.start,
                    prefix: part.prefix, arabic: part.arabic, isWord: true, followedByOf: part.followedByOf)
    }

    /// The longest number phrase starting at token `i`, with the marks after it, or `nil`.
    /// `afterArticle`: digits right after the article (الـ21), an ordinal.
    private func parseNumber(at i: Int, afterArticle: Bool) -> NumberExpr? {
        guard let first = firstPart(at: i) else { return nil }
        let moneyBefore = currencyBefore(first.first) != nil
        var builder = NumberBuilder()
        guard builder.accept(first.component, join: .none, arabic: first.arabic, followedByOf: first.followedByOf)
        else { return nil }
        var arabic: Bool? = first.isWord ? first.arabic : nil
        var best: (NumberBuilder, Int)? = builder.isComplete ? (builder, first.last) : nil
        var last = first.last
        var lastWasDigits = !first.isWord
        if !afterArticle {
            while let part = nextPart(after: last, arabic: arabic, moneyBefore: moneyBefore,
                                      lastWasDigits: lastWasDigits, lastWasFraction: builder.isFraction),
                  builder.accept(part.component, join: part.join, arabic: part.isWord ? part.arabic : (arabic ?? true),
                                 followedByOf: part.followedByOf) {
                if part.isWord, arabic == nil { arabic = part.arabic }
                last = part.last
                lastWasDigits = !part.isWord
                if builder.isComplete { best = (builder, last) }
            }
        }
        guard let (done, end) = best else { return nil }
        var expr = NumberExpr(first: first.first, last: end, after: end + 1, start: first.start,
                              end: view.tokens[end].end, value: done.value, text: nil,
                              kind: done.ordinal != nil ? .ordinal : done.isFraction ? .fraction : .cardinal,
                              hasDigits: done.hasDigits, hasWords: done.hasWords, currency: nil, unit: nil, range: nil,
                              confidence: done.hasWords ? 0.95 : 1, plainDigits: nil, prefix: first.prefix)
        if let atom = done.onlyDigits {
            if atom.plain { expr.plainDigits = atom }
            expr.numerals = numerals(of: atom.first)
            // Letters glued after digits: 21st is an ordinal; 5G and 1990s are not numbers.
            if view.touchesNext(end), view.tokens[end + 1].kind == .word, view.tokens[end + 1].script == .latin {
                let k = end + 1
                if view.wordIs(k, { $0 == .ordinalSuffix }) {
                    expr.kind = .ordinal
                    expr.last = k
                    expr.after = k + 1
                    expr.end = view.tokens[k].end
                    expr.plainDigits = nil
                } else if !view.wordIs(k, { lexeme in
                    switch lexeme {
                    case .unit, .currency, .percent, .digitSuffix, .yearSuffix, .scaleAbbreviation: return true
                    default: return false
                    }
                }) && view.lexicon.codes[view.tokens[k].normalized] == nil {
                    return nil
                }
            }
        } else if done.hasDigits {
            expr.numerals = numerals(of: first.first)
        }
        if afterArticle {
            // الـ21: the article makes the digits an ordinal; the span keeps to the digits.
            expr.kind = .ordinal
            expr.plainDigits = nil
        }
        if !first.arabic, first.isWord, view.tokens[first.first].normalized == "one", done.count == 1 {
            expr.confidence = 0.9
        }
        applyMarks(to: &expr)
        return expr
    }

    private func numerals(of k: Int) -> String {
        let v = view.text.scalars[view.tokens[k].start].value
        switch v {
        case 0x0660...0x0669: return "arabic-indic"
        case 0x06F0...0x06F9: return "extended-arabic-indic"
        default: return "western"
        }
    }

    // MARK: Marks around a number

    /// The currency written before token `first` ($5, US$ 5, USD 5), or `nil`.
    func currencyBefore(_ first: Int) -> String? {
        var k = first - 1
        if k >= 0, view.tokens[k].kind == .punctuation, DigitReader.signs.contains(view.tokens[k].normalized),
           view.touchesNext(k) { k -= 1 }
        guard k >= 0 else { return nil }
        let token = view.tokens[k]
        if token.kind == .symbol || token.kind == .punctuation, let code = view.lexicon.symbols[token.normalized] { return code }
        if token.kind == .word, token.script == .latin, view.isAllCaps(k), let code = view.lexicon.codes[token.normalized] {
            return code
        }
        return nil
    }

    /// Percent, currency, unit and year marks after the number (and currency or percent before it).
    private func applyMarks(to expr: inout NumberExpr) {
        let j = expr.after
        var kind: NumberKind?
        if view.isMark(j, "%", "٪") {
            kind = .percent
            expr.after = j + 1
        } else if let hit = view.hit(at: j, { lexeme in
            switch lexeme {
            case .percent, .currency, .unit, .yearSuffix, .unitAfterNumber: return true
            default: return false
            }
        }), hit.entry.prefixLength == 0 {
            switch hit.lexeme {
            case .percent:
                kind = .percent
            case .currency(var code):
                if let q = view.hit(at: hit.last + 1, { if case .currencyQualifier = $0 { return true } else { return false } }),
                   q.entry.prefixLength == 0, case .currencyQualifier(let base, let specific) = q.lexeme, base == code {
                    code = specific
                    expr.after = q.last + 1
                }
                kind = .money
                expr.currency = code
            case .unit(let unit):
                kind = .quantity
                expr.unit = unit
            case .yearSuffix:
                if expr.isYearShaped { expr.yearMarked = true }
            default:
                break
            }
            expr.after = max(expr.after, hit.last + 1)
        } else if j < view.count, let code = view.lexicon.symbols[view.tokens[j].normalized],
                  view.tokens[j].kind != .word {
            kind = .money
            expr.currency = code
            expr.after = j + 1
        } else if j < view.count, view.tokens[j].kind == .word, view.isAllCaps(j),
                  let code = view.lexicon.codes[view.tokens[j].normalized] {
            kind = .money
            expr.currency = code
            expr.after = j + 1
        }
        if kind == nil, let code = currencyBefore(expr.first) {
            kind = .money
            expr.currency = code
        }
        // %25 (the sign first, as some Arabic typists write it)
        if kind == nil, expr.first >= 1, view.isMark(expr.first - 1, "%", "٪"), view.touchesNext(expr.first - 1),
           !(expr.first >= 2 && view.isNumber(expr.first - 2)) {
            kind = .percent
        }
        if let kind, expr.kind != .ordinal { expr.kind = kind }
    }

    // MARK: Duals

    /// شهرين، يومين: a counted noun in the dual is two (lower confidence).
    private func dual(at i: Int) -> NumberExpr? {
        guard let hit = view.hit(at: i, { $0 == .dual }) else { return nil }
        // يومين اثنين: the explicit number is the span.
        if view.hit(at: i + 1, { $0 == .cardinal(.unit(2)) }) != nil { return nil }
        return NumberExpr(first: i, last: i, after: i + 1, start: hit.start, end: view.tokens[i].end, value: 2,
                          text: nil, kind: .dual, hasDigits: false, hasWords: true, currency: nil, unit: nil,
                          range: nil, confidence: 0.6, plainDigits: nil, prefix: hit.entry.prefix)
    }

    // MARK: Numeric dates and times

    private mutating func emit(_ pattern: DigitPattern) {
        let tokens = view.tokens
        switch pattern {
        case .time(let first, let last, let text):
            numbers.append(NumberExpr(first: first, last: last, after: last + 1, start: tokens[first].start,
                                      end: tokens[last].end, value: 0, text: text, kind: .time, hasDigits: true,
                                      hasWords: false, currency: nil, unit: nil, range: nil, confidence: 1,
                                      plainDigits: nil, prefix: "", numerals: numerals(of: first)))
        case .date(let year, let month, let day, let last, let value):
            for (k, v, kind) in [(year.0, year.1, NumberKind.year), (month.0, month.1, .month), (day.0, day.1, .day)]
                .sorted(by: { $0.0 < $1.0 }) {
                numbers.append(NumberExpr(first: k, last: k, after: k + 1, start: tokens[k].start, end: tokens[k].end,
                                          value: Double(v), text: nil, kind: kind, hasDigits: true, hasWords: false,
                                          currency: nil, unit: nil, range: nil, confidence: 1, plainDigits: nil,
                                          prefix: "", numerals: numerals(of: k)))
            }
            let first = min(year.0, day.0, month.0)
            numericDates.append((tokens[first].start, tokens[last].end, value))
        }
    }
}
