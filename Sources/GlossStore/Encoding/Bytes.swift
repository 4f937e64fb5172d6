/// Appends big-endian integers, varints and strings to a byte buffer. Big-endian fixed-width
/// integers make byte order equal numeric order, so composite LMDB keys sort logically.
struct ByteWriter {
    var bytes: [UInt8] = []

    init(capacity: Int = 32) { bytes.reserveCapacity(capacity) }

    mutating func u8(_ v: UInt8) { bytes.append(v) }

    mutating func u16(_ v: UInt16) {
        bytes.append(UInt8(v >> 8))
        bytes.append(UInt8(truncatingIfNeeded: v))
    }

    // Byte by byte: cheaper than appending a 4- or 8-byte buffer (a generic copy per call).
    @inline(__always)
    mutating func u32(_ v: UInt32) {
        bytes.append(UInt8(truncatingIfNeeded: v >> 24))
        bytes.append(UInt8(truncatingIfNeeded: v >> 16))
        bytes.append(UInt8(truncatingIfNeeded: v >> 8))
        bytes.append(UInt8(truncatingIfNeeded: v))
    }

    @inline(__always)
    mutating func u64(_ v: UInt64) {
        u32(UInt32(truncatingIfNeeded: v >> 32))
        u32(UInt32(truncatingIfNeeded: v))
    }

    // Varints and strings are encoded by ``RawWriter``, the one encoder of those formats.

    /// LEB128 unsigned varint.
    mutating func varint(_ value: UInt64) {
        write(atMost: RawWriter.maximumVarintBytes) { $0.varint(value) }
    }

    /// Zig-zag signed varint.
    mutating func signedVarint(_ v: Int64) {
        write(atMost: RawWriter.maximumVarintBytes) { $0.signedVarint(v) }
    }

    /// A varint length followed by the UTF-8 bytes.
    mutating func string(_ s: String) {
        write(atMost: RawWriter.maximumVarintBytes + s.utf8.count) { $0.string(s) }
    }

    mutating func append(_ other: [UInt8]) { bytes.append(contentsOf: other) }
}

extension ByteWriter {
    /// Appends what `body` writes through a ``RawWriter`` into `maximum` bytes of scratch
    /// memory (on the stack when small), copied in one piece: one capacity check for a whole
    /// record instead of one per byte (`Array.append` checks uniqueness and capacity every
    /// time). `maximum` must bound what `body` writes; the writer traps rather than overrun it.
    mutating func write(atMost maximum: Int, _ body: (inout RawWriter) -> Void) {
        withUnsafeTemporaryAllocation(byteCount: maximum, alignment: 8) { scratch in
            var writer = RawWriter(scratch)
            body(&writer)
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: scratch[..<writer.count]))
        }
    }
}

/// Writes the encodings of ``ByteWriter`` through a pointer into memory reserved beforehand
/// (see ``ByteWriter/write(atMost:_:)``). Every write checks that it stays inside that memory
/// and traps otherwise: a wrong size bound is a bug to stop at, never a write past the end.
struct RawWriter {
    private let buffer: UnsafeMutableRawBufferPointer
    /// Bytes written so far.
    private(set) var count = 0

    init(_ buffer: UnsafeMutableRawBufferPointer) { self.buffer = buffer }

    @inline(__always)
    private func reserve(_ n: Int) -> UnsafeMutableRawPointer {
        guard let base = buffer.baseAddress, count + n <= buffer.count else {
            preconditionFailure("RawWriter: \(n) bytes at \(count) overrun the \(buffer.count) reserved")
        }
        return base + count
    }

    @inline(__always)
    mutating func u8(_ v: UInt8) {
        reserve(1).storeBytes(of: v, as: UInt8.self)
        count += 1
    }

    @inline(__always)
    mutating func u16(_ v: UInt16) {
        reserve(2).storeBytes(of: v.bigEndian, as: UInt16.self)
        count += 2
    }

    @inline(__always)
    mutating func u32(_ v: UInt32) {
        reserve(4).storeBytes(of: v.bigEndian, as: UInt32.self)
        count += 4
    }

    @inline(__always)
    mutating func u64(_ v: UInt64) {
        reserve(8).storeBytes(of: v.bigEndian, as: UInt64.self)
        count += 8
    }

    /// LEB128 unsigned varint (at most ``RawWriter/maximumVarintBytes``).
    @inline(__always)
    mutating func varint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            u8(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        u8(UInt8(v))
    }

    /// Zig-zag signed varint.
    mutating func signedVarint(_ v: Int64) {
        varint(UInt64(bitPattern: (v << 1) ^ (v >> 63)))
    }

    mutating func bytes(_ source: UnsafeRawBufferPointer) {
        guard let from = source.baseAddress, !source.isEmpty else { return }
        reserve(source.count).copyMemory(from: from, byteCount: source.count)
        count += source.count
    }

    /// A varint length followed by the UTF-8 bytes (at most
    /// ``RawWriter/maximumVarintBytes`` + `s.utf8.count`).
    mutating func string(_ s: String) {
        // A native string's bytes are read in place: no copy of the string, so no retain and
        // release of its storage, which extractors share between threads (attribute values).
        let done: Void? = s.utf8.withContiguousStorageIfAvailable { utf8 in
            varint(UInt64(utf8.count))
            bytes(UnsafeRawBufferPointer(utf8))
        }
        if done == nil { stringCopy(s) }
    }

    /// ``string(_:)`` for a string without contiguous UTF-8 (bridged or lazy), through a copy.
    @inline(never)
    private mutating func stringCopy(_ s: String) {
        var s = s
        s.withUTF8 { utf8 in
            varint(UInt64(utf8.count))
            bytes(UnsafeRawBufferPointer(utf8))
        }
    }

    /// The longest varint of a 64-bit value.
    static let maximumVarintBytes = 10
}

/// Reads what ``ByteWriter`` wrote, from a buffer that may sit at any alignment (LMDB values
/// are not aligned). Every read checks bounds and throws ``StoreError/corrupt(_:)`` on overrun.
struct ByteReader {
    let buffer: UnsafeRawBufferPointer
    private(set) var position = 0

    init(_ buffer: UnsafeRawBufferPointer) { self.buffer = buffer }

    var isAtEnd: Bool { position >= buffer.count }

    @inline(__always)
    private func need(_ n: Int) throws {
        if position + n > buffer.count { throw Self.endedEarly(wanted: n, at: position, of: buffer.count) }
    }

    /// The error of a read past the end, built out of line: the message's interpolation would
    /// otherwise be inlined at every read of every decoder.
    @inline(never)
    private static func endedEarly(wanted n: Int, at position: Int, of count: Int) -> StoreError {
        .corrupt("a record ends early (wanted \(n) bytes at \(position) of \(count))")
    }

    @inline(__always)
    mutating func u8() throws -> UInt8 {
        try need(1)
        defer { position += 1 }
        return buffer[position]
    }

    @inline(__always)
    mutating func u16() throws -> UInt16 {
        try need(2)
        defer { position += 2 }
        return UInt16(buffer[position]) << 8 | UInt16(buffer[position + 1])
    }

    mutating func u32() throws -> UInt32 {
        try need(4)
        defer { position += 4 }
        return ByteReader.u32(buffer, at: position)
    }

    mutating func u64() throws -> UInt64 {
        try need(8)
        defer { position += 8 }
        return ByteReader.u64(buffer, at: position)
    }

    /// A LEB128 varint. A record's varints are one or two bytes (ids, counts, lengths, text
    /// offsets): read inline with one bounds check; longer ones out of line.
    @inline(__always)
    mutating func varint() throws -> UInt64 {
        if position &+ 1 < buffer.count {
            let first = buffer[position]
            if first < 0x80 {
                position &+= 1
                return UInt64(first)
            }
            let second = buffer[position &+ 1]
            if second < 0x80 {
                position &+= 2
                return UInt64(first & 0x7F) | UInt64(second) &<< 7
            }
        }
        return try longVarint()
    }

    /// ``varint()`` of three bytes or more, or at the buffer's last byte (or past it: throws).
    @inline(never)
    private mutating func longVarint() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try u8()
            result |= UInt64(byte & 0x7F) &<< shift
            if byte < 0x80 { return result }
            shift &+= 7
            if shift > 63 { throw StoreError.corrupt("a varint is too long") }
        }
    }

    mutating func signedVarint() throws -> Int64 {
        let raw = try varint()
        return Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1)
    }

    @inline(__always)
    mutating func bytes(_ n: Int) throws -> UnsafeRawBufferPointer {
        try need(n)
        defer { position += n }
        return UnsafeRawBufferPointer(rebasing: buffer[position..<(position + n)])
    }

    mutating func string() throws -> String {
        let utf8 = try bytes(Int(try varint()))
        // Repairs invalid UTF-8 as `String(decoding:as:)` does, in fewer instructions (a query
        // result's document name: ~100 fewer).
        return String(unsafeUninitializedCapacity: utf8.count) { buffer in
            UnsafeMutableRawBufferPointer(buffer).copyMemory(from: utf8)
            return utf8.count
        }
    }

    /// The big-endian `UInt32` at byte `i` (one unaligned load; the caller checks the bounds).
    @inline(__always)
    static func u32(_ b: UnsafeRawBufferPointer, at i: Int) -> UInt32 {
        precondition(i >= 0 && i + 4 <= b.count, "a u32 read past the end of its buffer")
        return UInt32(bigEndian: b.loadUnaligned(fromByteOffset: i, as: UInt32.self))
    }

    /// The big-endian `UInt64` at byte `i` (one unaligned load; the caller checks the bounds).
    @inline(__always)
    static func u64(_ b: UnsafeRawBufferPointer, at i: Int) -> UInt64 {
        precondition(i >= 0 && i + 8 <= b.count, "a u64 read past the end of its buffer")
        return UInt64(bigEndian: b.loadUnaligned(fromByteOffset: i, as: UInt64.self))
    }
}

/// 64-bit FNV-1a hash of bytes: the content hash that tells a changed document from an
/// unchanged one. Not cryptographic; stable across versions and platforms.
enum ContentHash {
    static func of(_ text: String) -> UInt64 {
        var text = text
        return text.withUTF8 { of(UnsafeRawBufferPointer($0)) }
    }

    static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }

    static func hex(_ hash: UInt64) -> String {
        let s = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
