/// The currency of amounts whose text names it without its country.
///
/// `دينار`, `riyals` or `lira` alone say which currency family, not which country's: the number
/// takes the ISO code the same document gives that family elsewhere (`دينار عراقي`, `Iraqi
/// dinars`, `IQD`) when it gives exactly one. With none, or with two (Saudi and Qatari riyals),
/// the attribute stays the lower-case name.
enum CurrencyContext {
    static func resolve(_ numbers: inout [NumberExpr], lexicon: Lexicon) {
        // The code each family takes in this document; `nil` once two codes disagree.
        var codes: [UInt16: AttributeName?] = [:]
        for n in numbers {
            guard let code = n.currency, let family = lexicon.currencyNames[Int(code.index)] else { continue }
            if let seen = codes[family.index] {
                if seen != code { codes[family.index] = .some(nil) }
            } else {
                codes[family.index] = code
            }
        }
        guard !codes.isEmpty else { return }
        for i in numbers.indices {
            if let name = numbers[i].currency, let found = codes[name.index], let code = found {
                numbers[i].currency = code
            }
        }
    }
}
