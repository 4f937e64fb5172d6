import GlossKit

/// The spans one extractor found on one document, encoded as the store keeps them: each span's
/// record and, when it has a value, its value index key (`label · ValueKey`), one after the
/// other in one buffer.
///
/// `Annotator` encodes on the extraction threads, ahead of the write transaction, with ids the
/// store has already committed (which never change), so that the single writer only makes keys
/// and puts; a draft naming anything not interned yet leaves the whole set to the writer, which
/// encodes it the same way with ids it interns
/// (``WriteContext/replaceExtractions(document:textHash:_:)``).
/// Records and keys are written through a ``RawWriter`` into room reserved once per span.
struct EncodedSpans: Sendable {
    /// One span: its label id, code-point range, and where its record and value key lie in
    /// `bytes` (the value key follows the record; an empty value key means no value).
    struct Span: Sendable {
        let label: UInt32
        let start: UInt32
        let end: UInt32
        let recordStart: Int
        let recordEnd: Int
        let valueKeyEnd: Int
    }

    /// The source id the records hold.
    let source: UInt32
    /// The spans, in draft order.
    let spans: [Span]
    /// Records and value keys, one after the other.
    let bytes: [UInt8]
    /// Whether the spans are in key order (start, then end descending), as most extractors
    /// give them: then they can be put as they are.
    let isInKeyOrder: Bool

    /// Encodes `drafts` of `source` with the label and attribute-name ids `id` gives and the
    /// text locations `locate` finds (either throws to give up, and `init` rethrows). `encoder`
    /// carries the names it has resolved to the next encoding: use one for all the drafts
    /// encoded under one transaction.
    init(_ drafts: [SpanDraft], source: UInt32, encoder: inout SpanEncoder,
         locate: (_ start: Int, _ end: Int) throws -> SpanTextLocation,
         id: (InternTable.Kind, String) throws -> UInt32) rethrows {
        self.source = source
        var spans: [Span] = []
        spans.reserveCapacity(drafts.count)
        var writer = ByteWriter(capacity: drafts.count * 64)
        var inKeyOrder = true
        // Fields are read in place (through the buffer) rather than by copying each draft,
        // which would retain and release its strings and dictionary.
        try drafts.withUnsafeBufferPointer { drafts in
            for index in drafts.indices {
                // The names are looked up among those remembered first, so that the closures
                // resolving a new name are only formed for one (forming them retains what they
                // capture, twice per draft otherwise).
                let label: UInt32
                if let known = encoder.labels.cached(drafts[index].label) {
                    label = known.id
                } else {
                    label = try encoder.labels.id(of: drafts[index].label) { try id(.label, $0) }
                }
                if !encoder.attributes.loadRemembered(drafts[index].attributes) {
                    try encoder.attributes.loadResolving(drafts[index].attributes) { try id(.attribute, $0) }
                }
                let text = try locate(drafts[index].start, drafts[index].end)
                let value = drafts[index].value
                let valueKeySize = value.map { 4 + ValueKey.maximumSize($0) } ?? 0
                let start = writer.bytes.count
                var recordSize = 0
                writer.write(atMost: SpanRecord.maximumSize(value: value, attributes: encoder.attributes) + valueKeySize) { w in
                    SpanRecord.encode(text: text, label: label, source: source, confidence: drafts[index].confidence, value: value,
                                      attributes: encoder.attributes, into: &w)
                    recordSize = w.count
                    if let value {
                        w.u32(label)
                        ValueKey.write(value, into: &w)
                    }
                }
                if let previous = spans.last, drafts[index].start < previous.start
                    || (drafts[index].start == previous.start && drafts[index].end > previous.end) {
                    inKeyOrder = false
                }
                spans.append(Span(label: label, start: UInt32(drafts[index].start), end: UInt32(drafts[index].end),
                                  recordStart: start, recordEnd: start + recordSize, valueKeyEnd: writer.bytes.count))
            }
        }
        self.spans = spans
        bytes = writer.bytes
        isInKeyOrder = inKeyOrder
    }
}

/// What encoding drafts remembers from one draft to the next: label and attribute names with
/// their ids. Valid under the transaction whose ids it was given (ids a store has committed
/// never change; those a write transaction interns last as long as it does).
struct SpanEncoder {
    var labels = NameCache()
    var attributes = AttributeList()
}

/// Ids of the few names drafts repeat, found by comparing names (lengths first: equal short
/// strings then compare in a step) rather than by hashing; a name not among them is resolved
/// once and remembered (up to ``NameCache/capacity`` names; past that, resolved every time,
/// since a long list would cost more to scan than a lookup). Each remembered name also has a
/// rank, its place among the remembered names in name order, so that attributes are put in
/// name order by comparing ranks instead of strings.
struct NameCache {
    static let capacity = 16
    private var names: [(name: String, length: Int, id: UInt32, rank: Int)]

    init() {
        names = []
        names.reserveCapacity(Self.capacity)
    }

    /// The id and rank of `name` if it is among the names remembered.
    func cached(_ name: String) -> (id: UInt32, rank: Int)? {
        let length = name.utf8.count
        return names.withUnsafeBufferPointer { names in
            for index in names.indices where names[index].length == length && names[index].name == name {
                return (names[index].id, names[index].rank)
            }
            return nil
        }
    }

    mutating func id(of name: String, resolve: (String) throws -> UInt32) rethrows -> UInt32 {
        if let known = cached(name) { return known.id }
        let id = try resolve(name)
        if names.count < Self.capacity {
            names.append((name, name.utf8.count, id, 0))
            let order = names.indices.sorted { names[$0].name < names[$1].name }
            for (rank, index) in order.enumerated() { names[index].rank = rank }
        }
        return id
    }
}

/// The attributes of one draft as a span record stores them: name ids with their values, in
/// name order. Reused from draft to draft, so that once grown it allocates nothing.
struct AttributeList {
    private var items: [(rank: Int, id: UInt32, value: String)] = []
    private var names = NameCache()
    /// How many attributes are loaded.
    private(set) var count = 0
    /// The most bytes the loaded attributes take in a record (a varint id, a varint length and
    /// the UTF-8 of each value).
    private(set) var maximumEncodedSize = 0

    /// Replaces the list with `attributes`, all their names resolved to ids by `id` in name
    /// order (so that names new to the store are interned in the same order on every run: a
    /// dictionary's order changes from one instance to the next). For a draft with a name not
    /// met before (``loadRemembered(_:)`` puts the others in order by their rank).
    mutating func loadResolving(_ attributes: [String: String], id: (String) throws -> UInt32) rethrows {
        count = 0
        maximumEncodedSize = 0
        for (rank, name) in attributes.keys.sorted().enumerated() {
            insert(rank: rank, id: try names.id(of: name, resolve: id), value: attributes[name] ?? "")
        }
    }

    /// Replaces the list with `attributes` if every name is among those met before; returns
    /// false (the list then holds only some) if one is not.
    mutating func loadRemembered(_ attributes: [String: String]) -> Bool {
        count = 0
        maximumEncodedSize = 0
        for (name, value) in attributes {
            guard let known = names.cached(name) else { return false }
            insert(rank: known.rank, id: known.id, value: value)
        }
        return true
    }

    /// Inserts in rank order (a draft has a handful of attributes: insertion is the cheapest sort).
    private mutating func insert(rank: Int, id: UInt32, value: String) {
        maximumEncodedSize += 2 * RawWriter.maximumVarintBytes + value.utf8.count
        var slot = count
        if slot < items.count { items[slot] = (rank, id, value) } else { items.append((rank, id, value)) }
        while slot > 0, items[slot - 1].rank > rank {
            items.swapAt(slot - 1, slot)
            slot -= 1
        }
        count += 1
    }

    /// Calls `body` with each attribute's name id and value, in name order.
    func forEach(_ body: (_ id: UInt32, _ value: String) -> Void) {
        for index in 0 ..< count { body(items[index].id, items[index].value) }
    }
}
