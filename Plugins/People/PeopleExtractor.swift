import GlossKit

/// Finds person names in Arabic and English text and links the mentions of each person within
/// a document.
///
/// Evidence: titles and roles before a name (الرئيس، وزير الخارجية، المتحدث باسم …; President,
/// Gen., Mr.), reporting verbs around it (قال، أكدت …; said, told), given-name gazetteers, and name
/// structure (compound first names, kunya, nasab, nisba family names after a first name,
/// initials, particles), plus photo credits `(First Last/Agency)`. The span covers the name
/// only — never the title or a proclitic (`وقال السيد X` → `X`).
///
/// Every span has label `PERSON`, the person's fullest name in the document as its `.string`
/// value, and attributes `entity` (`p1`, `p2`, … shared by all mentions of one person in the
/// document, numbered in order of first mention) and `evidence` (`title`, `verb`, `caption`,
/// `name`, `link`).
public struct PeopleExtractor: Extractor {
    public let id = "people"
    public let version = "1.0.10"
    public let labels = ["PERSON"]

    private let lexicon: PeopleLexicon
    /// What is known about the forms of earlier documents (one cache per concurrent caller).
    private let caches: FormCaches

    /// Loads the bundled name lists (once per process; later calls share them).
    public init() throws {
        lexicon = try PeopleLexicon.shared.get()
        caches = FormCaches(count: 4, lexicon)
    }

    public func extract(_ document: Document) throws -> [SpanDraft] {
        guard !document.text.tokens.isEmpty else { return [] }
        return try caches.withCache { cache in spans(in: document.text, &cache) }
    }

    /// The spans of one document's text, with `cache` for what is known about its forms.
    func spans(in text: DocumentText, _ cache: inout FormCache) -> [SpanDraft] {
        let analysis = TextAnalysis(text: text, lexicon: lexicon, cache: &cache)
        var covered = [Bool](filledWith: false, count: text.tokens.count)
        // Place names shaped like person names (خان يونس، أبو ظبي) and news agencies (Al Jazeera) are not people.
        for start in text.tokens.indices {
            guard let hit = analysis.phraseHit(at: start),
                  (hit.kinds.contains(.place) || hit.kinds.contains(.agency)) && !hit.kinds.contains(.given) else { continue }
            for k in start..<hit.end { covered[k] = true }
        }
        var mentions: [Mention] = []
        // About one name in sixteen tokens of news text (no allocation for a short text).
        mentions.reserveCapacity(min(16, text.tokens.count / 16))
        CaptionFinder(a: analysis).find(into: &mentions, covered: &covered)
        ArabicFinder(analysis).find(into: &mentions, covered: &covered)
        EnglishFinder(a: analysis).find(into: &mentions, covered: &covered)
        AliasFinder(a: analysis).find(into: &mentions, covered: &covered)
        let linked = MentionLinker(a: analysis).link(consume mentions, covered: &covered)
        var spans: [SpanDraft] = []
        spans.reserveCapacity(linked.count)
        for m in linked.indices where linked[m].start < linked[m].end {
            spans.append(SpanDraft(start: linked[m].start, end: linked[m].end, label: "PERSON",
                                   value: .string(linked[m].value), confidence: linked[m].confidence,
                                   attributes: Self.attributes(entity: linked[m].entity, evidence: linked[m].evidence)))
        }
        return spans
    }

    /// Entities numbered up to this share prebuilt attribute dictionaries.
    private static let sharedEntities = 64

    /// The attribute dictionaries of entities 1…``sharedEntities``, by entity and evidence
    /// (built once per process: a span takes a reference instead of building a dictionary).
    private static let sharedAttributes: [[[String: String]]] = (0...sharedEntities).map { entity in
        Evidence.allCases.map { ["entity": "p\(entity)", "evidence": $0.name] }
    }

    /// The attributes of a span of `entity` found by `evidence`.
    @inline(__always)
    static func attributes(entity: Int, evidence: Evidence) -> [String: String] {
        if entity >= 0 && entity <= sharedEntities {
            return sharedAttributes[entity][evidence.index]
        }
        return ["entity": "p\(entity)", "evidence": evidence.name]
    }
}
