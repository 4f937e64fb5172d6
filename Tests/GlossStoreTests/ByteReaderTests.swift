import Testing
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
