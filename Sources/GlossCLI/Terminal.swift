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

/// Buffered writes to stdout (or another file descriptor): one `write(2)` per 64 KiB, not per line.
struct OutputBuffer {
    private var buffer: [UInt8] = []
    private let descriptor: Int32
    /// Set when a write failed (a closed pipe, a full disk).
    private(set) var failed = false

    init(descriptor: Int32 = STDOUT_FILENO) {
        self.descriptor = descriptor
        buffer.reserveCapacity(1 << 16)
    }

    /// A buffer that never writes: it only collects bytes, for building one value in memory.
    static func collector() -> OutputBuffer { OutputBuffer(descriptor: -1) }

    /// The collected bytes as a string (for a ``collector()``).
    var collected: String { String(decoding: buffer, as: UTF8.self) }

    mutating func write(_ s: String) {
        buffer.append(contentsOf: s.utf8)
        if buffer.count >= 1 << 16 && descriptor >= 0 { flush() }
    }

    mutating func line(_ s: String) {
        write(s)
        write("\n")
    }

    @inline(__always)
    mutating func byte(_ b: UInt8) {
        buffer.append(b)
    }

    mutating func bytes(_ raw: UnsafeRawBufferPointer) {
        buffer.append(contentsOf: raw)
        if buffer.count >= 1 << 16 && descriptor >= 0 { flush() }
    }

    /// Writes an integer in decimal without creating a String.
    mutating func integer<T: BinaryInteger>(_ value: T) {
        if value == 0 { buffer.append(0x30); return }
        var v = value
        if v < 0 { buffer.append(0x2D); v = 0 - v }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        withUnsafeMutableBytes(of: &digits) { d in
            while v > 0 {
                d[n] = UInt8(truncatingIfNeeded: 0x30 + Int(v % 10))
                v /= 10
                n += 1
            }
            while n > 0 {
                n -= 1
                buffer.append(d[n])
            }
        }
    }

    /// Writes UTF-8 bytes as a JSON string (quoted, escaped).
    mutating func jsonString(_ raw: UnsafeRawBufferPointer) {
        buffer.append(0x22)
        var start = 0
        for i in 0..<raw.count {
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
            default: continue
            }
            buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[start..<i]))
            if let escape {
                escape.withUTF8Buffer { buffer.append(contentsOf: $0) }
                start = i + 1
            } else if b < 0x20 {
                let hex: [UInt8] = Array("0123456789abcdef".utf8)
                buffer.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]])
                start = i + 1
            } else {
                // U+2028 / U+2029: valid JSON, but not in JavaScript strings; escape them.
                buffer.append(contentsOf: Array((raw[i + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8))
                start = i + 3
            }
        }
        if start < raw.count { buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[start..<raw.count])) }
        buffer.append(0x22)
    }

    mutating func jsonString(_ s: String) {
        var s = s
        s.withUTF8 { jsonString(UnsafeRawBufferPointer($0)) }
    }

    mutating func flush() {
        guard !buffer.isEmpty, descriptor >= 0 else { return }
        buffer.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(descriptor, raw.baseAddress.map { $0 + offset }, raw.count - offset)
                if n <= 0 {
                    failed = true
                    break
                }
                offset += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
