import Foundation
import GlossKit
#if canImport(Glibc)
import Glibc
#endif

/// The corpus file shared by the Swift harness and the C baselines, one record per line:
///
///     GLOSSBENCH-CORPUS 1
///     D <tab> name <tab> UTF-8 bytes <tab> code points <newline> text bytes <newline>
///     S <tab> start <tab> end <tab> label <tab> type <tab> value <tab> attributes <newline>
///
/// Spans follow their document. `type` is `-` (none), `i` (integer), `d` (decimal), `s` (string)
/// or `t` (date, ISO); attributes are `key=value;key=value` sorted by key, or `-`.
enum CorpusFile {
    static let header = "GLOSSBENCH-CORPUS 1"
}

/// Writes a corpus file and keeps a digest of everything written.
final class CorpusWriter {
    private let file: UnsafeMutablePointer<FILE>
    private(set) var digest: UInt64 = 0xcbf2_9ce4_8422_2325

    init(path: String) throws {
        guard let file = fopen(path, "w") else { throw BenchError("cannot write \(path)") }
        self.file = file
        write(CorpusFile.header + "\n")
    }

    deinit { fclose(file) }

    func write(_ s: String) {
        var s = s
        s.withUTF8 { bytes in
            for byte in bytes {
                digest ^= UInt64(byte)
                digest &*= 0x0000_0100_0000_01B3
            }
            _ = fwrite(bytes.baseAddress, 1, bytes.count, file)
        }
    }

    func add(_ document: GeneratedDocument) {
        write("D\t\(document.name)\t\(document.text.utf8.count)\t\(document.codePoints)\n")
        write(document.text)
        write("\n")
        for span in document.spans {
            let (type, value) = Self.encode(span.value)
            let attributes = span.attributes.isEmpty ? "-" : span.attributes.map { "\($0.key)=\($0.value)" }.joined(separator: ";")
            write("S\t\(span.start)\t\(span.end)\t\(span.label)\t\(type)\t\(value)\t\(attributes)\n")
        }
    }

    static func encode(_ value: SpanValue?) -> (String, String) {
        switch value {
        case nil: ("-", "-")
        case .integer(let n): ("i", String(n))
        case .decimal(let d): ("d", "\(d)")
        case .string(let s): ("s", s)
        case .date(let date): ("t", date.iso)
        }
    }
}

/// A document read back from a corpus file, with its spans as drafts.
struct CorpusDocument {
    var name: String
    var text: String
    var codePoints: Int
    var drafts: [SpanDraft]
}

/// Streams the documents of a corpus file.
final class CorpusReader {
    private let file: UnsafeMutablePointer<FILE>
    private var line: UnsafeMutablePointer<CChar>?
    private var capacity = 0
    private var pending: String?

    init(path: String) throws {
        guard let file = fopen(path, "r") else { throw BenchError("cannot read \(path)") }
        self.file = file
        guard let first = readLine(), first == CorpusFile.header else { throw BenchError("\(path) is not a corpus file") }
    }

    deinit {
        free(line)
        fclose(file)
    }

    private func readLine() -> String? {
        let n = getline(&line, &capacity, file)
        guard n > 0, let line else { return nil }
        let length = line[n - 1] == 0x0A ? n - 1 : n
        return line.withMemoryRebound(to: UInt8.self, capacity: n) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
    }

    /// The next document, or nil at the end.
    func next() throws -> CorpusDocument? {
        guard let header = pending ?? readLine() else { return nil }
        pending = nil
        let fields = header.split(separator: "\t", omittingEmptySubsequences: false)
        guard fields.count == 4, fields[0] == "D", let bytes = Int(fields[2]), let codePoints = Int(fields[3]) else {
            throw BenchError("corpus: expected a document line, got \(header.prefix(60))")
        }
        var buffer = [UInt8](repeating: 0, count: bytes + 1)
        guard fread(&buffer, 1, bytes + 1, file) == bytes + 1 else { throw BenchError("corpus: text of \(fields[1]) is cut short") }
        let text = String(decoding: buffer[0..<bytes], as: UTF8.self)
        var drafts: [SpanDraft] = []
        while let line = readLine() {
            guard line.hasPrefix("S\t") else {
                pending = line
                break
            }
            drafts.append(try Self.draft(line))
        }
        return CorpusDocument(name: String(fields[1]), text: text, codePoints: codePoints, drafts: drafts)
    }

    static func draft(_ line: String) throws -> SpanDraft {
        let f = line.split(separator: "\t", omittingEmptySubsequences: false)
        guard f.count == 7, let start = Int(f[1]), let end = Int(f[2]) else { throw BenchError("corpus: bad span line \(line)") }
        let value: SpanValue?
        switch f[4] {
        case "i": value = Int64(f[5]).map(SpanValue.integer)
        case "d": value = Double(f[5]).map(SpanValue.decimal)
        case "s": value = .string(String(f[5]))
        case "t": value = SpanDate(iso: String(f[5])).map(SpanValue.date)
        default: value = nil
        }
        var attributes: [String: String] = [:]
        if f[6] != "-" {
            for pair in f[6].split(separator: ";") {
                let kv = pair.split(separator: "=", maxSplits: 1)
                if kv.count == 2 { attributes[String(kv[0])] = String(kv[1]) }
            }
        }
        return SpanDraft(start: start, end: end, label: String(f[3]), value: value, attributes: attributes)
    }
}

/// The queries file shared by the harness and the baselines: `doc <tab> name <tab> label` and
/// `range <tab> label <tab> min <tab> max` lines.
struct QuerySet {
    var documentQueries: [(document: String, label: String)] = []
    var rangeQueries: [(label: String, minimum: Double, maximum: Double)] = []

    init(path: String) throws {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw BenchError("cannot read \(path)") }
        for line in text.split(separator: "\n") {
            let f = line.split(separator: "\t").map(String.init)
            if f.count == 3, f[0] == "doc" { documentQueries.append((f[1], f[2])) }
            if f.count == 4, f[0] == "range", let low = Double(f[2]), let high = Double(f[3]) { rangeQueries.append((f[1], low, high)) }
        }
    }
}
