import GlossKit

/// Filters on a decoded record that the driving index did not already apply.
struct RecordFilter {
    let labels: Set<UInt32>?
    let sources: Set<UInt32>?
    let value: [SpanValue]?
    let minimum: Double?
    let maximum: Double?
    let valuePrefix: String?
    let attributes: [(key: UInt32, value: String)]

    /// Returns `nil` when the query can match nothing (an attribute key never written).
    init?(query: SpanQuery, labels: [UInt32]?, sources: [UInt32]?, ctx: ReadContext) throws {
        self.labels = labels.map(Set.init)
        self.sources = sources.map(Set.init)
        value = query.value.map(ValueText.candidates)
        minimum = query.minimum
        maximum = query.maximum
        valuePrefix = query.valuePrefix
        var attributes: [(UInt32, String)] = []
        for (name, value) in query.attributes.sorted(by: { $0.key < $1.key }) {
            guard let id = try ctx.lookup(.attribute, name) else { return nil }
            attributes.append((id, value))
        }
        self.attributes = attributes
    }

    func accepts(_ record: SpanRecord) -> Bool {
        if let labels, !labels.contains(record.label) { return false }
        if let sources, !sources.contains(record.source) { return false }
        if let value {
            guard let actual = record.value else { return false }
            let matches = value.contains { candidate in
                switch (candidate, actual) {
                case (.decimal(let d), _): actual.number == d
                case (.string(let s), .string(let t)): s == t
                case (.date(let d), .date(let e)): d == e
                default: false
                }
            }
            if !matches { return false }
        }
        if minimum != nil || maximum != nil {
            guard let number = record.value?.number else { return false }
            if let minimum, number < minimum { return false }
            if let maximum, number > maximum { return false }
        }
        if let valuePrefix {
            guard case .string(let s)? = record.value, s.hasPrefix(valuePrefix) else { return false }
        }
        for (key, value) in attributes {
            guard record.attributes.contains(where: { $0.key == key && $0.value == value }) else { return false }
        }
        return true
    }
}

/// Filters on the surface text of a span: a regular expression (bounded in time, see
/// ``BoundedRegex``), or a normalized match.
struct SpanFilter {
    let pattern: BoundedRegex?
    let normalized: String?

    init(query: SpanQuery) throws {
        if let text = query.textPattern {
            do {
                pattern = try BoundedRegex(text)
            } catch {
                throw StoreError.invalidPattern(text, reason: "\(error)")
            }
        } else {
            pattern = nil
        }
        normalized = query.normalizedText.map(TextNormalizer.normalize)
    }

    func accepts(_ span: Span) throws -> Bool {
        if let pattern, !pattern.matches(span.text) { return false }
        if let normalized, TextNormalizer.normalize(span.text) != normalized { return false }
        return true
    }
}
