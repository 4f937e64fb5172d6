import GlossKit

/// Why a span was taken for a person, strongest first.
enum Evidence: Int, Sendable, Comparable, CaseIterable {
    case title = 5
    case caption = 4
    case verb = 3
    case structure = 2
    case link = 1

    static func < (a: Evidence, b: Evidence) -> Bool { a.rawValue < b.rawValue }

    /// Position in ``allCases`` (title first).
    var index: Int { 5 - rawValue }

    var name: String {
        switch self {
        case .title: "title"
        case .caption: "caption"
        case .verb: "verb"
        case .structure: "name"
        case .link: "link"
        }
    }
}

/// One person mention found in a document, before linking gives it a value and an entity.
struct Mention: Sendable {
    /// Tokens covered (the first may carry a proclitic outside the span).
    var tokens: Range<Int>
    /// Code-point span of the name only.
    var start: Int
    var end: Int
    var evidence: Evidence
    var confidence: Double
    /// Normalized forms of the name parts, in order, as form ids of the document's
    /// ``TextAnalysis/forms`` (a compound part is one entry: ["عبد", "الله"]).
    var parts: [[Int32]]
    /// Whether the name is Arabic-script (linking keys never cross scripts).
    var arabic: Bool
    /// Filled by the linker.
    var value = ""
    var entity = 0
}
