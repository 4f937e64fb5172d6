import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writing to the terminal: stdout through a buffer, stderr line by line.
enum Terminal {
    static var stderrIsTTY: Bool { isatty(STDERR_FILENO) != 0 }
    static var stdoutIsTTY: Bool { isatty(STDOUT_FILENO) != 0 }
    /// Whether the user asked for no colours (NO_COLOR set and not empty: https://no-color.org).
    static var noColor: Bool { ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false }

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

    /// Reserves room for `maximum` bytes and lets `body` write up to that many in place
    /// through a ``PieceWriter``: one capacity check and one flush check for all the pieces of a
    /// line, instead of one per piece.
    @inline(__always)
    mutating func write(atMost maximum: Int, _ body: (inout PieceWriter) -> Void) {
        reserve(maximum)
        var writer = PieceWriter(start: storage + count, room: maximum)
        body(&writer)
        count &+= writer.written
        flushIfFull()
    }

    mutating func write(_ s: String) {
        withUTF8Bytes(of: s) { bytes($0) }
    }

    /// Writes a literal (no String is made).
    @inline(__always)
    mutating func literal(_ s: StaticString) {
        write(atMost: s.utf8CodeUnitCount) { $0.literal(s) }
    }

    mutating func line(_ s: String) {
        write(s)
        byte(0x0A)
    }

    @inline(__always)
    mutating func byte(_ b: UInt8) {
        write(atMost: 1) { $0.byte(b) }
    }

    @inline(__always)
    mutating func bytes(_ raw: UnsafeRawBufferPointer) {
        write(atMost: raw.count) { $0.bytes(raw) }
    }

    /// Writes an integer in decimal without creating a String.
    @inline(__always)
    mutating func integer<T: BinaryInteger>(_ value: T) {
        write(atMost: PieceWriter.integerRoom) { $0.integer(value) }
    }

    /// Writes UTF-8 bytes escaped for the inside of a JSON string (no quotes), as
    /// ``PieceWriter/jsonString(_:)-(UnsafeRawBufferPointer)`` escapes them.
    mutating func jsonEscaped(_ raw: UnsafeRawBufferPointer) {
        write(atMost: PieceWriter.escapedRoom(raw.count)) { $0.jsonEscaped(raw) }
    }

    mutating func jsonEscaped(_ s: String) {
        write(atMost: PieceWriter.escapedRoom(s.utf8.count)) { $0.jsonEscaped(s) }
    }

    /// Writes UTF-8 bytes as a JSON string, quoted and escaped.
    mutating func jsonString(_ raw: UnsafeRawBufferPointer) {
        write(atMost: PieceWriter.stringRoom(raw.count)) { $0.jsonString(raw) }
    }

    mutating func jsonString(_ s: String) {
        write(atMost: PieceWriter.stringRoom(s.utf8.count)) { $0.jsonString(s) }
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
