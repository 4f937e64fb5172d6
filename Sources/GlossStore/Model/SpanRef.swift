import GlossKit

/// A span read straight from the store, for streaming without copying: its text, its string
/// value and its attribute values point into the memory map, and its names (document, label,
/// source, attribute keys) are lent by whoever hands it out, so handing one to a callback
/// allocates nothing and counts no references. A `SpanRef` is valid only inside the closure that
/// receives it — copy what you keep (``span`` makes a ``Span``).
public struct SpanRef {
    /// The span's id.
    public let id: UInt64
    /// First code point.
    public let start: Int
    /// One past the last code point.
    public let end: Int
    /// The names, lent (see ``LentStrings``).
    private let documentName: UnsafePointer<String>
    private let labelName: UnsafePointer<String>
    private let sourceName: UnsafePointer<String>
    /// The confidence, 0 to 1.
    public let confidence: Double
    /// The covered text as UTF-8 bytes in the memory map; valid only inside the callback.
    public let text: UnsafeRawBufferPointer
    /// The normalized value as stored, without copying a string value.
    public let valueRef: SpanValueRef?
    /// The attributes as stored, in key order, without copying their values.
    public let attributesRef: SpanAttributesRef

    /// A reference whose names are lent by address: they must stay alive and unchanged while
    /// the reference is used (see ``LentStrings``).
    init(id: UInt64, document: UnsafePointer<String>, start: Int, end: Int, label: UnsafePointer<String>,
         source: UnsafePointer<String>, confidence: Double, text: UnsafeRawBufferPointer, value: SpanValueRef?,
         attributes: SpanAttributesRef) {
        self.id = id
        documentName = document
        self.start = start
        self.end = end
        labelName = label
        sourceName = source
        self.confidence = confidence
        self.text = text
        self.valueRef = value
        self.attributesRef = attributes
    }

    /// The document's name.
    public var document: String { unsafeAddress { documentName } }
    /// The label.
    public var label: String { unsafeAddress { labelName } }
    /// The source (`extractor@version`).
    public var source: String { unsafeAddress { sourceName } }

    /// The normalized value (a copy).
    public var value: SpanValue? { valueRef?.value }

    /// The attributes in key order (copies).
    public var attributes: [(key: String, value: String)] {
        attributesRef.map { (key: $0.key, value: String(decoding: $0.value, as: UTF8.self)) }
    }

    /// An owned copy.
    public var span: Span {
        var attributes: [String: String] = [:]
        for attribute in attributesRef { attributes[attribute.key] = String(decoding: attribute.value, as: UTF8.self) }
        return Span(id: id, document: document, start: start, end: end, text: String(decoding: text, as: UTF8.self),
                    label: label, source: source, confidence: confidence, value: value, attributes: attributes)
    }
}

/// A span's normalized value as stored; a string value points into the memory map.
public enum SpanValueRef {
    /// A whole number.
    case integer(Int64)
    /// A number with a fractional part.
    case decimal(Double)
    /// A text value: its UTF-8 bytes, valid only inside the callback.
    case string(UnsafeRawBufferPointer)
    /// A calendar date.
    case date(SpanDate)

    /// An owned copy.
    public var value: SpanValue {
        switch self {
        case .integer(let n): .integer(n)
        case .decimal(let d): .decimal(d)
        case .string(let bytes): .string(String(decoding: bytes, as: UTF8.self))
        case .date(let date): .date(date)
        }
    }

    /// The numeric value of an integer or decimal, `nil` for strings and dates.
    public var number: Double? {
        switch self {
        case .integer(let n): Double(n)
        case .decimal(let d): d
        case .string, .date: nil
        }
    }
}

/// Strings lent to span references by address. The names a reference carries (document,
/// label, source, attribute keys) sit in memory of their own, which the reference points into:
/// a reference holding the strings themselves would retain and release each of them (atomic
/// operations, or calls that find a small string and do nothing) for every span. Whoever hands
/// out references — a query's builder, ``Span/withReference(_:)`` — keeps the strings alive and
/// unchanged until the callback returns: one of the reasons a ``SpanRef`` is valid only inside it.
final class LentStrings {
    private var storage: UnsafeMutableBufferPointer<String>

    init(_ strings: [String]) {
        storage = .allocate(capacity: strings.count)
        _ = storage.initialize(fromContentsOf: strings)
    }

    deinit {
        storage.deinitialize()
        storage.deallocate()
    }

    /// The strings, valid until ``set(_:_:)`` grows them.
    var strings: UnsafeBufferPointer<String> { UnsafeBufferPointer(storage) }

    /// The address of string `index`, valid until ``set(_:_:)`` grows the strings.
    func address(_ index: Int) -> UnsafePointer<String> {
        precondition(index >= 0 && index < storage.count, "a lent string past the end")
        return UnsafePointer(storage.baseAddress.unsafelyUnwrapped + index)
    }

    /// Replaces string `index`; past the end, first grows the strings to hold it (empty strings
    /// between), which moves them: addresses lent before are no longer valid.
    func set(_ index: Int, _ value: String) {
        if index >= storage.count {
            let grown = UnsafeMutableBufferPointer<String>.allocate(capacity: index + 1)
            let moved = grown.moveInitialize(fromContentsOf: storage)
            UnsafeMutableBufferPointer(rebasing: grown[moved...]).initialize(repeating: "")
            storage.deallocate()
            storage = grown
        }
        storage[index] = value
    }
}

/// The names of one kind of interned id as the store's cache held them at one moment, indexed
/// by id ("" where not cached), lent by address to the span references of every query that
/// starts before the next name of the kind is learned. Never changed once made: a query that
/// meets an id without a name copies the names into ``LentStrings`` of its own.
final class NameSnapshot: @unchecked Sendable {
    // @unchecked: `storage` is initialized by `init` and deinitialized by `deinit`; nothing
    // writes to it in between, so any number of threads may read it.
    private let storage: UnsafeMutableBufferPointer<String>
    /// Bit `id` set for each id below 64 that has a name.
    let known: UInt64

    init(_ names: [String?]) {
        storage = .allocate(capacity: names.count)
        _ = storage.initialize(fromContentsOf: names.lazy.map { $0 ?? "" })
        var known: UInt64 = 0
        for (id, name) in names.prefix(64).enumerated() where name != nil { known |= 1 << UInt64(id) }
        self.known = known
    }

    deinit {
        storage.deinitialize()
        storage.deallocate()
    }

    /// The names, valid while this snapshot lives.
    var strings: UnsafeBufferPointer<String> { UnsafeBufferPointer(storage) }
}

/// A span's attributes as stored, in key order: each a key name and the UTF-8 bytes of its
/// value (valid only inside the callback). Iterating allocates nothing.
public struct SpanAttributesRef: Sequence {
    /// `(key id varint · value length varint · value bytes)*`, already checked to be well formed.
    let bytes: UnsafeRawBufferPointer
    /// The number of attributes.
    public let count: Int
    /// Attribute names by interned id (every id in `bytes` has one), lent (``LentStrings``).
    let names: UnsafeBufferPointer<String>

    init(bytes: UnsafeRawBufferPointer, count: Int, names: UnsafeBufferPointer<String>) {
        self.bytes = bytes
        self.count = count
        self.names = names
    }

    /// True when the span has no attributes.
    public var isEmpty: Bool { count == 0 }

    public func makeIterator() -> Iterator { Iterator(bytes: bytes, left: count, names: names) }

    /// The name of attribute key `id` ("" for an id without one, which a checked record never has).
    @inline(__always)
    private static func name(_ id: UInt64, in names: UnsafeBufferPointer<String>) -> String {
        id < UInt64(names.count) ? names[Int(id)] : ""
    }

    /// Calls `body` with each attribute's key name and value bytes, in key order: the walk of a
    /// `for` loop without an iterator's state between steps (what the JSON writer uses, once per
    /// span).
    public func forEach(_ body: (_ key: String, _ value: UnsafeRawBufferPointer) throws -> Void) rethrows {
        var reader = Iterator.Reader(bytes: bytes)
        for _ in 0..<count {
            guard let (id, value) = reader.next() else { return }
            try body(Self.name(id, in: names), value)
        }
    }

    /// Walks the stored attributes.
    public struct Iterator: IteratorProtocol {
        private var reader: Reader
        private var left: Int
        private let names: UnsafeBufferPointer<String>

        init(bytes: UnsafeRawBufferPointer, left: Int, names: UnsafeBufferPointer<String>) {
            reader = Reader(bytes: bytes)
            self.left = left
            self.names = names
        }

        public mutating func next() -> (key: String, value: UnsafeRawBufferPointer)? {
            guard left > 0, let (id, value) = reader.next() else { return nil }
            left -= 1
            return (SpanAttributesRef.name(id, in: names), value)
        }

        /// Reads `(key id varint · value length varint · value bytes)` entries one after another.
        struct Reader {
            let bytes: UnsafeRawBufferPointer
            var position = 0

            init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

            /// The next entry's key id and value bytes; `nil` at the end or on a malformed entry.
            mutating func next() -> (id: UInt64, value: UnsafeRawBufferPointer)? {
                guard let id = varint(), let length = varint(), length <= UInt64(bytes.count - position) else { return nil }
                let value = UnsafeRawBufferPointer(rebasing: bytes[position..<(position + Int(length))])
                position += Int(length)
                return (id, value)
            }

            private mutating func varint() -> UInt64? {
                var result: UInt64 = 0
                var shift: UInt64 = 0
                while position < bytes.count, shift < 64 {
                    let byte = bytes[position]
                    position += 1
                    result |= UInt64(byte & 0x7F) << shift
                    if byte < 0x80 { return result }
                    shift += 7
                }
                return nil
            }
        }
    }
}

extension Span {
    /// Lends this span as a ``SpanRef`` (attributes in key order) for code written for references.
    public func withReference<R>(_ body: (SpanRef) throws -> R) rethrows -> R {
        let keys = attributes.keys.sorted()
        var encoded = ByteWriter(capacity: 16 + text.utf8.count)
        for (id, key) in keys.enumerated() {
            encoded.varint(UInt64(id))
            encoded.string(attributes[key] ?? "")
        }
        let attributeBytes = encoded.bytes.count
        if case .string(let s) = value { encoded.bytes.append(contentsOf: s.utf8) }
        let textStart = encoded.bytes.count
        encoded.bytes.append(contentsOf: text.utf8)
        return try encoded.bytes.withUnsafeBytes { raw in
            let valueRef: SpanValueRef? = switch value {
            case nil: nil
            case .integer(let n)?: .integer(n)
            case .decimal(let d)?: .decimal(d)
            case .string?: .string(UnsafeRawBufferPointer(rebasing: raw[attributeBytes..<textStart]))
            case .date(let date)?: .date(date)
            }
            // The reference points into its names: they live until `body` returns.
            let names = LentStrings([document, label, source])
            let keyNames = LentStrings(keys)
            return try withExtendedLifetime((names, keyNames)) {
                try body(SpanRef(id: id, document: names.address(0), start: start, end: end, label: names.address(1),
                                 source: names.address(2), confidence: confidence,
                                 text: UnsafeRawBufferPointer(rebasing: raw[textStart...]), value: valueRef,
                                 attributes: SpanAttributesRef(bytes: UnsafeRawBufferPointer(rebasing: raw[..<attributeBytes]),
                                                               count: keys.count, names: keyNames.strings)))
            }
        }
    }
}
