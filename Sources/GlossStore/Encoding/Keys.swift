import GlossKit
import LMDB

/// The primary key of a span: `doc u32 · start u32 · ~end u32 · id u64`, big-endian.
///
/// Storing the end inverted makes LMDB's byte order the result order Gloss promises:
/// document, then start ascending, then end descending (an enclosing span before the spans
/// nested in it), then span id.
struct SpanKey: Hashable, Comparable, Sendable {
    static let size = 20

    /// A page of an index's values (``LMDB/Cursor/duplicatePage()``): span keys end to end.
    static func page(_ values: UnsafeRawBufferPointer, of index: Database) throws -> UnsafeRawBufferPointer {
        guard values.count % size == 0 else {
            throw StoreError.corrupt("a page of \(index.name) holds \(values.count) bytes, not whole span keys")
        }
        return values
    }

    let document: UInt32
    let start: UInt32
    let end: UInt32
    let id: UInt64

    func write(into w: inout ByteWriter) {
        w.u32(document)
        w.u32(start)
        w.u32(~end)
        w.u64(id)
    }

    var bytes: [UInt8] {
        var w = ByteWriter(capacity: SpanKey.size)
        write(into: &w)
        return w.bytes
    }

    /// Lends the encoded key from the stack (no allocation).
    func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        var words = (document.bigEndian, start.bigEndian, (~end).bigEndian,
                     UInt32(truncatingIfNeeded: id >> 32).bigEndian, UInt32(truncatingIfNeeded: id).bigEndian)
        return try withUnsafeBytes(of: &words) { raw in
            precondition(raw.count == SpanKey.size, "SpanKey words are packed")
            return try body(raw)
        }
    }

    /// Reads a span key from the last 20 bytes of an index key (or a whole primary key).
    init(suffixOf key: UnsafeRawBufferPointer) throws {
        guard key.count >= SpanKey.size else { throw StoreError.corrupt("an index key is \(key.count) bytes, shorter than a span key") }
        let o = key.count - SpanKey.size
        document = ByteReader.u32(key, at: o)
        start = ByteReader.u32(key, at: o + 4)
        end = ~ByteReader.u32(key, at: o + 8)
        id = ByteReader.u64(key, at: o + 12)
    }

    init(document: UInt32, start: UInt32, end: UInt32, id: UInt64) {
        self.document = document
        self.start = start
        self.end = end
        self.id = id
    }

    static func < (a: SpanKey, b: SpanKey) -> Bool {
        (a.document, a.start, ~a.end, a.id) < (b.document, b.start, ~b.end, b.id)
    }
}

/// Keys and values of the secondary indexes, both databases with sorted fixed-size duplicates
/// whose values are the 20-byte ``SpanKey``s of the spans they index:
///
/// - `label_index`: key `label u32`: the spans of one label are one key, their keys in document
///   order; a document's spans are found by seeking among them;
/// - `value_index`: key `label u32 · ValueKey`: the spans of one label with one value.
///
/// Spans of new documents sort after the ones stored, so their entries are appended and fill
/// the index pages (see ``PendingIndexEntries``). Scans yield spans in result order, and every
/// entry leads straight to the primary record.
enum IndexKey {
    /// The label index entry of a span: key `label` and value the span key.
    static func byLabel(_ label: UInt32, _ key: SpanKey) -> (key: [UInt8], value: [UInt8]) {
        (prefix(label), key.bytes)
    }

    /// The value index entry of a span: key `label · ValueKey` and value the span key.
    static func byValue(_ label: UInt32, _ value: SpanValue, _ key: SpanKey) -> (key: [UInt8], value: [UInt8]) {
        var w = ByteWriter(capacity: 32)
        w.u32(label)
        ValueKey.write(value, into: &w)
        return (w.bytes, key.bytes)
    }

    /// `u32` prefix of an index.
    static func prefix(_ id: UInt32) -> [UInt8] {
        var w = ByteWriter(capacity: 4)
        w.u32(id)
        return w.bytes
    }

    /// Lends the 4-byte key of a document (or any `u32` id) from the stack.
    static func withKey<R>(_ id: UInt32, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        var word = id.bigEndian
        return try withUnsafeBytes(of: &word, body)
    }

    /// Lends the `u32 · u32` prefix of an index id and a document from the stack.
    static func withKey<R>(_ id: UInt32, document: UInt32, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        var words = (id.bigEndian, document.bigEndian)
        return try withUnsafeBytes(of: &words, body)
    }

    /// `u32 · u32` prefix: an index id and a document.
    static func prefix(_ id: UInt32, document: UInt32) -> [UInt8] {
        var w = ByteWriter(capacity: 8)
        w.u32(id)
        w.u32(document)
        return w.bytes
    }
}

/// Order-preserving encoding of normalized values for the value index.
///
/// - numbers (integers and decimals alike): `0x01` + the IEEE-754 bits of the `Double`,
///   sign-flipped so that byte order is numeric order (negative < 0 < positive);
/// - strings: `0x02` + up to 200 UTF-8 bytes + `0x00` (longer strings share a prefix; exact
///   matches are confirmed against the record);
/// - dates: `0x03` + year u16 + month u8 + day u8 (0 when unknown).
enum ValueKey {
    static let numberTag: UInt8 = 1
    static let stringTag: UInt8 = 2
    static let dateTag: UInt8 = 3
    static let maxStringBytes = 200

    static func write(_ value: SpanValue, into w: inout ByteWriter) {
        w.write(atMost: maximumSize(value)) { write(value, into: &$0) }
    }

    /// The most bytes ``write(_:into:)`` takes for `value`.
    static func maximumSize(_ value: SpanValue) -> Int {
        switch value {
        case .integer, .decimal: 9
        case .string(let s): 2 + min(s.utf8.count, maxStringBytes)
        case .date: 5
        }
    }

    static func write(_ value: SpanValue, into w: inout RawWriter) {
        switch value {
        case .integer(let n): writeNumber(Double(n), into: &w)
        case .decimal(let d): writeNumber(d, into: &w)
        case .string(let s):
            w.u8(stringTag)
            var s = s
            s.withUTF8 { utf8 in
                if utf8.count <= maxStringBytes, !utf8.contains(0) {
                    w.bytes(UnsafeRawBufferPointer(utf8))  // the usual case, in one copy
                    return
                }
                var count = 0
                for byte in utf8 where byte != 0 {
                    guard count < maxStringBytes else { break }
                    w.u8(byte)
                    count += 1
                }
            }
            w.u8(0)
        case .date(let date):
            w.u8(dateTag)
            w.u16(UInt16(date.year))
            w.u8(UInt8(date.month ?? 0))
            w.u8(UInt8(date.day ?? 0))
        }
    }

    static func writeNumber(_ d: Double, into w: inout ByteWriter) {
        w.write(atMost: 9) { writeNumber(d, into: &$0) }
    }

    static func writeNumber(_ d: Double, into w: inout RawWriter) {
        w.u8(numberTag)
        w.u64(orderedBits(d))
    }

    /// The bits of `d` arranged so that unsigned comparison orders them numerically.
    static func orderedBits(_ d: Double) -> UInt64 {
        let bits = (d == 0 ? 0.0 : d).bitPattern  // fold -0 into +0
        return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
    }

    /// The value of an encoded key as text (the inverse of ``write(_:into:)``, as
    /// ``SpanValue/text`` prints it; strings longer than the key keeps are cut).
    static func text(of key: [UInt8]) -> String {
        guard let tag = key.first else { return "-" }
        switch tag {
        case numberTag where key.count == 9:
            var bits: UInt64 = 0
            for byte in key[1...] { bits = bits << 8 | UInt64(byte) }
            let raw = bits & (1 << 63) != 0 ? bits & ~(1 << 63) : ~bits
            return SpanValue.decimal(Double(bitPattern: raw)).text
        case stringTag:
            return String(decoding: key.dropFirst().prefix { $0 != 0 }, as: UTF8.self)
        case dateTag where key.count == 5:
            let year = Int(key[1]) << 8 | Int(key[2])
            let month = Int(key[3])
            let day = Int(key[4])
            return SpanDate(year: year, month: month == 0 ? nil : month, day: day == 0 ? nil : day)?.iso ?? "-"
        default:
            return "-"
        }
    }

    static func encoded(_ value: SpanValue) -> [UInt8] {
        var w = ByteWriter()
        write(value, into: &w)
        return w.bytes
    }
}
