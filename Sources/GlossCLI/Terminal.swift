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
        self.descriptor = descriptor
        capacity = 2 * Self.flushSize
        storage = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
    }

    deinit { storage.deallocate() }

    /// A buffer that never writes: it only collects bytes, for building one value in memory.
    static func collector() -> OutputBuffer { OutputBuffer(descriptor: -1) }

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
        var s = s
        s.withUTF8 { bytes(UnsafeRawBufferPointer($0)) }
    }

    /// Writes a literal (no String is made).
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

    mutating func bytes(_ raw: UnsafeRawBufferPointer) {
        guard let source = raw.baseAddress, !raw.isEmpty else { return }
        reserve(raw.count)
        (storage + count).copyMemory(from: source, byteCount: raw.count)
        count += raw.count
        flushIfFull()
    }

    /// Writes an integer in decimal without creating a String.
    mutating func integer<T: BinaryInteger>(_ value: T) {
        reserve(24)
        if value == 0 {
            storage.storeBytes(of: 0x30, toByteOffset: count, as: UInt8.self)
            count += 1
            return
        }
        var magnitude = value.magnitude
        if value < 0 {
            storage.storeBytes(of: 0x2D, toByteOffset: count, as: UInt8.self)
            count += 1
        }
        // Digits from the right into their final places.
        var digits = 0
        var probe = magnitude
        while probe > 0 {
            digits += 1
            probe /= 10
        }
        var index = count + digits - 1
        while magnitude > 0 {
            storage.storeBytes(of: UInt8(truncatingIfNeeded: 0x30 + Int(magnitude % 10)), toByteOffset: index, as: UInt8.self)
            magnitude /= 10
            index -= 1
        }
        count += digits
    }

    /// Writes UTF-8 bytes as a JSON string (quoted, escaped). Runs of bytes that need no escape
    /// are found eight at a time and copied whole.
    mutating func jsonString(_ raw: UnsafeRawBufferPointer) {
        byte(0x22)
        guard let base = raw.baseAddress else {
            byte(0x22)
            return
        }
        var start = 0
        var i = 0
        while i < raw.count {
            if i + 8 <= raw.count {
                let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                if !Self.mayNeedEscape(word) {
                    i += 8
                    continue
                }
            }
            let b = raw[i]
            let escape: StaticString?
            switch b {
            case 0x22: escape = "\\\""
            case 0x5C: escape = "\\\\"
            case 0x0A: escape = "\\n"
            case 0x0D: escape = "\\r"
            case 0x09: escape = "\\t"
            case 0..<0x20: escape = nil
            case 0xE2 where i + 2 < raw.count && raw[i + 1] == 0x80 && (raw[i + 2] == 0xA8 || raw[i + 2] == 0xA9):
                escape = nil
            default:
                i += 1
                continue
            }
            bytes(UnsafeRawBufferPointer(rebasing: raw[start..<i]))
            if let escape {
                literal(escape)
                i += 1
            } else if b < 0x20 {
                let hex: StaticString = "0123456789abcdef"
                literal("\\u00")
                hex.withUTF8Buffer { digits in
                    byte(digits[Int(b >> 4)])
                    byte(digits[Int(b & 0xF)])
                }
                i += 1
            } else {
                // U+2028 / U+2029: valid JSON, but not in JavaScript strings; escape them.
                literal(raw[i + 2] == 0xA8 ? "\\u2028" : "\\u2029")
                i += 3
            }
            start = i
        }
        if start < raw.count { bytes(UnsafeRawBufferPointer(rebasing: raw[start..<raw.count])) }
        byte(0x22)
    }

    /// True when one of the eight bytes may need escaping: below 0x20, `"`, `\\`, or 0xE2 (the
    /// lead byte of U+2028/U+2029). Bit tricks from "Bit Twiddling Hacks" (haszero/hasless).
    @inline(__always)
    private static func mayNeedEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasZero(_ v: UInt64) -> Bool { (v &- ones) & ~v & highs != 0 }
        let below0x20 = (word &- ones &* 0x20) & ~word & highs != 0
        return below0x20 || hasZero(word ^ (ones &* 0x22)) || hasZero(word ^ (ones &* 0x5C)) || hasZero(word ^ (ones &* 0xE2))
    }

    mutating func jsonString(_ s: String) {
        var s = s
        s.withUTF8 { jsonString(UnsafeRawBufferPointer($0)) }
    }

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
