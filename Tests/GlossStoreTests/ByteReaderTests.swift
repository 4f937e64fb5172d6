import Testing
import GlossKit
@testable import GlossStore

/// The varints every record and key is read with: each length, wherever it sits in its buffer
/// (the reader takes a shortcut for one and two bytes when two bytes are left), and the
/// malformed ones a damaged store holds.
@Suite("Byte reader")
struct ByteReaderTests {
    static let values: [UInt64] = [0, 1, 0x7F, 0x80, 0x3FFF, 0x4000, 0x1F_FFFF, 0x20_0000, 1 << 32, 1 << 56, UInt64.max]

    @Test("varints round-trip alone, in a row and at the end of the buffer", arguments: values)
    func roundTrip(value: UInt64) throws {
        for prefix in 0...2 {
            var w = ByteWriter()
            for _ in 0..<prefix { w.u8(0x7F) }
            w.varint(value)
            let bytes = w.bytes
            try bytes.withUnsafeBytes { buffer throws in
                var r = ByteReader(buffer)
                for _ in 0..<prefix { #expect(try r.varint() == 0x7F) }
                #expect(try r.varint() == value)
                #expect(r.isAtEnd)
            }
        }
        var w = ByteWriter()
        for v in Self.values { w.varint(v) }
        try w.bytes.withUnsafeBytes { buffer throws in
            var r = ByteReader(buffer)
            for v in Self.values { #expect(try r.varint() == v) }
            #expect(r.isAtEnd)
        }
    }

    @Test("a varint cut short or longer than ten bytes is an error, not a value")
    func malformed() {
        for bytes: [UInt8] in [[], [0x80], [0xFF, 0xFF], [0x80, 0x80, 0x80], Array(repeating: 0x80, count: 11) + [0x01]] {
            bytes.withUnsafeBytes { buffer in
                var r = ByteReader(buffer)
                #expect(throws: StoreError.self, "\(bytes)") { try r.varint() }
            }
        }
    }
}

/// A damaged span record read back is an error naming what is wrong, never a wrong span or a
/// read past the record (the decoder's errors are built out of line, away from its fast path).
@Suite("Damaged span records")
struct DamagedSpanRecordTests {
    /// A record of the current format with a string value and two attributes.
    static func record() -> [UInt8] {
        var attributes = AttributeList()
        attributes.loadResolving(["country": "IQ", "kind": "city"]) { $0 == "country" ? 1 : 2 }
        let value = SpanValue.string("Basra")
        var w = ByteWriter()
        w.write(atMost: SpanRecord.maximumSize(value: value, attributes: attributes)) { raw in
            SpanRecord.encode(text: SpanTextLocation(offset: 3, length: 10), label: 4, source: 5, confidence: 0.5,
                              value: value, attributes: attributes, into: &raw)
        }
        return w.bytes
    }

    static func message(_ bytes: [UInt8]) -> String? {
        bytes.withUnsafeBytes { buffer in
            do {
                _ = try SpanRecordView(buffer)
                return nil
            } catch let error as StoreError {
                guard case .corrupt(let message) = error else { return "not .corrupt: \(error)" }
                return message
            } catch {
                return "not a StoreError: \(error)"
            }
        }
    }

    @Test("the whole record reads back")
    func wholeRecord() throws {
        let view = try Self.record().withUnsafeBytes { try SpanRecordView($0) }
        #expect(view.label == 4 && view.source == 5 && view.attributeCount == 2)
        #expect(view.text == SpanTextLocation(offset: 3, length: 10))
    }

    @Test("a record cut anywhere says it ends early")
    func truncated() {
        let whole = Self.record()
        for length in 0 ..< whole.count {
            let message = Self.message(Array(whole[..<length]))
            #expect(message?.contains("ends early") == true || message?.contains("varint") == true, "cut at \(length): \(message ?? "no error")")
        }
    }

    @Test("an unknown format or value tag is named")
    func unknownFormatAndTag() {
        var record = Self.record()
        record[0] = 9
        #expect(Self.message(record) == "a span record has format 9")
        // The value's tag follows format, offset, length, label, source (one byte each here)
        // and the confidence (two bytes).
        record = Self.record()
        #expect(record[7] == 3)
        record[7] = 42
        #expect(Self.message(record) == "unknown value tag 42")
    }
}
