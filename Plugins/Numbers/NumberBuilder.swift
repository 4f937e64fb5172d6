/// How a part of a number phrase is attached to the part before it.
enum Join {
    /// Next word, after a space (ثلاثة آلاف، two hundred).
    case none
    /// After the conjunction: و as a proclitic or a word, English "and".
    case and
    /// After a hyphen between touching tokens (twenty-five, one-third).
    case hyphen
}

/// One part of a number phrase, as the grammar sees it.
enum Component {
    case cardinal(CardinalRole)
    case definite(Int)
    case ordinal(Int, OrdinalShape)
    case fraction(Double, FractionShape)
    case digits(DigitAtom)
    /// English "a" before a scale or fraction.
    case article
}

/// The grammar of number phrases, as an accumulator: parts come in one at a time and are taken
/// or refused. Arabic: units before tens joined by و (خمسة وعشرون), hundreds first (مئة وخمسة),
/// groups by descending scale joined by و (مليون وخمسمئة ألف), a count before a plural scale
/// (ثلاثة آلاف), digits as counts (2.5 مليار، مليونين و500 ألف). English: tens-unit with a
/// hyphen, "hundred" multiplying, "and" after hundreds and scales, "a" as one before a scale.
/// A refused part ends the phrase, so "ثلاثة وأربعة" and "بين 10 و15" stay two numbers.
struct NumberBuilder {
    struct Slots: OptionSet {
        let rawValue: UInt16
        static let hundreds = Slots(rawValue: 1)
        static let unit = Slots(rawValue: 2)
        static let ten = Slots(rawValue: 4)
        static let teen = Slots(rawValue: 8)
        static let tens = Slots(rawValue: 16)
        static let digits = Slots(rawValue: 32)
        static let fraction = Slots(rawValue: 64)
        static let article = Slots(rawValue: 128)
        static let dozen = Slots(rawValue: 256)
    }

    private(set) var total = 0.0
    private(set) var chunk = 0.0
    private var slots: Slots = []
    private var lastScale = Double.infinity
    private var afterScale = false
    /// Parts taken so far.
    private(set) var count = 0
    /// Set when the phrase is an ordinal.
    private(set) var ordinal: Int?
    private var ordinalNeedsTens = false
    private var ordinalOpen = false
    /// True when the phrase is a fraction (نصف، ثلاثة أرباع، a third of).
    private(set) var isFraction = false
    private var closed = false
    /// True once a scale word multiplied the phrase.
    private(set) var scaled = false
    private(set) var hasDigits = false
    private(set) var hasWords = false
    private var digits: DigitAtom?
    /// "a" after a fraction, waiting for its scale (half a million).
    private var pendingArticle = false
    /// True when the phrase is a definite cardinal (الثلاثة).
    private(set) var definite = false

    /// True when the parts taken so far make a number.
    var isComplete: Bool {
        count > 0 && !slots.contains(.article) && !ordinalNeedsTens && !pendingArticle
    }

    /// The value of the parts taken so far.
    var value: Double {
        if let ordinal { return Double(ordinal) }
        return total + chunk
    }

    /// The digit atom, when the phrase is exactly one run of digits.
    var onlyDigits: DigitAtom? {
        count == 1 ? digits : nil
    }

    /// Takes `component` if the grammar allows it after the parts so far; returns false (and
    /// changes nothing) if not.
    mutating func accept(_ component: Component, join: Join, arabic: Bool, followedByOf: Bool = false) -> Bool {
        if closed { return false }
        let taken: Bool
        if ordinal != nil {
            taken = continueOrdinal(component, join: join, arabic: arabic)
        } else {
            switch component {
            case .article: taken = takeArticle(join: join)
            case .cardinal(let role): taken = takeCardinal(role, join: join, arabic: arabic)
            case .definite(let n): taken = takeDefinite(n)
            case .ordinal(let n, let shape): taken = takeOrdinal(n, shape, join: join, arabic: arabic, followedByOf: followedByOf)
            case .fraction(let f, let shape): taken = takeFraction(f, shape, join: join, arabic: arabic)
            case .digits(let atom): taken = takeDigits(atom, join: join, arabic: arabic)
            }
        }
        if taken {
            count += 1
            if case .digits = component { hasDigits = true } else { hasWords = true }
        }
        return taken
    }

    // MARK: Parts

    private mutating func takeArticle(join: Join) -> Bool {
        if count == 0 {
            slots = .article
            chunk = 1
            return true
        }
        // half a million
        guard slots == .fraction, !pendingArticle, join == .none else { return false }
        pendingArticle = true
        return true
    }

    private mutating func takeDefinite(_ n: Int) -> Bool {
        guard count == 0 else { return false }
        chunk = Double(n)
        definite = true
        closed = true
        return true
    }

    /// True when a new chunk may start here (phrase start, or after a scale group).
    private func mayStartChunk(join: Join, arabic: Bool) -> Bool {
        if count == 0 { return true }
        guard afterScale, slots.isEmpty else { return false }
        return arabic ? join == .and : join != .hyphen
    }

    private mutating func takeCardinal(_ role: CardinalRole, join: Join, arabic: Bool) -> Bool {
        switch role {
        case .unit(let u):
            if mayStartChunk(join: join, arabic: arabic) {
                startChunk(Double(u), .unit)
                return true
            }
            if arabic {
                guard slots == .hundreds, join == .and else { return false }
            } else {
                let afterTens = slots == .tens || slots == [.hundreds, .tens]
                guard (afterTens && join != .and && u > 0) || (slots == .hundreds && join != .hyphen) else { return false }
            }
            chunk += Double(u)
            slots.insert(.unit)
            return true
        case .ten, .teen:
            let v: Double
            if case .teen(let n) = role { v = Double(n) } else { v = 10 }
            let slot: Slots = role == .ten ? .ten : .teen
            if mayStartChunk(join: join, arabic: arabic) {
                startChunk(v, slot)
                return true
            }
            guard slots == .hundreds, arabic ? join == .and : join != .hyphen else { return false }
            chunk += v
            slots.insert(slot)
            return true
        case .tens(let t):
            if mayStartChunk(join: join, arabic: arabic) {
                startChunk(Double(t), .tens)
                return true
            }
            if arabic {
                guard join == .and, slots.isDisjoint(with: [.tens, .teen, .ten, .digits, .fraction, .article, .dozen]),
                      !slots.isEmpty else { return false }
            } else {
                guard slots == .hundreds, join != .hyphen else { return false }
            }
            chunk += Double(t)
            slots.insert(.tens)
            return true
        case .hundreds(let h):
            if mayStartChunk(join: join, arabic: arabic) {
                startChunk(Double(h), .hundreds)
                return true
            }
            // ثلاث مئة (written apart)
            guard arabic, h == 100, join == .none, slots == .unit, chunk >= 1, chunk <= 9 else { return false }
            chunk *= 100
            slots = .hundreds
            return true
        case .hundredMultiplier:
            guard join == .none, !slots.isEmpty, slots.isDisjoint(with: [.hundreds, .fraction, .dozen]),
                  chunk >= 1, chunk < 100 else { return false }
            if slots == .digits, let d = digits, d.isInteger == false { return false }
            chunk *= 100
            slots = .hundreds
            digits = nil
            return true
        case .dozen:
            guard join == .none, slots == .article || slots == .unit || slots == .digits else { return false }
            chunk *= 12
            slots = .dozen
            digits = nil
            return true
        case .scale(let s, let form):
            let scale = Double(s)
            // ألف مليار (a thousand billion, 10¹²), ستة عشر ألف مليار: a larger scale right after
            // ألف/آلاف multiplies what came before it.
            if arabic, scale >= 1_000_000, lastScale == 1_000, afterScale, slots.isEmpty, join == .none, form != .dual {
                total *= scale
                lastScale *= scale
                return true
            }
            guard scale < lastScale else { return false }
            switch form {
            case .dual:
                guard mayStartChunk(join: join, arabic: arabic), slots.isEmpty else { return false }
                chunk = 2
                slots = .unit
            case .plural:
                guard join == .none, !slots.isEmpty, slots.isDisjoint(with: [.article, .fraction]) else { return false }
            case .singular:
                if slots.isEmpty {
                    guard arabic, mayStartChunk(join: join, arabic: arabic) else { return false }
                    chunk = 1
                    slots = .unit
                } else {
                    guard join == .none else { return false }
                }
            }
            applyScale(s)
            return true
        }
    }

    private mutating func startChunk(_ v: Double, _ slot: Slots) {
        chunk = v
        slots = slot
        afterScale = false
    }

    private mutating func applyScale(_ s: Int64) {
        let v: Double
        if slots == .digits, let d = digits { v = d.scaled(by: s) } else { v = chunk * Double(s) }
        total += v
        chunk = 0
        slots = []
        lastScale = Double(s)
        afterScale = true
        scaled = true
        digits = nil
        isFraction = false
        pendingArticle = false
    }

    private mutating func takeDigits(_ atom: DigitAtom, join: Join, arabic: Bool) -> Bool {
        if count == 0 {
            chunk = atom.value
            slots = .digits
            digits = atom
            return true
        }
        // مليون و500 ألف
        guard arabic, afterScale, slots.isEmpty, join == .and, atom.isInteger, atom.value >= 1, atom.value < lastScale
        else { return false }
        chunk = atom.value
        slots = .digits
        digits = atom
        afterScale = false
        return true
    }

    private mutating func takeFraction(_ f: Double, _ shape: FractionShape, join: Join, arabic: Bool) -> Bool {
        switch shape {
        case .standalone, .needsCount:
            if count == 0 {
                guard shape == .standalone else { return false }
                chunk = f
                slots = .fraction
                isFraction = true
                return true
            }
            if slots == .article, join == .none {  // a half, a quarter
                chunk = f
                slots = .fraction
                isFraction = true
                return true
            }
            if slots == .unit, chunk == 1, join != .and, !arabic {  // one quarter, one-half
                chunk = f
                slots = .fraction
                isFraction = true
                return true
            }
            guard join == .and else { return false }
            if afterScale, slots.isEmpty {  // مليون ونصف
                total += f * lastScale
                closed = true
                return true
            }
            // ثلاثة ونصف، two and a half
            guard !slots.isEmpty, slots.isDisjoint(with: [.fraction, .article]) else { return false }
            chunk += f
            slots.insert(.fraction)
            return true
        case .plural:
            guard join != .and, slots == .unit || slots == .digits || slots == .ten, chunk >= 1 else { return false }
            chunk *= f
            slots = .fraction
            isFraction = true
            digits = nil
            return true
        }
    }

    private mutating func takeOrdinal(_ n: Int, _ shape: OrdinalShape, join: Join, arabic: Bool, followedByOf: Bool) -> Bool {
        if count == 0 {
            ordinal = n
            switch shape {
            case .unit: ordinalOpen = arabic
            case .compoundFirst: ordinalOpen = true; ordinalNeedsTens = true
            case .complete: closed = true
            }
            return true
        }
        guard !arabic else { return false }
        // a third of, one-third, two thirds (as fractions)
        if (3...10).contains(n) {
            if slots == .article && followedByOf && join == .none
                || slots == .unit && chunk == 1 && (followedByOf || join == .hyphen) {
                chunk = 1 / Double(n)
                slots = .fraction
                isFraction = true
                closed = true
                return true
            }
        }
        // twenty-first, twenty first, one hundred and first
        guard (1...9).contains(n), join != .and || slots.contains(.hundreds),
              slots == .tens || slots == .hundreds || slots == [.hundreds, .tens] else { return false }
        ordinal = Int(total + chunk) + n
        closed = true
        return true
    }

    /// الحادي والعشرون، الخامس والعشرين
    private mutating func continueOrdinal(_ component: Component, join: Join, arabic: Bool) -> Bool {
        guard ordinalOpen, arabic, join == .and, let current = ordinal, current <= 9 else { return false }
        let tens: Int
        switch component {
        case .cardinal(.tens(let t)): tens = t
        case .ordinal(let t, .complete) where t >= 20 && t <= 90 && t % 10 == 0: tens = t
        default: return false
        }
        ordinal = current + tens
        ordinalNeedsTens = false
        closed = true
        return true
    }
}
