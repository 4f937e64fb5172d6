import CSupport
import Dispatch
import Foundation
import GlossStore
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A problem with an input document, reported as one line naming the file or JSON line.
public struct InputError: Error, CustomStringConvertible {
    public let description: String

    public init(description: String) { self.description = description }
}

/// Finding and reading the documents `gloss annotate` is given.
public enum InputDocuments {
    /// Largest document accepted, in bytes.
    public static let defaultMaximumBytes = 64 << 20
    /// Files read at once when checking them all: enough reads in flight for a disk, when the
    /// files are not in the page cache yet (see ``parallelMap(_:threads:_:)``).
    static let checkingThreads = 16
    /// The most bytes of text the check keeps for `annotate` (``CheckedFiles/texts``): a run
    /// whose files hold no more reads and validates each file once; for a larger one the check
    /// keeps nothing (what it kept is let go of when it ends), so that its memory stays as it
    /// was, and the files are read again while annotating.
    static let keptTextBytes = 32 << 20

    /// The files named by `paths`: files as given, directories searched recursively for names
    /// matching one of `globs`. Sorted within each directory so runs are reproducible.
    static func files(in paths: [String], globs: [String]) throws -> PathList {
        var result = PathList()
        let fm = FileManager.default
        // A pattern with a slash is matched against the path below the directory, others
        // against the file's name.
        let patterns = globs.map { (pattern: $0, matchesPath: $0.utf8.contains(UInt8(ascii: "/"))) }
        // A file named twice, or named and inside a directory also named, is one document: the
        // directories given (their stored names with a trailing slash), to skip the files below.
        var directories: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            if fm.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                // (Files below "." are stored without a prefix: "." covers every relative name.)
                let name = storedName(path)
                directories.append(name == "." ? "" : name.hasSuffix("/") || name.isEmpty ? name : name + "/")
            }
        }
        var namedFiles = Set<String>()
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw InputError(description: "\(path): no such file or directory")
            }
            guard isDirectory.boolValue else {
                let name = storedName(path)
                let insideNamedDirectory = directories.contains { directory in
                    name.hasPrefix(directory) && patterns.contains { fnmatch($0.pattern, $0.matchesPath ? String(name.dropFirst(directory.count))
                                                                              : (name as NSString).lastPathComponent, 0) == 0 }
                }
                if !insideNamedDirectory, namedFiles.insert(name).inserted { result.append(name) }
                continue
            }
            var found = PathList()
            try walk(directory: path) { relative, name, isFile in
                guard patterns.contains(where: { fnmatch($0.pattern, $0.matchesPath ? relative : name, 0) == 0 }) else { return }
                let full = (path as NSString).appendingPathComponent(relative)
                if isFile(full) { found.append(storedName(full)) }
            }
            result.append(contentsOf: found.sorted())
        }
        return result
    }

    /// Finds the files named by `paths` (see ``files(in:globs:)``) and checks every one of them
    /// (on all cores) before anything is written: the first bad file, in order, stops the run —
    /// or, with `skipInvalid`, is left out with a warning for the caller to print.
    /// The texts are kept too when they come to no more than `keptBytes` in all.
    static func checkFiles(in paths: [String], globs: [String], skipInvalid: Bool, maximumBytes: Int,
                           keepingTextsUpTo keptBytes: Int = keptTextBytes) throws -> CheckedFiles {
        let files = try files(in: paths, globs: globs)
        if files.isEmpty {
            throw InputError(description: "no documents found in \(paths.joined(separator: " ")) (looked for \(globs.joined(separator: ", ")))")
        }
        let budget = TextBudget(limit: keptBytes)
        var outcomes = parallelMap(Array(files.indices), threads: Self.checkingThreads) { index in
            Result { () throws(InputError) -> CheckedFile in
                let path = files[index]
                do { return try checkFile(path, maximumBytes: maximumBytes, keepingWithin: budget) } catch let error as InputError { throw error } catch {
                    throw InputError(description: "\(path): \(error)")
                }
            }
        }
        let keepsTexts = !budget.exceeded
        if !keepsTexts {
            // Too much to keep: the texts go, and the memory they took goes back to the system
            // (the checking threads' allocator arenas would otherwise hold it for the whole run).
            for index in outcomes.indices {
                if case .success(let file) = outcomes[index], file.text != nil { outcomes[index] = .success(CheckedFile(size: file.size, text: nil)) }
            }
            gloss_release_free_memory()
        }
        var sizes: [Int] = []
        var texts: [String?] = []
        sizes.reserveCapacity(outcomes.count)
        if keepsTexts { texts.reserveCapacity(outcomes.count) }
        for outcome in outcomes {
            guard case .success(let file) = outcome else { break }
            sizes.append(file.size)
            if keepsTexts { texts.append(file.text) }
        }
        // Every file valid (the usual case): the list as it is.
        if sizes.count == files.count { return CheckedFiles(paths: files, sizes: sizes, texts: texts) }
        var checked = CheckedFiles()
        for (index, outcome) in outcomes.enumerated() {
            switch outcome {
            case .success(let file):
                checked.paths.append(files[index])
                checked.sizes.append(file.size)
                if keepsTexts { checked.texts.append(file.text) }
            case .failure(let error):
                guard skipInvalid else { throw error }
                checked.skipped.append(error.description)
            }
        }
        return checked
    }

    /// Calls `visit` with the path (relative to `directory`) and the name of everything below
    /// `directory`, recursively — hidden entries (names starting with a dot: `.git`, `.build`,
    /// editors' backups) skipped with all they hold, symbolic links not followed into
    /// directories, with `readdir`, which costs far less per entry than
    /// `FileManager.enumerator(atPath:)` — and a test of whether a path, symbolic links followed,
    /// is not a directory.
    private static func walk(directory: String, _ visit: (String, String, (String) -> Bool) throws -> Void) throws {
        let notDirectory: (String) -> Bool = { path in
            var status = stat()
            return stat(path, &status) == 0 && status.st_mode & S_IFMT != S_IFDIR
        }
        let regularFile: (String) -> Bool = { _ in true }
        guard let top = opendir(directory) else { throw InputError(description: "\(directory): cannot read the directory") }
        var pending: [(stream: OpaquePointer, relative: String)] = [(top, "")]
        defer { for (stream, _) in pending { closedir(stream) } }
        while let (stream, relative) = pending.last {
            guard let entry = readdir(stream) else {
                closedir(stream)
                pending.removeLast()
                continue
            }
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name.hasPrefix(".") { continue }
            let path = relative.isEmpty ? name : relative + "/" + name
            var type = Int32(entry.pointee.d_type)
            if type == Int32(DT_UNKNOWN) {
                // File systems that do not give the type in the entry: ask (anything that is
                // neither a directory nor a regular file is tested like a symbolic link).
                var status = stat()
                let full = (directory as NSString).appendingPathComponent(path)
                type = lstat(full, &status) != 0 ? Int32(DT_UNKNOWN)
                    : status.st_mode & S_IFMT == S_IFDIR ? Int32(DT_DIR) : status.st_mode & S_IFMT == S_IFREG ? Int32(DT_REG) : Int32(DT_LNK)
            }
            try visit(path, name, type == Int32(DT_REG) ? regularFile : notDirectory)
            if type == Int32(DT_DIR), let child = opendir((directory as NSString).appendingPathComponent(path)) {
                pending.append((child, path))
            }
        }
    }

    /// The name a file given as `path` is stored under: the path without leading `./` (the
    /// same name whether the user typed `news/1.txt` or `./news/1.txt`). Filters that name
    /// documents (`--doc`, `gloss show`) read their names the same way.
    static func storedName(_ path: String) -> String {
        var p = path
        while p.hasPrefix("./") { p.removeFirst(2) }
        return p
    }

    /// Reads a file as UTF-8 text, refusing what is not a text document.
    static func readFile(_ path: String, maximumBytes: Int) throws -> String {
        try text(of: try readBytes(path, maximumBytes: maximumBytes), what: path)
    }

    /// Checks that a file is a readable UTF-8 text document of at most `maximumBytes`; returns
    /// its size in bytes, and its text if `budget` has room for it.
    static func checkFile(_ path: String, maximumBytes: Int, keepingWithin budget: TextBudget) throws -> CheckedFile {
        let bytes = try readBytes(path, maximumBytes: maximumBytes)
        if budget.reserve(bytes.count) {
            return CheckedFile(size: bytes.count, text: try text(of: bytes, what: path))
        }
        try bytes.withUnsafeBytes { try validate($0, what: path) }
        return CheckedFile(size: bytes.count, text: nil)
    }

    /// The text of a document's bytes, refusing what is not a text document.
    private static func text(of bytes: [UInt8], what: String) throws -> String {
        try bytes.withUnsafeBufferPointer { buffer in
            try checkNotBinary(UnsafeRawBufferPointer(buffer), what: what)
            // The string's own validation is the UTF-8 check; only a failure looks for where.
            guard let text = String(validating: buffer, as: UTF8.self) else {
                try validate(UnsafeRawBufferPointer(buffer), what: what)
                throw InputError(description: "\(what): invalid UTF-8")
            }
            return text
        }
    }

    /// The whole content of a file, read with plain system calls (no more than `maximumBytes`).
    private static func readBytes(_ path: String, maximumBytes: Int) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw InputError(description: "\(path): cannot open the file (check that it exists and is readable)")
        }
        defer { close(fd) }
        var status = stat()
        let known = fstat(fd, &status) == 0
        let size = known ? Int(status.st_size) : 0
        // A regular file read up to the size it had when opened is whole: no more read to find
        // its end (a read stops short of the buffer only there).
        let regular = known && status.st_mode & S_IFMT == S_IFREG
        if size > maximumBytes {
            throw InputError(description: "\(path): \(size) bytes is larger than the limit of \(maximumBytes) bytes (raise it with --max-document-bytes)")
        }
        // One byte more than the size, so that a file longer than it said (a special file, or
        // one being written) is seen to be; then chunks as large as what was read so far. The
        // buffers are not cleared first: only what `read` wrote is kept.
        var bytes: [UInt8] = []
        var chunk = max(size + 1, 4096)
        while true {
            var ended = false
            let more = try [UInt8](unsafeUninitializedCapacity: chunk) { buffer, initialized in
                while initialized < buffer.count {
                    let n = Glibc.read(fd, buffer.baseAddress.map { $0 + initialized }, buffer.count - initialized)
                    if n < 0 {
                        if errno == EINTR { continue }
                        throw InputError(description: "\(path): cannot read the file (\(String(cString: strerror(errno))))")
                    }
                    if n == 0 { ended = true; break }
                    initialized += n
                    if bytes.count + initialized > maximumBytes {
                        throw InputError(description: "\(path): \(bytes.count + initialized) bytes is larger than the limit of \(maximumBytes) bytes (raise it with --max-document-bytes)")
                    }
                    if regular && bytes.count + initialized == size { ended = true; break }
                }
            }
            if bytes.isEmpty { bytes = more } else { bytes += more }
            if ended { return bytes }
            chunk = bytes.count
        }
    }

    /// Decodes UTF-8 text, naming the byte offset of the first invalid sequence.
    public static func decode(_ data: Data, what: String) throws -> String {
        try data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            try validate(bytes, what: what)
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// Refuses empty text, NUL bytes (binary files) and invalid UTF-8, naming where.
    private static func validate(_ bytes: UnsafeRawBufferPointer, what: String) throws {
        try checkNotBinary(bytes, what: what)
        if let bad = UTF8Check.firstInvalidByte(bytes) {
            throw InputError(description: "\(what): invalid UTF-8 at byte offset \(bad)")
        }
    }

    /// Refuses empty text, UTF-16 and NUL bytes (binary files).
    private static func checkNotBinary(_ bytes: UnsafeRawBufferPointer, what: String) throws {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { throw InputError(description: "\(what): the document is empty") }
        if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
            let order = bytes[0] == 0xFF ? "LE" : "BE"
            throw InputError(description: "\(what): is UTF-16 (it starts with a UTF-16 byte order mark); Gloss reads UTF-8: "
                             + "convert it first, e.g. iconv -f UTF-16\(order) -t UTF-8")
        }
        if let nul = memchr(base, 0, bytes.count) {
            throw InputError(description: "\(what): contains a NUL byte at byte offset \(base.distance(to: UnsafeRawPointer(nul))); is it a binary file?")
        }
    }

    /// Parses one JSON line `{"id": ..., "text": ..., "meta": {...}}` (line numbers from 1).
    public static func parseJSONLine(_ line: Data, number: Int, maximumBytes: Int) throws -> AnnotationInput {
        let what = "stdin line \(number)"
        if line.count > maximumBytes {
            throw InputError(description: "\(what): \(line.count) bytes is larger than the limit of \(maximumBytes) bytes (raise it with --max-document-bytes)")
        }
        _ = try decode(line, what: what)
        // (Foundation's reason for a parse failure says nothing a user can act on.)
        guard let object = try? JSONSerialization.jsonObject(with: line, options: []), let fields = object as? [String: Any] else {
            throw InputError(description: "\(what): not a JSON object ({\"id\": \"...\", \"text\": \"...\"} expected)")
        }
        let id: String
        switch fields["id"] {
        case let s as String where !s.isEmpty: id = s
        case let n as NSNumber where !n.isJSONBoolean && n.doubleValue == n.doubleValue.rounded(): id = n.stringValue
        case nil: throw InputError(description: "\(what): missing \"id\" (a non-empty string naming the document)")
        default: throw InputError(description: "\(what): \"id\" must be a non-empty string or an integer")
        }
        guard let text = fields["text"] as? String else {
            throw InputError(description: "\(what): \"text\" must be a string")
        }
        if text.isEmpty { throw InputError(description: "\(what): the document \(id.debugDescription) is empty") }
        var metadata: [String: String] = [:]
        switch fields["meta"] {
        case nil, is NSNull: break
        case let meta as [String: Any]:
            for (key, value) in meta {
                switch value {
                case let s as String: metadata[key] = s
                case let n as NSNumber: metadata[key] = n.stringValue
                case is NSNull: continue
                default:
                    let data = (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed])) ?? Data()
                    metadata[key] = String(decoding: data, as: UTF8.self)
                }
            }
        default: throw InputError(description: "\(what): \"meta\" must be a JSON object")
        }
        return AnnotationInput(name: id, text: text, metadata: metadata)
    }
}

/// The files `annotate` was given, checked: the valid ones in order with their sizes, and a
/// warning for each one left out.
struct CheckedFiles: Sendable {
    /// Valid files, in the order they are annotated.
    var paths = PathList()
    /// The size in bytes of each of `paths`.
    var sizes: [Int] = []
    /// The text of each of `paths` as the check read it, when they all came to no more than
    /// ``InputDocuments/keptTextBytes``; empty otherwise (the files are read again).
    var texts: [String?] = []
    /// Why each skipped file was skipped (`--skip-invalid`), in order.
    var skipped: [String] = []
}

/// What the check found in one file: its size, and its text when kept.
struct CheckedFile: Sendable {
    let size: Int
    let text: String?
}

/// A number of bytes that threads reserve from, for the texts the check keeps.
final class TextBudget: Sendable {
    private let used = Atomic(0)
    private let refused = Atomic(false)
    let limit: Int

    init(limit: Int) { self.limit = limit }

    /// Takes `bytes` from the budget; false (taking nothing) when they do not fit.
    func reserve(_ bytes: Int) -> Bool {
        // Once full, the threads only read (no writes to a shared cache line per file).
        if exceeded { return false }
        if used.wrappingAdd(bytes, ordering: .relaxed).newValue <= limit { return true }
        used.wrappingSubtract(bytes, ordering: .relaxed)
        refused.store(true, ordering: .relaxed)
        return false
    }

    /// True once a reservation did not fit (read after the threads have finished).
    var exceeded: Bool { refused.load(ordering: .relaxed) }
}

/// `transform` applied to every element by `threads` threads of their own, a few elements at a
/// time; the results in the elements' order. For work that mostly waits on the disk, where more
/// reads in flight than cores go faster: checking the 651k files of the 1 GB benchmark when
/// they were not in the page cache took 31 s two at a time and 11 s sixteen at a time, here.
func parallelMap<T: Sendable, R: Sendable>(_ items: [T], threads: Int, _ transform: @escaping @Sendable (T) -> R) -> [R] {
    let chunk = 32
    let chunks = (items.count + chunk - 1) / chunk
    let width = min(threads, chunks)
    guard width > 1 else { return items.map(transform) }
    let work = ChunkedResults<R>(chunks: chunks)
    let done = DispatchGroup()
    for _ in 0 ..< width {
        done.enter()
        Thread {
            // Each thread keeps its chunks' results and hands them over once, at the end.
            var mine: [(chunk: Int, results: [R])] = []
            while case let c = work.next.wrappingAdd(1, ordering: .relaxed).oldValue, c < chunks {
                mine.append((c, items[c * chunk ..< min(items.count, (c + 1) * chunk)].map(transform)))
            }
            work.slots.withLock { slots in
                for (c, results) in mine { slots[c] = results }
            }
            done.leave()
        }.start()
    }
    done.wait()
    return work.slots.withLock { $0.flatMap { $0 } }
}

/// The next chunk to take, and each chunk's results, shared by ``parallelMap(_:threads:_:)``'s threads.
private final class ChunkedResults<R: Sendable>: Sendable {
    let next = Atomic(0)
    let slots: Mutex<[[R]]>

    init(chunks: Int) { slots = Mutex([[R]](repeating: [], count: chunks)) }
}

/// `transform` applied to every element on all cores; the results in the elements' order.
func parallelMap<T: Sendable, R: Sendable>(_ items: [T], _ transform: @escaping @Sendable (T) -> R) -> [R] {
    let chunk = 8
    let chunks = (items.count + chunk - 1) / chunk
    guard chunks > 1, ProcessInfo.processInfo.activeProcessorCount > 1 else { return items.map(transform) }
    let slots = Mutex([[R]](repeating: [], count: chunks))
    DispatchQueue.concurrentPerform(iterations: chunks) { c in
        let results = items[c * chunk..<min(items.count, (c + 1) * chunk)].map(transform)
        slots.withLock { $0[c] = results }
    }
    return slots.withLock { $0.flatMap { $0 } }
}

/// Work started on another thread now, whose result is collected later with ``wait()``.
final class BackgroundWork<Value: Sendable>: Sendable {
    private let outcome = Mutex<Result<Value, any Error>?>(nil)
    private let done = DispatchSemaphore(value: 0)

    /// Starts `work` on a global queue.
    init(_ work: @escaping @Sendable () throws -> Value) {
        DispatchQueue.global().async { [self] in
            let result = Result { try work() }
            outcome.withLock { $0 = result }
            done.signal()
        }
    }

    /// Waits for the work to finish; returns its value or rethrows its error.
    func wait() throws -> Value {
        done.wait()
        defer { done.signal() }  // a later wait() returns at once
        guard let result = outcome.withLock({ $0 }) else { throw InputError(description: "internal error: background work finished without a result") }
        return try result.get()
    }
}

/// UTF-8 validation that reports where the text breaks.
public enum UTF8Check {
    /// The offset of the first byte that does not start a valid UTF-8 sequence, or `nil`.
    public static func firstInvalidByte(_ b: UnsafeRawBufferPointer) -> Int? {
        var i = 0
        let n = b.count
        while i < n {
            // Fast paths: eight ASCII bytes at a time; eight bytes that are four two-byte
            // sequences (Arabic, accented Latin) at a time; one two-byte sequence. A lead byte
            // C2–DF cannot be overlong or out of range.
            if i + 8 <= n {
                let word = UInt64(littleEndian: b.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                if word & 0x8080_8080_8080_8080 == 0 {
                    i += 8
                    continue
                }
                // In each 16-bit lane, the first byte (low) is 110xxxxx but not C0 or C1 (one of
                // its bits 1–4 set: adding FE to them carries into bit 8) and the second is 10xxxxxx.
                if word & 0xC0E0_C0E0_C0E0_C0E0 == 0x80C0_80C0_80C0_80C0,
                   ((word & 0x001E_001E_001E_001E) &+ 0x00FE_00FE_00FE_00FE) & 0x0100_0100_0100_0100 == 0x0100_0100_0100_0100 {
                    i += 8
                    continue
                }
            }
            let c = b[i]
            if c < 0x80 { i += 1; continue }
            if c >= 0xC2 && c <= 0xDF && i + 1 < n && b[i + 1] & 0xC0 == 0x80 { i += 2; continue }
            let length: Int
            var minimum: UInt32
            var value: UInt32
            switch c {
            case 0xC2...0xDF: length = 2; minimum = 0x80; value = UInt32(c & 0x1F)
            case 0xE0...0xEF: length = 3; minimum = 0x800; value = UInt32(c & 0x0F)
            case 0xF0...0xF4: length = 4; minimum = 0x10000; value = UInt32(c & 0x07)
            default: return i
            }
            guard i + length <= n else { return i }
            for k in 1..<length {
                let cc = b[i + k]
                guard cc & 0xC0 == 0x80 else { return i }
                value = value << 6 | UInt32(cc & 0x3F)
            }
            if value < minimum || value > 0x10FFFF || (0xD800...0xDFFF).contains(value) { return i }
            i += length
        }
        return nil
    }
}

extension NSNumber {
    /// True for JSON `true`/`false`. (On Linux, `0 as NSNumber is Bool` holds, so the cast
    /// cannot tell booleans from numbers; the stored type can.)
    var isJSONBoolean: Bool { String(cString: objCType) == "c" }
}
