import GlossKit

/// The marks around a number: percent signs and words, currencies and units after it, currency
/// symbols and codes before it, year marks.
extension NumberScanner {
    /// The currency written before token `first` ($5, US$ 5, USD 5), or `nil`.
    func currencyBefore(_ first: Int) -> AttributeName? {
        var k = first - 1
        if k >= 0, view.tokens[k].kind == .punctuation, view.isMark(k, "-", "+", "−"), view.touchesNext(k) { k -= 1 }
        guard k >= 0 else { return nil }
        let token = view.tokens[k]
        if token.kind == .symbol || token.kind == .punctuation, let code = view.lexicon.symbolCode(view.scalars[token.start]) {
            return code
        }
        if token.kind == .word, token.script == .latin, let code = view.lexicon.code(ofWord: view.ids[k]), view.isAllCaps(k) {
            return code
        }
        return nil
    }

    /// Percent, currency, unit and year marks after the number (and currency or percent before it).
    func applyMarks(to expr: inout NumberExpr) {
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
        } else if let mark = view.mark(j), let code = view.lexicon.symbolCode(mark) {
            kind = .money
            expr.currency = code
            expr.after = j + 1
        } else if j < view.count, view.tokens[j].kind == .word, let code = view.lexicon.code(ofWord: view.ids[j]),
                  view.isAllCaps(j) {
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
}
