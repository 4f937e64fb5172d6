import GlossKit

/// Number phrases: the parts of a phrase at each token and the longest phrase the grammar
/// (`NumberBuilder`) takes from a starting token.
extension NumberScanner {
    /// A part of a number phrase at token `k`: the part, how it joins, its last token, where it
    /// starts (after proclitics), its proclitics, and whether "of" follows it.
    struct Part {
        let component: Component
        let join: Join
        let first: Int
        let last: Int
        let start: Int
        let prefix: Proclitic
        let arabic: Bool
        let isWord: Bool
        let followedByOf: Bool
    }

    func numberHit(at k: Int) -> LexHit? {
        view.hit(at: k) { lexeme in
            switch lexeme {
            case .cardinal, .definiteCardinal, .ordinal, .fraction, .article: return true
            default: return false
            }
        }
    }

    func component(of lexeme: Lexeme) -> Component? {
        switch lexeme {
        case .cardinal(let role): return .cardinal(role)
        case .definiteCardinal(let n): return .definite(n)
        case .ordinal(let n, let shape): return .ordinal(n, shape)
        case .fraction(let f, let shape): return .fraction(f, shape)
        case .article: return .article
        default: return nil
        }
    }

    func wordPart(at k: Int, join: Join, requireNoPrefix: Bool) -> Part? {
        guard k < view.count, view.tokens[k].kind == .word, let hit = numberHit(at: k),
              let component = component(of: hit.lexeme) else { return nil }
        if requireNoPrefix, hit.entry.prefixLength > 0 { return nil }
        // "a fifth of", "a fifth in March", "a fifth." (a fraction); "a fifth term" (an ordinal)
        let next = hit.last + 1
        let followedByOf = next >= view.count || view.tokens[next].kind != .word
            || view.wordIs(next, { $0 == .fractionFollower })
        return Part(component: component, join: join, first: k, last: hit.last, start: hit.start,
                    prefix: hit.entry.prefix, arabic: view.tokens[k].script == .arabic, isWord: true,
                    followedByOf: followedByOf)
    }

    func digitPart(at k: Int, join: Join) -> Part? {
        guard let atom = DigitReader.read(view, at: k) else { return nil }
        return Part(component: .digits(atom), join: join, first: atom.first, last: atom.last, start: atom.start,
                    prefix: .none, arabic: false, isWord: false, followedByOf: false)
    }

    /// The first part of a phrase at token `k`.
    func firstPart(at k: Int) -> Part? {
        if view.isNumber(k) { return digitPart(at: k, join: .none) }
        guard let part = wordPart(at: k, join: .none, requireNoPrefix: false) else { return nil }
        if !part.arabic, view.ids[k] == view.lexicon.known.one, isPronounOne(at: k) { return nil }
        if !part.arabic, view.ids[k] == view.lexicon.known.first, isAdverbFirst(at: k) { return nil }
        if !part.arabic, case .ordinal(2, _) = part.component, isTimeSecond(at: k) { return nil }
        if !part.arabic, case .ordinal = part.component, isListMarker(at: k) { return nil }
        if part.arabic, case .ordinal = part.component, isAccusativeAdverb(at: k) { return nil }
        if case .fraction = part.component, isHalfOfPeriod(at: k) { return nil }
        // ميناء الخمس، ومدينة الخمس: after a singular noun of place, a definite cardinal is its name.
        if part.arabic, case .definite = part.component, part.prefix.isEmpty, k > 0, view.tokens[k - 1].kind == .word,
           isPlaceNoun(view.tokens[k - 1].normalized) { return nil }
        if part.arabic, case .ordinal(1, _) = part.component {
            if isPreliminaryAdjective(k) { return nil }
            // باول (Powell) is not ب + أول: with a proclitic, "first" must keep its hamza.
            if !part.prefix.isEmpty, view.tokens[k].normalized == part.prefix.letters + "اول",
               view.text.scalars[part.start] == "\u{0627}" { return nil }
        }
        return part
    }

    /// English "second" as the unit of time in a rate ("500 cubic metres a second for 30 days",
    /// "per second"), not the ordinal ("a second missile"): after a, per or every, before a
    /// mark, a preposition or a conjunction.
    func isTimeSecond(at k: Int) -> Bool {
        guard view.tokens[k].normalized == "second", k >= 1, ["a", "per", "every", "each"].contains(view.tokens[k - 1].normalized)
        else { return false }
        guard k + 1 < view.count, view.tokens[k + 1].kind == .word else { return true }
        return ["for", "in", "to", "until", "and", "or", "on", "at", "over", "during", "from", "with", "into", "through"]
            .contains(view.tokens[k + 1].normalized)
    }

    /// "Second: a patrol …", "Third, …": an English ordinal opening a sentence with a colon or
    /// comma after it numbers the points of a statement, like أولاً، ثانياً — an adverb.
    func isListMarker(at k: Int) -> Bool {
        guard k + 1 < view.count, view.isMark(k + 1, ":", ","),
              view.scalars[view.tokens[k].start].properties.isUppercase else { return false }
        return k == 0 || view.tokens[k - 1].kind == .punctuation && view.isMark(k - 1, ".", ":", "\n")
            || view.text.sentenceIndex(containing: view.tokens[k - 1].start) != view.text.sentenceIndex(containing: view.tokens[k].start)
    }

    /// "no one", "the one who", "one another": English `one` as a pronoun.
    func isPronounOne(at k: Int) -> Bool {
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
        if view.wordIs(k - 1, { $0 == .oneBlockerBefore }) {
            // "said that one dollar in three…": a conjunction after a verb of saying, not "that one".
            // "and that one of the guards…": "one of" after "that" counts too.
            guard k >= 2, view.tokens[k - 1].normalized == "that" else { return true }
            let afterVerb = view.tokens[k - 2].kind == .word && Lexicon.verbsBeforeThat.contains(view.tokens[k - 2].normalized)
            let oneOf = k + 1 < view.count && view.ids[k + 1] == view.lexicon.known.of
            // "… and that one in three villages": a proportion.
            let oneInN = k + 2 < view.count && view.tokens[k + 1].normalized == "in"
                && (view.isNumber(k + 2) || view.hit(at: k + 2, { if case .cardinal = $0 { return true } else { return false } }) != nil)
            return !(afterVerb || oneOf || oneInN)
        }
        if view.wordIs(k + 1, { $0 == .oneBlockerAfter }) { return true }
        return false
    }

    /// An ordinal in the indefinite accusative (رابعاً) that is a sequence adverb ("fourthly"),
    /// not the adjective of an accusative noun right before it (متهماً رابعاً، عاماً ثالثاً).
    func isAccusativeAdverb(at k: Int) -> Bool {
        let form = view.tokens[k].normalized
        guard form.hasSuffix("ا"), view.tokens[k].script == .arabic else { return false }
        guard k > 0, view.tokens[k - 1].kind == .word, view.tokens[k - 1].script == .arabic,
              view.text.sentenceIndex(containing: view.tokens[k - 1].start) == view.text.sentenceIndex(containing: view.tokens[k].start)
        else { return true }
        return !view.tokens[k - 1].normalized.hasSuffix("ا")
    }

    /// النصف before الأول or الثاني, الربع before an ordinal, "half" after "first" or "second":
    /// the half or quarter of a period (النصف الأول من العام, الربع الثالث, the first half of
    /// the year), no fraction; the ordinal is read on its own, as "first" in "the first quarter".
    func isHalfOfPeriod(at k: Int) -> Bool {
        let form = view.tokens[k].normalized
        if form == "half" {
            return k > 0 && view.tokens[k - 1].kind == .word && ["first", "second"].contains(view.tokens[k - 1].normalized)
        }
        guard form == "النصف" || form == "الربع", k + 1 < view.count, view.tokens[k + 1].kind == .word else { return false }
        let quarter = form == "الربع"
        return ["الاول", "الثاني"].contains(view.tokens[k + 1].normalized)
            || quarter && ["الثالث", "الرابع", "الاخير"].contains(view.tokens[k + 1].normalized)
    }

    /// A singular noun of place (`Lexicon.placeNouns`), also behind one proclitic (ومدينة، بميناء).
    func isPlaceNoun(_ form: String) -> Bool {
        let nouns = view.lexicon.placeNouns
        if nouns.contains(form) { return true }
        guard let first = form.unicodeScalars.first, "وفبل".unicodeScalars.contains(first) else { return false }
        return nouns.contains(String(form.unicodeScalars.dropFirst()))
    }

    /// English "first" as an adverb, not a number: "when Congress first tied the aid", "he first
    /// came to power", "First, the army must withdraw", "at first", "first of all". After a
    /// determiner or a possessive it is an ordinal ("the first convoy", "Iraq's first"), and so
    /// before a capitalised word or a hyphen ("First Lieutenant", "first-ever") or any other word.
    func isAdverbFirst(at k: Int) -> Bool {
        let lexicon = view.lexicon
        @inline(__always) func beforeFirst(_ i: Int) -> BeforeFirst {
            guard i >= 0, view.tokens[i].kind == .word || view.tokens[i].kind == .punctuation else { return .none }
            let id = view.ids[i]
            return id >= 0 ? lexicon.beforeFirst[Int(id)] : .none
        }
        if beforeFirst(k - 1) == .ordinal { return false }
        let next = k + 1
        if next < view.count, view.touchesNext(k), view.isMark(next, "-") { return false }
        if next < view.count, view.tokens[next].kind == .word,
           view.tokens[next].script == .latin, view.scalars[view.tokens[next].start].properties.isUppercase { return false }
        if beforeFirst(k - 1) == .adverb { return true }
        guard next < view.count else { return true }
        let token = view.tokens[next]
        if token.kind == .punctuation { return !view.isMark(next, "(") }
        guard token.kind == .word, token.script == .latin else { return false }
        let id = view.ids[next]
        if id == lexicon.known.of { return next + 1 < view.count && view.ids[next + 1] == lexicon.known.all }
        if id >= 0, lexicon.pastVerbs[Int(id)] { return true }
        // A regular past tense (tied, visited), not a short noun (need, seed).
        let form = token.normalized
        return form.hasSuffix("ed") && (form.utf8.count > 4 || form.utf8.count == 4 && !form.hasSuffix("eed"))
    }

    /// أوّلي "preliminary" folds to the same letters as أولى "first": tell them by the final
    /// letter as written (ى for the ordinal).
    func isPreliminaryAdjective(_ k: Int) -> Bool {
        let token = view.tokens[k]
        guard token.normalized.hasSuffix("اولي") else { return false }
        var e = token.end - 1
        while e > token.start, TextNormalizer.isIgnorable(view.text.scalars[e]) { e -= 1 }
        return view.text.scalars[e] == "\u{064A}"
    }

    /// The next part after the part ending at token `last`.
    /// `phraseFirst`: the first token of the phrase (a currency before it lets `m` be million).
    func nextPart(after last: Int, arabic: Bool?, phraseFirst: Int, lastWasDigits: Bool, lastWasFraction: Bool) -> Part? {
        let k = last + 1
        guard k < view.count else { return nil }
        let kind = view.tokens[k].kind
        switch kind {
        case .number:
            return digitPart(at: k, join: .none)
        case .punctuation:
            // twenty-five, one-third
            guard view.isMark(k, "-"), view.touchesNext(last), view.touchesNext(k), arabic == false,
                  let part = wordPart(at: k + 1, join: .hyphen, requireNoPrefix: true), !part.arabic else { return nil }
            return part
        case .word:
            // Every word part below has a reading (scale abbreviation, "of", joiner, number word).
            guard view.hasReadings(k) else { return nil }
        default:
            return nil
        }
        let script = view.tokens[k].script, start = view.tokens[k].start
        // 1.5bn, $3m
        if lastWasDigits, script == .latin,
           let hit = view.hit(at: k, { if case .scaleAbbreviation = $0 { return true } else { return false } }),
           case .scaleAbbreviation(let scale, let moneyOnly) = hit.lexeme,
           view.touchesNext(last) || !moneyOnly,
           !moneyOnly || currencyBefore(phraseFirst) != nil || (scale == 1_000_000 && !view.wordIs(k + 1, { $0 == .metreContext })) {
            return Part(component: .cardinal(.scale(scale, .singular)), join: .none, first: k, last: k,
                        start: start, prefix: .none, arabic: false, isWord: true, followedByOf: false)
        }
        // a quarter of a million
        if lastWasFraction, view.ids[k] == view.lexicon.known.of, view.wordId(k + 1) == view.lexicon.known.a,
           let scale = view.hit(at: k + 2, { if case .cardinal(.scale(_, .singular)) = $0 { return true } else { return false } }),
           case .cardinal(let role) = scale.lexeme {
            return Part(component: .cardinal(role), join: .none, first: k, last: k + 2, start: start, prefix: .none,
                        arabic: false, isWord: true, followedByOf: false)
        }
        // و / and as a word: the part after it
        if view.wordIs(k, { $0 == .joiner }) {
            if view.isNumber(k + 1) {
                guard script == .arabic, let part = digitPart(at: k + 1, join: .and) else { return nil }
                // بين ٢٠ مليون و٢٥ مليون: digits with a scale word of their own start the next
                // number (the other end of a range), not the rest of this one (مليون و500 ألف).
                if let after = view.hit(at: part.last + 1, { if case .cardinal(.scale) = $0 { return true } else { return false } }),
                   case .cardinal(.scale(let next, _)) = after.lexeme, case .scale(let previous, _) = previousScale(before: k),
                   next >= previous {
                    return nil
                }
                return part
            }
            // and a half
            if script == .latin, view.wordId(k + 1) == view.lexicon.known.a, view.wordId(k + 2) == view.lexicon.known.half {
                return Part(component: .fraction(0.5, .standalone), join: .and, first: k + 1, last: k + 2,
                            start: view.tokens[k + 1].start, prefix: .none, arabic: false, isWord: true, followedByOf: false)
            }
            guard let part = wordPart(at: k + 1, join: .and, requireNoPrefix: true),
                  arabic == nil || part.arabic == arabic, !startsNewScaledNumber(after: k, from: k + 1) else { return nil }
            return part
        }
        guard let part = wordPart(at: k, join: .none, requireNoPrefix: false) else { return nil }
        if let arabic, part.arabic != arabic { return nil }
        if part.prefix.isEmpty { return part }
        guard part.prefix == .wa, !startsNewScaledNumber(after: k, from: k) else { return nil }
        return Part(component: part.component, join: .and, first: part.first, last: part.last, start: part.start,
                    prefix: part.prefix, arabic: part.arabic, isWord: true, followedByOf: part.followedByOf)
    }

    /// After الساعة and an ordinal hour (tokens `hour`…`last`): والنصف، والربع، والثلث or إلا ربعاً
    /// — the fraction of an hour it adds (or takes) and the token it ends at.
    private func clockFraction(hour: Int, last: Int) -> (hours: Double, last: Int)? {
        guard hour >= 1, view.tokens[hour - 1].normalized == Self.hourWord, last + 1 < view.count,
              view.tokens[last + 1].kind == .word else { return nil }
        switch view.tokens[last + 1].normalized {
        case Self.andHalf: return (0.5, last + 1)
        case Self.andQuarter: return (0.25, last + 1)
        case Self.andThird: return (1.0 / 3.0, last + 1)
        case Self.except:
            guard last + 2 < view.count, view.tokens[last + 2].normalized == Self.quarterAccusative else { return nil }
            return (-0.25, last + 2)
        default: return nil
        }
    }

    private static let hourWord = TextNormalizer.normalize("الساعة")
    private static let andHalf = TextNormalizer.normalize("والنصف")
    private static let andQuarter = TextNormalizer.normalize("والربع")
    private static let andThird = TextNormalizer.normalize("والثلث")
    private static let except = TextNormalizer.normalize("إلا")
    private static let quarterAccusative = TextNormalizer.normalize("ربعاً")

    /// True when the number words from token `from` on (after و) reach a scale word at least as
    /// large as the one right before token `joiner`: ما بين مئة ألف ومئة وخمسين ألف — two numbers,
    /// the ends of a range, not 100,150 and a thousand; but مليون و500 ألف is one.
    private func startsNewScaledNumber(after joiner: Int, from: Int) -> Bool {
        guard case .scale(let previous, _) = previousScale(before: joiner) else { return false }
        var k = from
        while k < view.count, k < from + 6 {
            if view.isNumber(k) { k += 1; continue }
            guard view.tokens[k].kind == .word,
                  let hit = view.hit(at: k, { if case .cardinal = $0 { return true } else { return false } }),
                  case .cardinal(let role) = hit.lexeme else { return false }
            if case .scale(let next, _) = role { return next >= previous }
            k = hit.last + 1
        }
        return false
    }

    /// The reading of the word right before token `k` when it is a scale word (مليون، ألف).
    private func previousScale(before k: Int) -> CardinalRole? {
        guard k >= 1, let hit = view.hit(at: k - 1, { if case .cardinal(.scale) = $0 { return true } else { return false } }),
              case .cardinal(let role) = hit.lexeme else { return nil }
        return role
    }

    /// The longest number phrase starting at token `i`, with the marks after it, or `nil`.
    /// `afterArticle`: digits right after the article (الـ21), an ordinal.
    ///
    /// The number is appended to ``numbers`` here and its `after` returned (returned as an
    /// optional and appended by the caller, the 155-byte number was copied three times more).
    mutating func appendNumber(at i: Int, afterArticle: Bool) -> Int? {
        guard let first = firstPart(at: i) else { return nil }
        var builder = NumberBuilder()
        guard builder.accept(first.component, join: .none, arabic: first.arabic, followedByOf: first.followedByOf)
        else { return nil }
        var arabic: Bool? = first.isWord ? first.arabic : nil
        // The longest complete reading so far (`end` -1 for none), kept without an optional
        // tuple (each wrap and unwrap of one copied the whole builder once more).
        var done = builder
        var end = builder.isComplete ? first.last : -1
        var last = first.last
        var lastWasDigits = !first.isWord
        if !afterArticle {
            while let part = nextPart(after: last, arabic: arabic, phraseFirst: first.first,
                                      lastWasDigits: lastWasDigits, lastWasFraction: builder.isFraction),
                  builder.accept(part.component, join: part.join, arabic: part.isWord ? part.arabic : (arabic ?? true),
                                 followedByOf: part.followedByOf) {
                if part.isWord, arabic == nil { arabic = part.arabic }
                last = part.last
                lastWasDigits = !part.isWord
                if builder.isComplete {
                    done = builder
                    end = last
                }
            }
        }
        guard end >= 0 else { return nil }
        var expr = NumberExpr(first: first.first, last: end, after: end + 1, start: first.start,
                              end: view.tokens[end].end, value: done.value, isClockTime: false,
                              kind: done.ordinal != nil ? .ordinal : done.isFraction ? .fraction : .cardinal,
                              hasDigits: done.hasDigits, hasWords: done.hasWords, currency: nil, unit: nil, range: nil,
                              confidence: done.hasWords && !done.hasDigits ? 0.95 : 1, plainDigits: nil, prefix: first.prefix)
        if expr.kind == .ordinal, let minutes = clockFraction(hour: first.first, last: end) {
            // الساعة الرابعة والنصف: one time, in hours (4.5).
            expr.kind = .time
            expr.value += minutes.hours
            expr.last = minutes.last
            expr.after = minutes.last + 1
            expr.end = view.tokens[minutes.last].end
        }
        if let atom = done.onlyDigits {
            if atom.plain { expr.plainDigits = atom }
            expr.numerals = numerals(of: atom.first)
            // Letters glued after digits: 21st is an ordinal, the 1990s a decade; 5G is no number.
            if view.touchesNext(end), view.tokens[end + 1].kind == .word, view.tokens[end + 1].script == .latin {
                let k = end + 1
                let decade = view.tokens[k].normalized == "s" && atom.plain && atom.leadingDigits == 4
                    && expr.value >= 1000 && expr.value <= 2990 && expr.value.truncatingRemainder(dividingBy: 10) == 0
                    && !(k + 1 < view.count && view.touchesNext(k) && view.tokens[k + 1].kind != .punctuation)
                if decade || view.wordIs(k, { $0 == .ordinalSuffix }) {
                    expr.kind = decade ? .decade : .ordinal
                    expr.last = k
                    expr.after = k + 1
                    expr.end = view.tokens[k].end
                    expr.plainDigits = nil
                } else if !view.wordIs(k, { lexeme in
                    switch lexeme {
                    case .unit, .currency, .percent, .digitSuffix, .yearSuffix, .scaleAbbreviation: return true
                    default: return false
                    }
                }) && view.lexicon.code(ofWord: view.ids[k]) == nil {
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
        if !first.arabic, first.isWord, view.ids[first.first] == view.lexicon.known.one, done.count == 1 {
            expr.confidence = 0.9
        }
        applyMarks(to: &expr)
        record(expr)
        return expr.after
    }

    func numerals(of k: Int) -> Numerals {
        let v = view.scalars[view.tokens[k].start].value
        switch v {
        case 0x0660...0x0669: return .arabicIndic
        case 0x06F0...0x06F9: return .extendedArabicIndic
        default: return .western
        }
    }
}
