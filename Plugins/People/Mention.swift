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
    /// Normalized forms of the name's words, part after part, as form ids of the document's
    /// ``TextAnalysis/forms``: the first word of each part as it is, each further word of a
    /// compound part (الله of عبد الله) as ``continuation(_:)`` of its id. One flat list, so that
    /// a mention costs one array rather than one per part.
    var words: [Int32]
    /// The number of parts (words that start a part) in ``words``.
    let partCount: Int
    /// Whether the name is Arabic-script (linking keys never cross scripts).
    var arabic: Bool
    /// For another name of a person given right after their name (`X الملقب بـ"Y"`: see
    /// ``AliasFinder``), the code-point start of the mention of X; `-1` otherwise. The linker
    /// puts the mention in X's entity, and never takes the entity's value from it.
    var aliasOfStart = -1
    /// The name ends in two family names, the first written after particles (Isabel de la
    /// Fuente Ortega): a later mention may use either.
    var twoFamilyNames = false
    /// Filled by the linker.
    var value = ""
    var entity = 0

    init(tokens: Range<Int>, start: Int, end: Int, evidence: Evidence, confidence: Double, words: [Int32], arabic: Bool) {
        self.tokens = tokens
        self.start = start
        self.end = end
        self.evidence = evidence
        self.confidence = confidence
        self.words = words
        self.arabic = arabic
        var parts = 0
        for word in words where !Self.continues(word) { parts += 1 }
        partCount = parts
    }

    /// How ``words`` holds form `id` as a further word of a compound part (`-2 - id`, so that a
    /// part may still start with `-1`).
    @inline(__always)
    static func continuation(_ id: Int32) -> Int32 { -2 - id }

    /// True when an entry of ``words`` continues the part before it.
    @inline(__always)
    static func continues(_ word: Int32) -> Bool { word <= -2 }

    /// The form id of a further word of a compound part (the inverse of ``continuation(_:)``).
    @inline(__always)
    static func continuedForm(_ word: Int32) -> Int32 { -2 - word }
}
