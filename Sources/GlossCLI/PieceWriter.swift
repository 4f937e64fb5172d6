import CSupport

/// Writes pieces of output (literals, escaped strings, integers) into memory reserved for them
/// beforehand (``OutputBuffer/write(atMost:_:)``): a pointer moves on, with no capacity check per
/// piece. Each piece checks that it fits in the room left (a wrong reservation stops the
/// program rather than writing past it); ``stringRoom(_:)`` and the other `…Room` figures give
/// what to reserve.
struct PieceWriter {
    private let start: UnsafeMutableRawPointer
    private var at: UnsafeMutableRawPointer
    private let end: UnsafeMutableRawPointer

    init(start: UnsafeMutableRawPointer, room: Int) {
        self.start = start
        at = start
        end = start + room
    }

    /// Bytes written so far.
    var written: Int { start.distance(to: at) }

    /// The most bytes an integer takes (a sign and twenty digits).
    static let integerRoom = 21

    /// The room ``jsonEscaped(_:)-(UnsafeRawBufferPointer)`` needs for `n` bytes: each may
    /// become six (`\u00XX`), and the escape stores sixteen-byte blocks whole
    /// (`gloss_json_escape`).
    @inline(__always)
    static func escapedRoom(_ n: Int) -> Int { 6 &* n &+ 16 }

    /// The room ``jsonString(_:)-(UnsafeRawBufferPointer)`` needs for `n` bytes (the escape and
    /// the quotes).
    @inline(__always)
    static func stringRoom(_ n: Int) -> Int { 6 &* n &+ 18 }

    @inline(__always)
    private func need(_ n: Int) {
        precondition(n <= at.distance(to: end), "output written past the room reserved for it")
    }

    @inline(__always)
    mutating func literal(_ s: StaticString) {
        s.withUTF8Buffer { bytes(UnsafeRawBufferPointer($0)) }
    }

    @inline(__always)
    mutating func byte(_ b: UInt8) {
        need(1)
        at.storeBytes(of: b, as: UInt8.self)
        at += 1
    }

    @inline(__always)
    mutating func bytes(_ raw: UnsafeRawBufferPointer) {
        guard let source = raw.baseAddress, !raw.isEmpty else { return }
        need(raw.count)
        Self.copy(source, raw.count, to: at)
        at += raw.count
    }

    /// Copies `n` bytes. The short copies of JSON output (keys, names, numbers) go through a
    /// pair of loads and stores that may overlap, never outside either range; a call to
    /// `memcpy` would cost more than the copy.
    @inline(__always)
    private static func copy(_ source: UnsafeRawPointer, _ n: Int, to destination: UnsafeMutableRawPointer) {
        if n >= 8 && n <= 16 {
            destination.storeBytes(of: source.loadUnaligned(as: UInt64.self), as: UInt64.self)
            destination.storeBytes(of: source.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self), toByteOffset: n - 8, as: UInt64.self)
        } else if n >= 4 && n < 8 {
            destination.storeBytes(of: source.loadUnaligned(as: UInt32.self), as: UInt32.self)
            destination.storeBytes(of: source.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self), toByteOffset: n - 4, as: UInt32.self)
        } else if n >= 2 && n < 4 {
            destination.storeBytes(of: source.loadUnaligned(as: UInt16.self), as: UInt16.self)
            destination.storeBytes(of: source.loadUnaligned(fromByteOffset: n - 2, as: UInt16.self), toByteOffset: n - 2, as: UInt16.self)
        } else if n == 1 {
            destination.storeBytes(of: source.load(as: UInt8.self), as: UInt8.self)
        } else if n > 16 {
            destination.copyMemory(from: source, byteCount: n)
        }
    }

    /// Writes an integer in decimal.
    @inline(__always)
    mutating func integer<T: BinaryInteger>(_ value: T) {
        if value < 0 {
            byte(0x2D)
            decimal(UInt64(value.magnitude))
        } else {
            decimal(UInt64(value))
        }
    }

    /// Writes `value` in decimal: into a small buffer two digits at a time from the right, then
    /// copied.
    @inline(__always)
    private mutating func decimal(_ value: UInt64) {
        // Twenty digits at most, in a 24-byte tuple on the stack.
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { buffer in
            guard let base = buffer.baseAddress else { return }
            var index = buffer.count
            var rest = value
            Self.digitPairs.withUTF8Buffer { pairs in
                guard let table = pairs.baseAddress else { return }
                while rest >= 100 {
                    let pair = Int(truncatingIfNeeded: rest % 100)
                    rest /= 100
                    index -= 2
                    base.storeBytes(of: UnsafeRawPointer(table).loadUnaligned(fromByteOffset: 2 * pair, as: UInt16.self),
                                    toByteOffset: index, as: UInt16.self)
                }
                if rest >= 10 {
                    index -= 2
                    base.storeBytes(of: UnsafeRawPointer(table).loadUnaligned(fromByteOffset: 2 * Int(rest), as: UInt16.self),
                                    toByteOffset: index, as: UInt16.self)
                } else {
                    index -= 1
                    base.storeBytes(of: UInt8(truncatingIfNeeded: 0x30 + rest), toByteOffset: index, as: UInt8.self)
                }
            }
            bytes(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(buffer)[index...]))
        }
    }

    /// "00" to "99", two bytes each.
    private static let digitPairs: StaticString = """
        00010203040506070809101112131415161718192021222324252627282930313233343536373839\
        40414243444546474849505152535455565758596061626364656667686970717273747576777879\
        8081828384858687888990919293949596979899
        """

    /// Writes UTF-8 bytes escaped for the inside of a JSON string (no quotes), as
    /// ``jsonString(_:)-(UnsafeRawBufferPointer)`` escapes them.
    @inline(__always)
    mutating func jsonEscaped(_ raw: UnsafeRawBufferPointer) {
        let n = raw.count
        guard let base = raw.baseAddress, n > 0 else { return }
        need(Self.escapedRoom(n))
        at += gloss_json_escape(at.assumingMemoryBound(to: UInt8.self), base.assumingMemoryBound(to: UInt8.self), n)
    }

    mutating func jsonEscaped(_ s: String) {
        withUTF8Bytes(of: s) { jsonEscaped($0) }
    }

    /// Writes UTF-8 bytes as a JSON string, quoted and escaped (``gloss_json_escape``: `"`, `\`
    /// and control characters escaped, U+2028 and U+2029 as `\u2028` and `\u2029`, sixteen
    /// bytes tested at a time).
    @inline(__always)
    mutating func jsonString(_ raw: UnsafeRawBufferPointer) {
        need(Self.stringRoom(raw.count))
        at.storeBytes(of: 0x22, as: UInt8.self)
        at += 1
        if let base = raw.baseAddress, !raw.isEmpty {
            at += gloss_json_escape(at.assumingMemoryBound(to: UInt8.self), base.assumingMemoryBound(to: UInt8.self), raw.count)
        }
        at.storeBytes(of: 0x22, as: UInt8.self)
        at += 1
    }

    mutating func jsonString(_ s: String) {
        withUTF8Bytes(of: s) { jsonString($0) }
    }
}

/// Lends a string's UTF-8 bytes: in place for native and small strings (no copy, no retain),
/// through a copy for the others (bridged or lazy ones). Neither generic nor throwing, so that
/// it compiles into its callers (the JSON writer calls it for every name of every span).
@inline(__always)
func withUTF8Bytes(of s: String, _ body: (UnsafeRawBufferPointer) -> Void) {
    if s.utf8.withContiguousStorageIfAvailable({ body(UnsafeRawBufferPointer($0)) }) == nil {
        var s = s
        s.withUTF8 { body(UnsafeRawBufferPointer($0)) }
    }
}
