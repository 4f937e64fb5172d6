import CSupport
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writing to the terminal: stdout through a buffer, stderr line by line.
enum Terminal {
    static var stderrIsTTY: Bool { isatty(STDERR_FILENO) != 0 }
    static var stdoutIsTTY: Bool { isatty(STDOUT_FILENO) != 0 }

    /// Writes one line to stderr.
    static func warn(_ message: String) {
        FileHandle.standardError.write(Data(("gloss: " + message + "\n").utf8))
    }

    /// Rewrites the progress line on stderr (only call when stderr is a terminal).
    static func progress(_ line: String) {
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
    }

    static func endProgress() {
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}

/// Buffered writes to stdout (or another file descriptor): one `write(2)` per 64 KiB, not per
/// line. The bytes live in memory the buffer owns (it cannot be copied), appended to with plain
/// copies: the JSON-lines output of `gloss query` runs through here for every span.
struct OutputBuffer: ~Copyable {
    private var storage: UnsafeMutableRawPointer
    private var count = 0
    private var capacity: Int
    private let descriptor: Int32
    /// Set when a write failed (a closed pipe, a full disk).
    private(set) var failed = false

    private static let flushSize = 1 << 16

    init(descriptor: Int32 = STDOUT_FILENO) {
        self.init(descriptor: descriptor, capacity: 2 * Self.flushSize)
    }

    private init(descriptor: Int32, capacity: Int) {
        self.descriptor = descriptor
        self.capacity = capacity
        storage = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
    }

    deinit { storage.deallocate() }

    /// A buffer that never writes: it only collects bytes, for building one value in memory.
    /// It starts small (one line, a name), and grows as needed.
    static func collector() -> OutputBuffer { OutputBuffer(descriptor: -1, capacity: 256) }

    /// The collected bytes as a string (for a ``collector()``).
    var collected: String { String(decoding: UnsafeRawBufferPointer(start: storage, count: count), as: UTF8.self) }

    /// Makes room for `n` more bytes.
    @inline(__always)
    private mutating func reserve(_ n: Int) {
        if count + n > capacity { grow(n) }
    }

    private mutating func grow(_ n: Int) {
        var bigger = capacity * 2
        while bigger < count + n { bigger *= 2 }
        let moved = UnsafeMutableRawPointer.allocate(byteCount: bigger, alignment: 16)
        moved.copyMemory(from: storage, byteCount: count)
        storage.deallocate()
        storage = moved
        capacity = bigger
    }

    /// Flushes once the buffer holds 64 KiB (never for a collector).
    @inline(__always)
    private mutating func flushIfFull() {
        if count >= Self.flushSize && descriptor >= 0 { flush() }
    }

    mutating func write(_ s: String) {
        // Native and small strings lend their bytes in place (no copy, no retain).
        let done: Void? = s.utf8.withContiguousStorageIfAvailable { bytes(UnsafeRawBufferPointer($0)) }
        if done == nil {
            var s = s
            s.withUTF8 { bytes(UnsafeRawBufferPointer($0)) }
        }
    }

    /// Writes a literal (no String is made).
    @inline(__always)
    mutating func literal(_ s: StaticString) {
        s.withUTF8Buffer { bytes(UnsafeRawBufferPointer($0)) }
    }

    mutating func line(_ s: String) {
        write(s)
        byte(0x0A)
    }

    @inline(__always)
    mutating func byte(_ b: UInt8) {
        reserve(1)
        storage.storeBytes(of: b, toByteOffset: count, as: UInt8.self)
        count += 1
    }

    @inline(__always)
    mutating func bytes(_ raw: UnsafeRawBufferPointer) {
        guard let source = raw.baseAddress, !raw.isEmpty else { return }
        reserve(raw.count)
        Self.copy(source, raw.count, to: storage + count)
        count += raw.count
        flushIfFull()
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

    /// Writes an integer in decimal without creating a String.
    @inline(__always)
    mutating func integer<T: BinaryInteger>(_ value: T) {
        if value < 0 {
            byte(0x2D)
            decimal(UInt64(value.magnitude))
        } else {
            decimal(UInt64(value))
        }
    }

    /// Writes `value` in decimal, two digits at a time from the right into their final places.
    private mutating func decimal(_ value: UInt64) {
        reserve(20)
        var digits = 1
        var probe = value
        while probe >= 10_000 {
            digits += 4
            probe /= 10_000
        }
        if probe >= 100 {
            digits += 2
            probe /= 100
        }
        if probe >= 10 { digits += 1 }
        var rest = value
        var index = count + digits
        Self.digitPairs.withUTF8Buffer { pairs in
            guard let table = pairs.baseAddress else { return }
            while rest >= 10 {
                // `rest` has two digits or more, so two places are left for this pair.
                let pair = Int(truncatingIfNeeded: rest % 100)
                rest /= 100
                index -= 2
                storage.storeBytes(of: UnsafeRawPointer(table).loadUnaligned(fromByteOffset: 2 * pair, as: UInt16.self),
                                   toByteOffset: index, as: UInt16.self)
            }
            if index > count {
                storage.storeBytes(of: UInt8(truncatingIfNeeded: 0x30 + rest), toByteOffset: index - 1, as: UInt8.self)
            }
        }
        count += digits
    }

    /// "00" to "99", two bytes each.
    private static let digitPairs: StaticString = """
        00010203040506070809101112131415161718192021222324252627282930313233343536373839\
        40414243444546474849505152535455565758596061626364656667686970717273747576777879\
        8081828384858687888990919293949596979899
        """

    /// Writes UTF-8 bytes escaped for the inside of a JSON string (no quotes), as
    /// ``jsonString(_:)-(UnsafeRawBufferPointer)`` escapes them.
    mutating func jsonEscaped(_ raw: UnsafeRawBufferPointer) {
        let n = raw.count
        guard let base = raw.baseAddress, n > 0 else { return }
        // What the escape may write (see gloss_json_escape).
        reserve(6 &* n &+ 16)
        count &+= gloss_json_escape((storage + count).assumingMemoryBound(to: UInt8.self), base.assumingMemoryBound(to: UInt8.self), n)
        flushIfFull()
    }

    mutating func jsonEscaped(_ s: String) {
        let done: Void? = s.utf8.withContiguousStorageIfAvailable { jsonEscaped(UnsafeRawBufferPointer($0)) }
        if done == nil {
            var s = s
            s.withUTF8 { jsonEscaped(UnsafeRawBufferPointer($0)) }
        }
    }

    /// Writes UTF-8 bytes as a JSON string, quoted and escaped (``gloss_json_escape``: `"`, `\`
    /// and control characters escaped, U+2028 and U+2029 as `\u2028` and `\u2029`, sixteen
    /// bytes tested at a time).
    mutating func jsonString(_ raw: UnsafeRawBufferPointer) {
        let n = raw.count
        // What the escape may write (see gloss_json_escape) and the two quotes. (A buffer's
        // size is far from overflowing these sums.)
        reserve(6 &* n &+ 18)
        let start = storage + count
        start.storeBytes(of: 0x22, as: UInt8.self)
        var written = 0
        if let base = raw.baseAddress, n > 0 {
            written = gloss_json_escape((start + 1).assumingMemoryBound(to: UInt8.self), base.assumingMemoryBound(to: UInt8.self), n)
        }
        start.storeBytes(of: 0x22, toByteOffset: written &+ 1, as: UInt8.self)
        count &+= written &+ 2
        flushIfFull()
    }

    mutating func jsonString(_ s: String) {
        let done: Void? = s.utf8.withContiguousStorageIfAvailable { jsonString(UnsafeRawBufferPointer($0)) }
        if done == nil {
            var s = s
            s.withUTF8 { jsonString(UnsafeRawBufferPointer($0)) }
        }
    }

    @inline(never)
    mutating func flush() {
        guard count > 0, descriptor >= 0 else { return }
        var offset = 0
        while offset < count {
            let n = Glibc.write(descriptor, storage + offset, count - offset)
            if n <= 0 {
                failed = true
                break
            }
            offset += n
        }
        count = 0
    }
}
