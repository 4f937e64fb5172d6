/// The `kind`, `script`, `numerals` and `range` attributes of every combination, built once: a
/// span shares its dictionary (copy-on-write) instead of hashing its keys anew. Currency and unit
/// are added per span; every dictionary has room for them, so adding one does not rehash.
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

    static let shared = AttributeTable()

    /// Indexed by `index(kind:script:numerals:)`.
    private let table: [[String: String]]
    private static let numeralsSlots = Numerals.allCases.count + 1  // + none
    private static let rangeSlots = 3  // none, start, end

    init() {
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
