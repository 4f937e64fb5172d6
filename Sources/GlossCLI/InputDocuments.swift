import Foundation
import GlossStore

/// A problem with an input document, reported as one line naming the file or JSON line.
public struct InputError: Error, CustomStringConvertible {
    public let description: String

    public init(description: String) { self.description = description }
}

/// Finding and reading the documents `gloss annotate` is given.
public enum InputDocuments {
    /// Largest document accepted, in bytes.
    public static let defaultMaximumBytes = 64 << 20

    /// The files named by `paths`: files as given, directories searched recursively for names
    /// matching one of `globs`. Sorted within each directory so runs are reproducible.
    static func files(in paths: [String], globs: [String]) throws -> [String] {
        var result: [String] = []
        let fm = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw InputError(description: "\(path): no such file or directory")
            }
            guard isDirectory.boolValue else {
                result.append(clean(path))
                continue
            }
            guard let enumerator = fm.enumerator(atPath: path) else {
                throw InputError(description: "\(path): cannot read the directory")
            }
            var found: [String] = []
            while let relative = enumerator.nextObject() as? String {
                let full = (path as NSString).appendingPathComponent(relative)
                var isDir: ObjCBool = false
                guard fm.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue else { continue }
                let name = (relative as NSString).lastPathComponent
                if globs.contains(where: { fnmatch($0, $0.contains("/") ? relative : name, 0) == 0 }) {
                    found.append(clean(full))
                }
            }
            result.append(contentsOf: found.sorted())
        }
        return result
    }

    private static func clean(_ path: String) -> String {
        var p = path
        while p.hasPrefix("./") { p.removeFirst(2) }
        return p
    }

    /// Reads a file as UTF-8 text, refusing what is not a text document.
    static func readFile(_ path: String, maximumBytes: Int) throws -> String {
        try decode(try readBytes(path, maximumBytes: maximumBytes), what: path)
    }

    /// Checks that a file is a readable UTF-8 text document of at most `maximumBytes`, without
    /// building its text; returns its size in bytes.
    static func checkFile(_ path: String, maximumBytes: Int) throws -> Int {
        let data = try readBytes(path, maximumBytes: maximumBytes)
        try data.withUnsafeBytes { try validate($0, what: path) }
        return data.count
    }

    private static func readBytes(_ path: String, maximumBytes: Int) throws -> Data {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw InputError(description: "\(path): cannot open the file (check that it exists and is readable)")
        }
        defer { try? handle.close() }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        if size > maximumBytes {
            throw InputError(description: "\(path): \(size) bytes is larger than the limit of \(maximumBytes) bytes (raise it with --max-document-bytes)")
        }
        do {
            return try handle.readToEnd() ?? Data()
        } catch {
            throw InputError(description: "\(path): cannot read the file (\(error.localizedDescription))")
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
        if bytes.isEmpty { throw InputError(description: "\(what): the document is empty") }
        if let nul = bytes.firstIndex(of: 0) {
            throw InputError(description: "\(what): contains a NUL byte at byte offset \(nul); is it a binary file?")
        }
        if let bad = UTF8Check.firstInvalidByte(bytes) {
            throw InputError(description: "\(what): invalid UTF-8 at byte offset \(bad)")
        }
    }

    /// Parses one JSON line `{"id": ..., "text": ..., "meta": {...}}` (line numbers from 1).
    public static func parseJSONLine(_ line: Data, number: Int, maximumBytes: Int) throws -> AnnotationInput {
        let what = "stdin line \(number)"
        if line.count > maximumBytes {
            throw InputError(description: "\(what): \(line.count) bytes is larger than the limit of \(maximumBytes) bytes (raise it with --max-document-bytes)")
        }
        _ = try decode(line, what: what)
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: line, options: [])
        } catch {
            throw InputError(description: "\(what): not valid JSON (\(error.localizedDescription))")
        }
        guard let fields = object as? [String: Any] else {
            throw InputError(description: "\(what): expected a JSON object like {\"id\": \"doc-1\", \"text\": \"...\"}")
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

/// UTF-8 validation that reports where the text breaks.
public enum UTF8Check {
    /// The offset of the first byte that does not start a valid UTF-8 sequence, or `nil`.
    public static func firstInvalidByte(_ b: UnsafeRawBufferPointer) -> Int? {
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            if c < 0x80 { i += 1; continue }
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
