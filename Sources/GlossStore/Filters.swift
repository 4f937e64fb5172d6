import GlossKit

/// Filters on a stored record (read in place) that the driving index did not already apply
/// (labels always are: both indexes are read label by label).
struct RecordFilter: ~Copyable {
    private let sources: IDSet?
    private let value: [ValueCandidate]?
    private let minimum: Double?
    private let maximum: Double?
    private let valuePrefix: (text: String, bytes: [UInt8])?
    private let attributes: [(key: UInt32, value: [UInt8])]
    /// True when the filter accepts every record (nothing to check per span).
    let acceptsAll: Bool

    /// Returns `nil` when the query can match nothing (an attribute key never written).
    init?(query: borrowing SpanQuery, sources: [UInt32]?, ctx: ReadContext) throws {
        self.sources = sources.map(IDSet.init)
        value = query.value.map { ValueText.candidates($0).map(ValueCandidate.init) }
        minimum = query.minimum
        maximum = query.maximum
        valuePrefix = query.valuePrefix.map { ($0, Array($0.utf8)) }
        var attributes: [(UInt32, [UInt8])] = []
        for (name, value) in query.attributes.isEmpty ? [] : query.attributes.sorted(by: { $0.key < $1.key }) {
            guard let id = try ctx.lookup(.attribute, name) else { return nil }
            attributes.append((id, Array(value.utf8)))
        }
        self.attributes = attributes
        acceptsAll = sources == nil && value == nil && minimum == nil && maximum == nil
            && valuePrefix == nil && attributes.isEmpty
    }

    func accepts(_ record: SpanRecordView) throws -> Bool {
        if acceptsAll { return true }
        if let sources, !sources.contains(record.source) { return false }
        if let value {
            guard let actual = record.value, value.contains(where: { $0.matches(actual) }) else { return false }
        }
        if minimum != nil || maximum != nil {
            guard let number = record.value?.number else { return false }
            if let minimum, number < minimum { return false }
            if let maximum, number > maximum { return false }
        }
        if let valuePrefix {
            // Bytes first (cheap); then the String comparison, which decides for composed characters.
            guard case .string(let bytes)? = record.value, bytes.starts(with: valuePrefix.bytes),
                  String(decoding: bytes, as: UTF8.self).hasPrefix(valuePrefix.text) else { return false }
        }
        for (key, wanted) in attributes {
            var found = false
            try record.forEachAttribute { id, value in
                if id == key, value.elementsEqual(wanted) { found = true }
                return !found
            }
            if !found { return false }
        }
        return true
    }
}

/// A value a `--value` query accepts, ready to compare with stored values in place.
private struct ValueCandidate {
    let value: SpanValue
    let utf8: [UInt8]

    init(_ value: SpanValue) {
        self.value = value
        if case .string(let s) = value { utf8 = Array(s.utf8) } else { utf8 = [] }
    }

    func matches(_ actual: SpanValueRef) -> Bool {
        switch (value, actual) {
        case (.decimal(let d), _): actual.number == d
        case (.string, .string(let bytes)): bytes.elementsEqual(utf8)
        case (.date(let d), .date(let e)): d == e
        default: false
        }
    }
}

/// A set of interned ids (sources, labels): a linear search for the usual handful, a hash set beyond.
struct IDSet {
    private let few: [UInt32]
    private let many: Set<UInt32>?

    init(_ ids: [UInt32]) {
        if ids.count <= 8 {
            few = ids
            many = nil
        } else {
            few = []
            many = Set(ids)
        }
    }

    func contains(_ id: UInt32) -> Bool { many?.contains(id) ?? few.contains(id) }
}

/// Filters on the surface text of a span: a regular expression (bounded in time, see
/// ``BoundedRegex``), or a normalized match. A class, built only for a query that filters
/// text: a query without one carries a `nil` reference, not an optional `Regex` (a type of
/// resilient layout, copied and destroyed through generic witnesses).
final class SpanFilter {
    let pattern: BoundedRegex?
    let normalized: String?

    /// The query's text filter; `nil` when it has none (nothing is allocated then).
    static func make(query: borrowing SpanQuery) throws -> SpanFilter? {
        let pattern = query.textPattern
        let normalized = query.normalizedText
        guard pattern != nil || normalized != nil else { return nil }
        return try SpanFilter(pattern: pattern, normalized: normalized)
    }

    private init(pattern text: String?, normalized: String?) throws {
        if let text {
            do {
                pattern = try BoundedRegex(text)
            } catch {
                throw StoreError.invalidPattern(text, reason: "\(error)")
            }
        } else {
            pattern = nil
        }
        self.normalized = normalized.map(TextNormalizer.normalize)
    }

    func accepts(text bytes: UnsafeRawBufferPointer) throws -> Bool {
        let text = String(decoding: bytes, as: UTF8.self)
        if let pattern, !pattern.matches(text) { return false }
        if let normalized, TextNormalizer.normalize(text) != normalized { return false }
        return true
    }
}
