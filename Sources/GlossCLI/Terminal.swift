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

    mutating func write(_ s: String) {
        buffer.append(contentsOf: s.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    mutating func line(_ s: String) {
        write(s)
        write("\n")
    }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
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
