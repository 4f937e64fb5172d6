import GlossKit

/// The stored form of a span (the value under its ``SpanKey``):
/// `format u8 · text offset varint · text length varint · label varint · source varint ·
/// confidence u16 · value · attribute count varint · (key id varint · value string)*`. Labels,
/// sources and attribute keys are interned ids.
///
/// The text offset and length say where the span's text lies in the stored text without
/// counting code points (``SpanTextLocation``). Format 1, written by stores of schema 5 and
/// before, lacks them: its spans are found by walking their chunk, and it is still read.
struct SpanRecord {
    /// The format records are written in.
    static let format: UInt8 = 2
    /// The format of schema 5 and before, without the text's location.
    static let formatWithoutLocation: UInt8 = 1

    /// Where the span's text lies; `nil` in a record of format 1.
    var text: SpanTextLocation?
    var label: UInt32
    var source: UInt32
    var confidence: Double
    var value: SpanValue?
    /// Attribute key ids and values, sorted by key name.
    var attributes: [(key: UInt32, value: String)]

    /// Writes a record of these fields: the one encoder of the format (writers encode drafts
    /// with it directly, without building a `SpanRecord`).
    static func encode(text: SpanTextLocation, label: UInt32, source: UInt32, confidence: Double, value: SpanValue?,
                       attributes: AttributeList, into w: inout RawWriter) {
        w.u8(SpanRecord.format)
        w.varint(UInt64(text.offset))
        w.varint(UInt64(text.length))
        w.varint(UInt64(label))
        w.varint(UInt64(source))
        w.u16(UInt16((min(max(confidence, 0), 1) * 65535).rounded()))
        ValueCodec.write(value, into: &w)
        w.varint(UInt64(attributes.count))
        attributes.forEach { id, value in
            w.varint(UInt64(id))
            w.string(value)
        }
    }

    /// The most bytes ``encode(text:label:source:confidence:value:attributes:into:)`` takes.
    static func maximumSize(value: SpanValue?, attributes: AttributeList) -> Int {
        1 + 4 * RawWriter.maximumVarintBytes + 2 + ValueCodec.maximumSize(value) + RawWriter.maximumVarintBytes
            + attributes.maximumEncodedSize
    }

    static func decode(_ buffer: UnsafeRawBufferPointer) throws -> SpanRecord {
        let view = try SpanRecordView(buffer)
        var attributes: [(key: UInt32, value: String)] = []
        attributes.reserveCapacity(view.attributeCount)
        try view.forEachAttribute { key, value in
            attributes.append((key, String(decoding: value, as: UTF8.self)))
            return true
        }
        return SpanRecord(text: view.text, label: view.label, source: view.source, confidence: view.confidence, value: view.value?.value,
                          attributes: attributes)
    }
}

/// A stored span record read in place: nothing is copied, string values and attributes stay
/// in the buffer (the memory map). The whole record is checked to be well formed when read.
struct SpanRecordView {
    /// Where the span's text lies; `nil` in a record of format 1.
    let text: SpanTextLocation?
    let label: UInt32
    let source: UInt32
    let confidence: Double
    let value: SpanValueRef?
    let attributeCount: Int
    /// `(key id varint · value length varint · value bytes)*`.
    let attributes: UnsafeRawBufferPointer
    /// Bit `id` set for each attribute key id below 64; bit 63 also stands for every id ≥ 63.
    let attributeIDs: UInt64

    init(_ buffer: UnsafeRawBufferPointer) throws {
        var r = ByteReader(buffer)
        text = try Self.readText(&r)
        label = UInt32(truncatingIfNeeded: try r.varint())
        source = UInt32(truncatingIfNeeded: try r.varint())
        confidence = Double(try r.u16()) / 65535
        value = try ValueCodec.readReference(&r)
        attributeCount = Int(try r.varint())
        guard attributeCount < 10_000 else { throw Self.corrupt(attributeCount: attributeCount) }
        let start = r.position
        var ids: UInt64 = 0
        for _ in 0..<attributeCount {
            ids |= 1 << min(try r.varint(), 63)
            _ = try r.bytes(Int(try r.varint()))
        }
        attributeIDs = ids
        attributes = UnsafeRawBufferPointer(rebasing: buffer[start..<r.position])
    }

    /// The label id of the record in `buffer`, read without decoding the rest (a scan that
    /// filters records by label skips most of them).
    static func label(of buffer: UnsafeRawBufferPointer) throws -> UInt32 {
        var r = ByteReader(buffer)
        _ = try readText(&r)
        return UInt32(truncatingIfNeeded: try r.varint())
    }

    /// Reads the format byte and, in format 2, where the text lies.
    @inline(__always)
    private static func readText(_ r: inout ByteReader) throws -> SpanTextLocation? {
        switch try r.u8() {
        case SpanRecord.format:
            let offset = try r.varint(), length = try r.varint()
            guard offset <= UInt32.max, length <= UInt32.max else { throw StoreError.corrupt("a span record places its text past 4 GiB") }
            return SpanTextLocation(offset: Int(offset), length: Int(length))
        case SpanRecord.formatWithoutLocation:
            return nil
        case let format:
            throw corrupt(format: format)
        }
    }

    // The errors of a damaged record, built out of line (their messages' interpolation kept
    // off the decoding path).
    @inline(never)
    private static func corrupt(attributeCount: Int) -> StoreError {
        .corrupt("a span record claims \(attributeCount) attributes")
    }

    @inline(never)
    private static func corrupt(format: UInt8) -> StoreError {
        .corrupt("a span record has format \(format)")
    }

    /// Calls `body` with each attribute's key id and value bytes, in key-name order, until it returns false.
    func forEachAttribute(_ body: (UInt32, UnsafeRawBufferPointer) throws -> Bool) throws {
        var r = ByteReader(attributes)
        for _ in 0..<attributeCount {
            let key = UInt32(truncatingIfNeeded: try r.varint())
            guard try body(key, try r.bytes(Int(try r.varint()))) else { return }
        }
    }
}

/// Typed values inside records: `tag u8` then `0` none · `1` integer (zig-zag varint) ·
/// `2` decimal (IEEE-754 u64) · `3` string · `4` date (year u16, month u8, day u8; 0 = unknown).
enum ValueCodec {
    static func write(_ value: SpanValue?, into w: inout RawWriter) {
        switch value {
        case nil: w.u8(0)
        case .integer(let n): w.u8(1); w.signedVarint(n)
        case .decimal(let d): w.u8(2); w.u64(d.bitPattern)
        case .string(let s): w.u8(3); w.string(s)
        case .date(let date):
            w.u8(4)
            w.u16(UInt16(date.year))
            w.u8(UInt8(date.month ?? 0))
            w.u8(UInt8(date.day ?? 0))
        }
    }

    /// The most bytes ``write(_:into:)`` takes for `value`.
    static func maximumSize(_ value: SpanValue?) -> Int {
        switch value {
        case nil: 1
        case .integer: 1 + RawWriter.maximumVarintBytes
        case .decimal: 9
        case .string(let s): 1 + RawWriter.maximumVarintBytes + s.utf8.count
        case .date: 5
        }
    }

    static func read(_ r: inout ByteReader) throws -> SpanValue? {
        try readReference(&r)?.value
    }

    /// Reads a value in place: a string value points into the buffer.
    static func readReference(_ r: inout ByteReader) throws -> SpanValueRef? {
        switch try r.u8() {
        case 0: return nil
        case 1: return .integer(try r.signedVarint())
        case 2: return .decimal(Double(bitPattern: try r.u64()))
        case 3: return .string(try r.bytes(Int(try r.varint())))
        case 4: return .date(try readDate(&r))
        case let tag: throw unknownTag(tag)
        }
    }

    @inline(never)
    private static func unknownTag(_ tag: UInt8) -> StoreError {
        .corrupt("unknown value tag \(tag)")
    }

    private static func readDate(_ r: inout ByteReader) throws -> SpanDate {
        let year = Int(try r.u16())
        let month = Int(try r.u8())
        let day = Int(try r.u8())
        guard let date = SpanDate(year: year, month: month == 0 ? nil : month, day: day == 0 ? nil : day) else {
            throw StoreError.corrupt("a stored date \(year)-\(month)-\(day) is invalid")
        }
        return date
    }
}

/// The stored form of a document's description (its text is stored apart, in `texts`):
/// `format u8 · name · hash u64 · code points varint · UTF-8 bytes varint · added (unix s) varint ·
/// metadata JSON string`.
struct DocumentRecord {
    static let format: UInt8 = 1

    var name: String
    var hash: UInt64
    var codePoints: Int
    var utf8Count: Int
    var added: Int64
    /// Metadata as a JSON object text (`{}` when none).
    var metadataJSON: String

    func encode() -> [UInt8] {
        var w = ByteWriter(capacity: 64 + name.utf8.count + metadataJSON.utf8.count)
        w.u8(DocumentRecord.format)
        w.string(name)
        w.u64(hash)
        w.varint(UInt64(codePoints))
        w.varint(UInt64(utf8Count))
        w.signedVarint(added)
        w.string(metadataJSON)
        return w.bytes
    }

    /// Only the name, without decoding the rest (the metadata JSON above all).
    static func name(_ buffer: UnsafeRawBufferPointer) throws -> String {
        var r = ByteReader(buffer)
        let format = try r.u8()
        guard format == DocumentRecord.format else { throw StoreError.corrupt("a document record has format \(format)") }
        return try r.string()
    }

    static func decode(_ buffer: UnsafeRawBufferPointer) throws -> DocumentRecord {
        var r = ByteReader(buffer)
        let format = try r.u8()
        guard format == DocumentRecord.format else { throw StoreError.corrupt("a document record has format \(format)") }
        return DocumentRecord(name: try r.string(), hash: try r.u64(), codePoints: Int(try r.varint()),
                              utf8Count: Int(try r.varint()), added: try r.signedVarint(), metadataJSON: try r.string())
    }
}

/// What the store remembers about one extractor's last run on one document:
/// `source u32 · text hash u64 · span count u32`.
struct ExtractionState {
    var source: UInt32
    var textHash: UInt64
    var spanCount: UInt32

    func encode() -> [UInt8] {
        var w = ByteWriter(capacity: 16)
        w.u32(source)
        w.u64(textHash)
        w.u32(spanCount)
        return w.bytes
    }

    static func decode(_ buffer: UnsafeRawBufferPointer) throws -> ExtractionState {
        var r = ByteReader(buffer)
        return ExtractionState(source: try r.u32(), textHash: try r.u64(), spanCount: try r.u32())
    }

    static func key(document: UInt32, extractor: UInt32) -> [UInt8] {
        var w = ByteWriter(capacity: 8)
        w.u32(document)
        w.u32(extractor)
        return w.bytes
    }
}
