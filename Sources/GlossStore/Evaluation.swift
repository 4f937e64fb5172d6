/// Precision, recall and F1 of system spans against gold spans, per label — strict (same
/// label, start and end) and lenient (same label, overlapping; each gold span matched once).
public struct Evaluation: Sendable {
    /// Counts and scores for one label, or for all labels together.
    public struct Score: Sendable, Hashable {
        /// Gold spans.
        public var gold = 0
        /// System spans.
        public var system = 0
        /// System spans matching a gold span exactly.
        public var strictMatches = 0
        /// System spans overlapping an unmatched gold span of the same label.
        public var lenientMatches = 0

        public var strictPrecision: Double { system == 0 ? 0 : Double(strictMatches) / Double(system) }
        public var strictRecall: Double { gold == 0 ? 0 : Double(strictMatches) / Double(gold) }
        public var strictF1: Double { Self.f1(strictPrecision, strictRecall) }
        public var lenientPrecision: Double { system == 0 ? 0 : Double(lenientMatches) / Double(system) }
        public var lenientRecall: Double { gold == 0 ? 0 : Double(lenientMatches) / Double(gold) }
        public var lenientF1: Double { Self.f1(lenientPrecision, lenientRecall) }

        static func f1(_ p: Double, _ r: Double) -> Double { p + r == 0 ? 0 : 2 * p * r / (p + r) }
    }

    /// Scores per label.
    public private(set) var labels: [String: Score] = [:]
    /// Scores over all labels (micro-averaged).
    public private(set) var overall = Score()
    /// Gold spans no system span matches exactly.
    public private(set) var misses: [Span] = []
    /// System spans that match no gold span exactly.
    public private(set) var falseHits: [Span] = []

    /// Compares two sets of spans (of any documents).
    public init(gold: [Span], system: [Span]) {
        struct Key: Hashable { let document: String; let label: String; let start: Int; let end: Int }
        func key(_ span: Span) -> Key { Key(document: span.document, label: span.label, start: span.start, end: span.end) }
        var goldByKey: [Key: [Int]] = [:]
        for (i, span) in gold.enumerated() {
            goldByKey[key(span), default: []].append(i)
            labels[span.label, default: Score()].gold += 1
        }
        // Strict: exact label and boundaries, one-to-one.
        var goldUsed = Set<Int>()
        var systemUnmatched: [Int] = []
        for (i, span) in system.enumerated() {
            labels[span.label, default: Score()].system += 1
            if var candidates = goldByKey[key(span)], let match = candidates.popLast() {
                goldByKey[key(span)] = candidates
                goldUsed.insert(match)
                labels[span.label, default: Score()].strictMatches += 1
                labels[span.label, default: Score()].lenientMatches += 1
            } else {
                falseHits.append(span)
                systemUnmatched.append(i)
            }
        }
        misses = gold.indices.filter { !goldUsed.contains($0) }.map { gold[$0] }
        // Lenient: the rest matched greedily, one-to-one, by overlap with the same label.
        let goldIndex = Dictionary(grouping: gold.indices.filter { !goldUsed.contains($0) },
                                   by: { DocumentLabel(document: gold[$0].document, label: gold[$0].label) })
        for i in systemUnmatched {
            let span = system[i]
            let candidates = goldIndex[DocumentLabel(document: span.document, label: span.label)] ?? []
            if let match = candidates.first(where: { !goldUsed.contains($0) && gold[$0].start < span.end && span.start < gold[$0].end }) {
                goldUsed.insert(match)
                labels[span.label, default: Score()].lenientMatches += 1
            }
        }
        for score in labels.values {
            overall.gold += score.gold
            overall.system += score.system
            overall.strictMatches += score.strictMatches
            overall.lenientMatches += score.lenientMatches
        }
    }

    private struct DocumentLabel: Hashable { let document: String; let label: String }
}
