import GlossKit

/// What `count(_:by:)` groups spans by.
public enum SpanGrouping: Sendable, Hashable {
    /// The label.
    case label
    /// The normalized value as text (`-` when none).
    case value
    /// The document name.
    case document
    /// The source (`extractor@version`).
    case source
    /// The value of an attribute (`-` when absent).
    case attribute(String)
}

extension GlossStore {
    /// Counts the spans matching `query`, grouped by `grouping` (or in one group, keyed `all`),
    /// most frequent first (ties in key order). With no filters, counts by label or source come
    /// straight from the store's counters.
    public func count(_ query: SpanQuery, by grouping: SpanGrouping?) throws -> [(key: String, count: Int)] {
        let unfiltered = query.documents.isEmpty && query.value == nil && query.minimum == nil && query.maximum == nil
            && query.valuePrefix == nil && query.attributes.isEmpty && query.textPattern == nil
            && query.normalizedText == nil && query.joins.isEmpty && query.offset == 0 && query.limit == nil
        if unfiltered && query.sources.isEmpty, grouping == .label || grouping == nil {
            let stats = try statistics()
            let labels = query.labels.isEmpty ? stats.labels : stats.labels.filter { query.labels.contains($0.name) }
            for label in query.labels where !stats.labels.contains(where: { $0.name == label }) {
                throw StoreError.unknownLabel(label, known: stats.labels.map(\.name).sorted())
            }
            if grouping == nil { return [("all", labels.reduce(0) { $0 + $1.count })] }
            return labels.map { (key: $0.name, count: $0.count) }
        }
        if unfiltered && query.labels.isEmpty && query.sources.isEmpty && grouping == .source {
            return try statistics().sources.map { (key: $0.name, count: $0.count) }
        }
        var counts: [String: Int] = [:]
        try forEachSpan(query) { span in
            let key: String
            switch grouping {
            case nil: key = "all"
            case .label: key = span.label
            case .value: key = span.value?.text ?? "-"
            case .document: key = span.document
            case .source: key = span.source
            case .attribute(let name): key = span.attributes[name] ?? "-"
            }
            counts[key, default: 0] += 1
            return true
        }
        if grouping == nil && counts.isEmpty { return [("all", 0)] }
        return counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { (key: $0.key, count: $0.value) }
    }
}
