/// One reading of an Arabic word as proclitics + stem.
public struct CliticSplit: Sendable, Hashable {
    /// The proclitic letters cut off the front (normalized), e.g. `"وب"`; empty for the whole word.
    public let prefix: String
    /// How many normalized letters of the word the prefix takes; the span starts after them.
    public let prefixLength: Int
    /// The stem to look up. Usually the rest of the word; for `ل` + `ال` (written `لل`) it is
    /// the article form: `للعراق` gives prefix `ل` and stem `العراق`.
    public let stem: String
}

/// The proclitics that attach to Arabic words with no space: conjunctions و ف, prepositions
/// ب ل ك, and their combinations (وب، فل، وك …), including ل before the article (لل).
///
/// The readings are hypotheses: the caller keeps the first whose stem it knows, so a name that
/// itself starts with a clitic letter (بابل، لبنان، فلسطين، كركوك) is found whole before any
/// stripped reading is tried.
public enum ArabicClitics {
    static let conjunctions: [Unicode.Scalar] = ["\u{0648}", "\u{0641}"]  // و ف
    static let prepositions: [Unicode.Scalar] = ["\u{0628}", "\u{0644}", "\u{0643}"]  // ب ل ك
    static let lam: Unicode.Scalar = "\u{0644}"
    static let alef: Unicode.Scalar = "\u{0627}"

    /// All readings of a normalized word, the unsplit word first, then shorter prefixes before
    /// longer ones. Stems shorter than `minimumStem` letters are not offered.
    public static func splits(of normalizedWord: String, minimumStem: Int = 2) -> [CliticSplit] {
        let letters = Array(normalizedWord.unicodeScalars)
        var result = [CliticSplit(prefix: "", prefixLength: 0, stem: normalizedWord)]
        guard letters.count > minimumStem else { return result }
        var prefixes: [[Unicode.Scalar]] = []
        for c in conjunctions { prefixes.append([c]) }
        for p in prepositions { prefixes.append([p]) }
        for c in conjunctions { for p in prepositions { prefixes.append([c, p]) } }
        for prefix in prefixes.sorted(by: { $0.count < $1.count }) {
            guard letters.count - prefix.count >= minimumStem,
                  Array(letters[0..<prefix.count]) == prefix else { continue }
            let rest = letters[prefix.count...]
            let prefixText = String(String.UnicodeScalarView(prefix))
            result.append(CliticSplit(prefix: prefixText, prefixLength: prefix.count, stem: String(String.UnicodeScalarView(rest))))
            if prefix.last == lam, rest.first == lam {
                // ل + ال is written لل: the second ل may be the article's, so also offer the
                // article form (للعراق → العراق) besides the plain one (للبنان → لبنان).
                var stem = String.UnicodeScalarView([alef])
                stem.append(contentsOf: rest)
                result.append(CliticSplit(prefix: prefixText, prefixLength: prefix.count, stem: String(stem)))
            }
        }
        return result
    }
}
