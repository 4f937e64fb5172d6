/// The `kind`, `script`, `numerals` and `range` attributes of every combination, built once: a
/// span shares its dictionary (copy-on-write) instead of hashing its keys anew. Currency and unit
/// are added per span; every dictionary has room for them, so adding one does not rehash. The
/// usual marked numbers (money with a currency, a quantity with a unit) share a dictionary too:
/// ``attributes(kind:script:numerals:range:currency:unit:names:)`` finds it in ``marked``.
struct AttributeTable: Sendable {
    /// The `script` attribute.
    enum Script: Int, Sendable, CaseIterable {
        case digits, words, mixed

        var name: String {
            switch self {
            case .digits: "digits"
            case .words: "words"
            case .mixed: "mixed"
            }
        }
    }

    /// Indexed by `index(kind:script:numerals:)`.
    private let table: [[String: String]]
    /// By `markedIndex(name:isUnit:script:numerals:range:)`: money with currency `name` and a
    /// quantity with unit `name`.
    private let marked: [[String: String]]
    private static let numeralsSlots = Numerals.allCases.count + 1  // + none
    private static let rangeSlots = 3  // none, start, end

    /// The dictionaries of every combination, and of money and quantities with each of `names`
    /// (currency codes and unit names, by ``AttributeName/index``).
    init(names: [String]) {
        var table = [[String: String]](repeating: [:],
                                       count: NumberKind.allCases.count * Script.allCases.count * Self.numeralsSlots
                                           * Self.rangeSlots)
        let ranges: [RangeEnd?] = [nil, .start, .end]
        for kind in NumberKind.allCases {
            for script in Script.allCases {
                for numerals in [nil] + Numerals.allCases.map(Optional.some) {
                    for range in ranges {
                        // kind, script, numerals, range, currency, unit
                        var a = [String: String](minimumCapacity: 6)
                        a["kind"] = kind.rawValue
                        a["script"] = script.name
                        if let numerals { a["numerals"] = numerals.rawValue }
                        if let range { a["range"] = range.rawValue }
                        table[Self.index(kind: kind, script: script, numerals: numerals, range: range)] = a
                    }
                }
            }
        }
        self.table = table
        var marked: [[String: String]] = []
        marked.reserveCapacity(names.count * 2 * Self.subCount)
        for name in names {
            for (kind, key) in [(NumberKind.money, "currency"), (.quantity, "unit")] {
                for script in Script.allCases {
                    for numerals in [nil] + Numerals.allCases.map(Optional.some) {
                        for range in ranges {
                            var a = table[Self.index(kind: kind, script: script, numerals: numerals, range: range)]
                            a[key] = name
                            marked.append(a)
                        }
                    }
                }
            }
        }
        self.marked = marked
    }

    /// The attributes of a number with its currency and unit (`names` gives their text): shared
    /// for money with a currency and a quantity with a unit, else built.
    @inline(__always)
    func attributes(kind: NumberKind, script: Script, numerals: Numerals?, range: RangeEnd?,
                    currency: AttributeName?, unit: AttributeName?, names: [String]) -> [String: String] {
        switch (currency, unit) {
        case (nil, nil):
            return attributes(kind: kind, script: script, numerals: numerals, range: range)
        case (let c?, nil) where kind == .money:
            return marked[Self.markedIndex(name: c, isUnit: false, script: script, numerals: numerals, range: range)]
        case (nil, let u?) where kind == .quantity:
            return marked[Self.markedIndex(name: u, isUnit: true, script: script, numerals: numerals, range: range)]
        default:
            var a = attributes(kind: kind, script: script, numerals: numerals, range: range)
            if let currency { a["currency"] = names[Int(currency.index)] }
            if let unit { a["unit"] = names[Int(unit.index)] }
            return a
        }
    }

    /// The number of script × numerals × range combinations.
    private static let subCount = Script.allCases.count * numeralsSlots * rangeSlots

    private static func markedIndex(name: AttributeName, isUnit: Bool, script: Script, numerals: Numerals?,
                                    range: RangeEnd?) -> Int {
        // The index of `table` for the first kind is the script × numerals × range index.
        let sub = index(kind: .cardinal, script: script, numerals: numerals, range: range)
        return (Int(name.index) * 2 + (isUnit ? 1 : 0)) * subCount + sub
    }

    /// The shared attributes of a number of this kind, script, numerals and range end.
    @inline(__always)
    func attributes(kind: NumberKind, script: Script, numerals: Numerals?, range: RangeEnd?) -> [String: String] {
        table[Self.index(kind: kind, script: script, numerals: numerals, range: range)]
    }

    private static func index(kind: NumberKind, script: Script, numerals: Numerals?, range: RangeEnd?) -> Int {
        let n = numerals.map { Self.numeralsIndex($0) + 1 } ?? 0
        let r: Int
        switch range {
        case nil: r = 0
        case .start: r = 1
        case .end: r = 2
        }
        return ((kindIndex(kind) * Script.allCases.count + script.rawValue) * numeralsSlots + n) * rangeSlots + r
    }

    private static func kindIndex(_ kind: NumberKind) -> Int {
        switch kind {
        case .cardinal: 0
        case .ordinal: 1
        case .fraction: 2
        case .percent: 3
        case .money: 4
        case .quantity: 5
        case .year: 6
        case .day: 7
        case .month: 8
        case .dual: 9
        case .time: 10
        case .decade: 11
        }
    }

    private static func numeralsIndex(_ numerals: Numerals) -> Int {
        switch numerals {
        case .western: 0
        case .arabicIndic: 1
        case .extendedArabicIndic: 2
        }
    }
}
