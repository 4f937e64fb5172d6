import GlossKit

/// Finds numbers and dates in Arabic and English text, each with a normalized value.
///
/// Labels: `NUMBER` for every number (digits in three scripts with both separator traditions,
/// signs, Arabic and English number words, mixed forms such as `2.5 مليار`, ordinals, fractions,
/// percentages, money, quantities, years, days of dates, duals) and `DATE` for a whole date with
/// a year (`3 مارس 2024` → `2024-03-03`).
///
/// A `NUMBER` span covers the number only: not the proclitics (وثلاثة → ثلاثة), not the counted
/// noun, currency, unit or percent sign, which become attributes. Attributes: `kind` (cardinal,
/// ordinal, fraction, percent, money, quantity, year, day, month, dual, time), `script` (digits,
/// words, mixed), `currency`, `unit`, `range` (start/end), `numerals` (western, arabic-indic,
/// extended-arabic-indic). See `Plugins/Numbers/README.md` for the choices.
///
/// Extraction is one linear pass over the tokens with one word-table lookup per token.
public struct NumbersExtractor: Extractor {
    public let id = "numbers"
    public let version = "1.0.9"
    public let labels = ["NUMBER", "DATE"]
    /// The word tables, built once per process by the first extractor made: when it is made
    /// (with the others, before any document is read) rather than on the first document, when
    /// every extraction thread would wait for one of them to build it.
    private let lexicon: Lexicon

    /// Creates the extractor (the word tables are built once per process).
    public init() {
        lexicon = Lexicon.shared
    }

    public func extract(_ document: Document) throws -> [SpanDraft] {
        let view = TokenView(text: document.text, lexicon: lexicon)
        var scanner = NumberScanner(view: view)
        scanner.run()
        var numbers = scanner.takeNumbers()
        DualConstruct.resolve(&numbers, view: view)
        RangeLinker.link(&numbers, view: view)
        CurrencyContext.resolve(&numbers, lexicon: lexicon)
        let dates = DateAssembler.assemble(&numbers, months: scanner.months, view: view)
        DateAssembler.resolveYears(&numbers, view: view)
        RangeLinker.alignYears(&numbers)

        var spans: [SpanDraft] = []
        spans.reserveCapacity(numbers.count + dates.count + scanner.numericDates.count)
        for n in numbers where n.start < n.end {
            let value = n.isClockTime ? SpanValue.string(document.text[n.start..<n.end]) : Self.value(of: n.value)
            spans.append(SpanDraft(start: n.start, end: n.end, label: "NUMBER", value: value,
                                   confidence: n.confidence, attributes: Self.attributes(of: n, lexicon: lexicon)))
        }
        for d in dates {
            spans.append(SpanDraft(start: d.start, end: d.end, label: "DATE", value: .date(d.value),
                                   attributes: Self.dateAttributes))
        }
        for d in scanner.numericDates {
            spans.append(SpanDraft(start: d.start, end: d.end, label: "DATE", value: .date(d.value),
                                   attributes: Self.numericDateAttributes))
        }
        spans.sort { $0.start != $1.start ? $0.start < $1.start : $0.end > $1.end }
        return spans
    }

    static func value(of v: Double) -> SpanValue {
        if abs(v) < 9.0e15, Double(Int64(v)) == v { return .integer(Int64(v)) }
        return .decimal(v)
    }

    static func attributes(of n: NumberExpr, lexicon: Lexicon) -> [String: String] {
        let script: AttributeTable.Script = n.hasDigits ? (n.hasWords ? .mixed : .digits) : .words
        return lexicon.attributes.attributes(kind: n.kind, script: script, numerals: n.numerals, range: n.range,
                                             currency: n.currency, unit: n.unit, names: lexicon.names)
    }

    /// The attributes of whole dates in words and in digits.
    static let dateAttributes = ["kind": "date", "calendar": "gregorian"]
    static let numericDateAttributes = ["kind": "date", "calendar": "gregorian", "script": "digits"]
}
