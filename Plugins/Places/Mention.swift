/// A place or nationality found by the scan, before one entry is chosen for it.
///
/// Plain values only: its rules and English parts are ranges of the scan's stores
/// (``PlaceScanner/ruleStore``, ``PlaceScanner/partStore``), so mentions are copied and freed
/// without reference counting.
struct Mention: Sendable {
    /// How the mention was found.
    enum Source: Sendable {
        /// A gazetteer phrase accepted in context.
        case gazetteer
        /// The X of a cue word (مدينة X، X province), found in the gazetteer.
        case cueKnown
        /// The X of a cue word, not in the gazetteer: the value is the surface text.
        case cueUnknown
        /// The whole facility (مطار بغداد الدولي، Camp Taji) around the X of a facility cue.
        case facility
    }

    var start: Int
    var end: Int
    var label: PlaceEntry.Label
    var source: Source
    /// Candidate variant rules, in ``PlaceScanner/ruleStore`` (empty for an unknown X or a
    /// facility without an entry).
    var rules: Range<Int32>
    /// The kind a cue word gives (province for محافظة X; ``Gazetteer/kindNames``), preferred
    /// among candidates.
    var cueKind: UInt8?
    var confidence: Double
    /// For a facility span: the index of its X mention, whose country it takes.
    var inner: Int?
    /// For a facility span with a known X: the English words after X's name in its value
    /// (["International", "Airport"]), in ``PlaceScanner/partStore``.
    var englishParts: Range<Int32> = 0..<0
}
