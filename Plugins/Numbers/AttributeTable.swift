/// The `kind`, `script` and `numerals` attributes of every combination, built once: a span
/// shares its dictionary (copy-on-write) instead of hashing its keys anew. Currency, unit and
/// range are added per span.
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

    init() {
        var table = [[String: String]](repeating: [:],
                                       count: NumberKind.allCases.count * Script.allCases.count * Self.numeralsSlots)
        for kind in NumberKind.allCases {
            for script in Script.allCases {
                for numerals in [nil] + Numerals.allCases.map(Optional.some) {
                    var a: [String: String] = ["kind": kind.rawValue, "script": script.name]
                    if let numerals { a["numerals"] = numerals.rawValue }
                    table[Self.index(kind: kind, script: script, numerals: numerals)] = a
                }
            }
        }
        self.table = table
    }

    /// The shared attributes of a number of this kind, script and numerals.
    @inline(__always)
    func attributes(kind: NumberKind, script: Script, numerals: Numerals?) -> [String: String] {
        table[Self.index(kind: kind, script: script, numerals: numerals)]
    }

    private static func index(kind: NumberKind, script: Script, numerals: Numerals?) -> Int {
        let n = numerals.map { Self.numeralsIndex($0) + 1 } ?? 0
        return (kindIndex(kind) * Script.allCases.count + script.rawValue) * numeralsSlots + n
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
