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
        if unfiltered && query.sources.isEmpty {
            switch grouping {
            case nil, .label?:
                let labels = try read { ctx in try ctx.counts(.label, only: query.labels) }
                if grouping == nil { return [("all", labels.reduce(0) { $0 + $1.count })] }
                return Self.ranked(labels)
            case .value?:
                return Self.ranked(try read { ctx in try ctx.valueCounts(labels: query.labels) })
            default:
                break
            }
        }
        if unfiltered && query.labels.isEmpty && query.sources.isEmpty && grouping == .source {
            return Self.ranked(try read { ctx in try ctx.counts(.source, only: []) })
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
        return Self.ranked(counts.map { (key: $0.key, count: $0.value) })
    }

    /// Most frequent first, ties in key order.
    static func ranked(_ groups: [(key: String, count: Int)]) -> [(key: String, count: Int)] {
        groups.sorted { $0.count != $1.count ? $0.count > $1.count : $0.key < $1.key }
    }
}

extension ReadContext {
    /// Span counts per label or source from the counters (no scan); `only` restricts to names,
    /// each of which must exist.
    func counts(_ kind: InternTable.Kind, only: [String]) throws -> [(key: String, count: Int)] {
        let all = try store.dictionary.all(kind, in: txn, schema: schema)
        for name in only where !all.contains(where: { $0.name == name }) {
            let known = all.map(\.name).sorted()
            throw kind == .label ? StoreError.unknownLabel(name, known: known) : StoreError.unknownSource(name, known: known)
        }
        var result: [(key: String, count: Int)] = []
        for (name, id) in all where only.isEmpty || only.contains(name) {
            let count = try counter(kind, id)
            if count > 0 { result.append((name, count)) }
        }
        return result
    }

    /// Span counts per value: the number of span keys under each of the label's keys in the
    /// value index (one key per distinct value: no span is read), plus the entries of the value
    /// log not yet merged into it; spans without a value are counted under `-`.
    func valueCounts(labels: [String]) throws -> [(key: String, count: Int)] {
        let all = try store.dictionary.all(.label, in: txn, schema: schema)
        for name in labels where !all.contains(where: { $0.name == name }) {
            throw StoreError.unknownLabel(name, known: all.map(\.name).sorted())
        }
        var counts: [String: Int] = [:]
        try txn.withCursor(schema.byValue) { cursor in
            for (name, id) in all where labels.isEmpty || labels.contains(name) {
                var valued = 0
                try IndexKey.withKey(id) { label in
                    var entry = try cursor.seek(atOrAfter: label)
                    while let (key, _) = entry, key.starts(with: label) {
                        guard key.count > 4 else { throw StoreError.corrupt("a value index key of label \(name) cannot be read") }
                        let count = try cursor.duplicateCount()
                        counts[ValueKey.text(of: Array(key[4...])), default: 0] += count
                        valued += count
                        entry = try cursor.nextKey()
                    }
                    // A run holds a value's entries side by side: each value is decoded once a
                    // run (`last`, the key counted `same` times so far).
                    var last: [UInt8] = []
                    var same = 0
                    try ValueLog.scan(in: txn, schema: schema, from: label, while: { $0.count >= 4 && ByteReader.u32($0, at: 0) == id }) { key, _ in
                        guard key.count > 4 else { throw StoreError.corrupt("a value log key of label \(name) cannot be read") }
                        if same > 0 {
                            if ValueLog.compare(key, last) == 0 {
                                same += 1
                                return
                            }
                            counts[ValueKey.text(of: Array(last[4...])), default: 0] += same
                            valued += same
                        }
                        last.removeAll(keepingCapacity: true)
                        last.append(contentsOf: key)
                        same = 1
                    }
                    if same > 0 {
                        counts[ValueKey.text(of: Array(last[4...])), default: 0] += same
                        valued += same
                    }
                }
                let missing = try counter(.label, id) - valued
                if missing > 0 { counts["-", default: 0] += missing }
            }
        }
        return counts.map { (key: $0.key, count: $0.value) }
    }
}
