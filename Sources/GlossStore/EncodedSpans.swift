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

    /// Encodes `drafts` of `source` with the label and attribute-name ids `id` gives (it
    /// throws to give up, and `init` rethrows).
    init(_ drafts: [SpanDraft], source: UInt32, id: (InternTable.Kind, String) throws -> UInt32) rethrows {
        self.source = source
        var spans: [Span] = []
        spans.reserveCapacity(drafts.count)
        var writer = ByteWriter(capacity: drafts.count * 64)
        // Drafts of one extractor repeat a few label and attribute names: their ids are found
        // by comparing names (equal short strings compare in a step) rather than by hashing.
        var labels = NameCache()
        var attributes = AttributeList()
        var inKeyOrder = true
        // Fields are read in place (through the buffer) rather than by copying each draft,
        // which would retain and release its strings and dictionary.
        try drafts.withUnsafeBufferPointer { drafts in
            for index in drafts.indices {
                let label = try labels.id(of: drafts[index].label) { try id(.label, $0) }
                try attributes.load(drafts[index].attributes) { try id(.attribute, $0) }
                let value = drafts[index].value
                let valueKeySize = value.map { 4 + ValueKey.maximumSize($0) } ?? 0
                let start = writer.bytes.count
                var recordSize = 0
                writer.write(atMost: SpanRecord.maximumSize(value: value, attributes: attributes) + valueKeySize) { w in
                    SpanRecord.encode(label: label, source: source, confidence: drafts[index].confidence, value: value,
                                      attributes: attributes, into: &w)
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

/// Ids of the few names a run of drafts repeats, found by comparing names; a name not among
/// them is resolved once and remembered (up to ``NameCache/capacity`` names; past that,
/// resolved every time, since a long list would cost more to scan than a lookup).
struct NameCache {
    static let capacity = 16
    private var names: [(name: String, id: UInt32)]

    init() {
        names = []
        names.reserveCapacity(8)
    }

    /// The id of `name` if it is among the names remembered.
    func cached(_ name: String) -> UInt32? {
        for entry in names where entry.name == name { return entry.id }
        return nil
    }

    mutating func id(of name: String, resolve: (String) throws -> UInt32) rethrows -> UInt32 {
        if let id = cached(name) { return id }
        let id = try resolve(name)
        if names.count < Self.capacity { names.append((name, id)) }
        return id
    }
}

/// The attributes of one draft as a span record stores them: name ids with their values, in
/// name order. Reused from draft to draft, so that once grown it allocates nothing.
struct AttributeList {
    private var items: [(name: String, id: UInt32, value: String)] = []
    private var names = NameCache()
    /// How many attributes are loaded.
    private(set) var count = 0
    /// The most bytes the loaded attributes take in a record (a varint id, a varint length and
    /// the UTF-8 of each value).
    private(set) var maximumEncodedSize = 0

    /// Replaces the list with `attributes`, their names resolved to ids by `id` in name order
    /// (so that names new to the store are interned in the same order on every run: a
    /// dictionary's order changes from one instance to the next).
    mutating func load(_ attributes: [String: String], id: (String) throws -> UInt32) rethrows {
        count = 0
        maximumEncodedSize = 0
        var unresolved = false
        for (name, value) in attributes {
            let known = names.cached(name)
            unresolved = unresolved || known == nil
            insert(name: name, id: known ?? 0, value: value)
            maximumEncodedSize += 2 * RawWriter.maximumVarintBytes + value.utf8.count
        }
        guard unresolved else { return }
        for index in 0 ..< count { items[index].id = try names.id(of: items[index].name, resolve: id) }
    }

    /// Inserts in name order (a draft has a handful of attributes: insertion is the cheapest sort).
    private mutating func insert(name: String, id: UInt32, value: String) {
        var slot = count
        if slot < items.count { items[slot] = (name, id, value) } else { items.append((name, id, value)) }
        while slot > 0, items[slot - 1].name > name {
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
