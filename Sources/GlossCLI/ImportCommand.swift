import ArgumentParser
import Foundation
import GlossBuiltins
import GlossKit
import GlossStore

extension Gloss {
    /// `gloss import`: spans from exchange files.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Import spans (for example gold annotations) from JSON lines or brat files.",
            discussion: """
                The documents must already be in the store (add them with `gloss annotate`). Every \
                file is read and checked whole against the stored texts first, and all of them are \
                imported in one transaction: if a file is missing or malformed, or any span names an \
                unknown document, lies outside its text, or carries a "text" that does not match, the \
                error names the file and line and nothing from any of the files is imported. \
                Importing the same source again replaces its spans on the documents the files cover \
                (a document in two files of one import keeps the later file's spans).

                JSON lines: one span a line, as `gloss query --format jsonl` prints them:
                  {"doc": "news/1.txt", "start": 10, "end": 15, "label": "PLACE",
                   "value": "Baghdad", "attrs": {"kind": "city"}, "text": "بغداد"}

                ("value", "attrs", "text" and "confidence" are optional.)

                brat: .ann files (a directory is searched recursively); X.ann annotates the document \
                named X.txt, or X when no document X.txt exists (with %2F, %2E and %25 in X read as /, . and %, \
                as `gloss export --format brat` writes names that are absolute or hold . or ..). T lines give spans, A lines \
                attributes (with %20, %09, %0A, %0D, %22 and %25 in their names and values read as space, tab, \
                line feed, carriage return, " and %; "" as an empty value; no value as true), \
                AnnotatorNotes lines values (with %09, %0A, %0D and %25 read as tab, line feed, carriage return and %).

                Example:
                  gloss import --source gold gold.jsonl
                  gloss eval --gold gold
                """)

        @OptionGroup var storeOptions: StoreOptions
        @OptionGroup var writerOptions: WriterOptions

        @Option(name: .long, help: ArgumentHelp("The source name the spans are stored under, such as gold.", valueName: "name"))
        var source: String

        @Option(name: .long, help: ArgumentHelp("jsonl or brat (default: from the file names).", valueName: "format"))
        var format: ImportFormat?

        @Argument(help: ArgumentHelp("Files (.jsonl, .ann) or directories of .ann files.", valueName: "path"))
        var paths: [String]

        func validate() throws {
            if paths.isEmpty { throw ValidationError("give at least one file to import") }
            if source.isEmpty { throw ValidationError("--source is empty: give the name to store the spans under, such as gold") }
            if source.contains("@") {
                throw ValidationError("--source \(source): a source name cannot contain @, which separates an extractor's name from its version (numbers@1.0.3); choose a name such as gold")
            }
        }

        /// Refuses a source name that is an extractor's: `gloss query --source NAME` would then
        /// give the extractor's spans and the imported ones together.
        private func checkSourceIsNoExtractor(_ store: GlossStore) throws {
            let extractor: String
            if BuiltinExtractors.names.contains(source) {
                extractor = "a built-in extractor"
            } else if try store.registeredPlugins().contains(where: { $0.id == source }) {
                extractor = "a registered plugin"
            } else if try store.sources().contains(where: { $0.hasPrefix(source + "@") }) {
                extractor = "an extractor whose spans are in the store"
            } else {
                return
            }
            throw InputError(description: "--source \(source): \(source) is the name of \(extractor), and `gloss query --source \(source)` would give its spans and the imported ones together; choose another name, such as \(source)-gold")
        }

        func run() throws {
            let store = try storeOptions.open(create: false)
            let lock = try store.lockForWriting(waitingUpTo: writerOptions.wait)
            defer { withExtendedLifetime(lock) {} }
            try checkSourceIsNoExtractor(store)
            // Every file is read and checked before anything is written, in one transaction.
            var files: [[ImportedSpan]] = []
            for path in paths {
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                    throw InputError(description: "\(path): no such file or directory; nothing was imported")
                }
                let kind = format ?? (isDirectory.boolValue || path.hasSuffix(".ann") ? .brat : .jsonl)
                switch kind {
                case .jsonl:
                    if isDirectory.boolValue {
                        throw InputError(description: "\(path) is a folder, and JSON lines are read from a file: give the .jsonl file (without --format jsonl, a folder is read as brat .ann files); nothing was imported")
                    }
                    files.append(try SpanFiles.readJSONLines(path))
                case .brat: files.append(try SpanFiles.readBrat(path, isDirectory: isDirectory.boolValue, store: store))
                }
            }
            let written = try store.importSpans(files: files, source: source)
            for (path, count) in zip(paths, written) {
                Terminal.warn("imported \(counted(count, "span")) from \(path) as \(source)")
            }
            if paths.count > 1 { Terminal.warn("imported \(counted(written.reduce(0, +), "span")) in all") }
        }
    }
}

/// `import --format` values.
enum ImportFormat: String, ExpressibleByArgument, CaseIterable {
    case jsonl, brat
}

/// Readers of span exchange files.
public enum SpanFiles {
    /// The shape of a span JSON line, for the messages about lines that do not have it.
    static let expectedLine = "{\"doc\": \"...\", \"start\": 0, \"end\": 5, \"label\": \"...\"}"

    /// What import reads, for the messages about files it cannot read.
    static let readableFormats = "import reads JSON lines as `gloss query --format jsonl` prints them (\(expectedLine)) and brat .ann files"

    /// Why import cannot read a file whose first line is `line`, when `gloss export` wrote it in
    /// a format import does not read (CoNLL), or `nil`.
    static func unreadableFormat(firstLine line: some Collection<UInt8>) -> String? {
        guard line.starts(with: "# doc = ".utf8) else { return nil }
        return "this is CoNLL, as `gloss export --format conll` writes it, which import cannot read: \(readableFormats)"
    }

    /// Reads a span JSON lines file, refusing one that holds no spans.
    static func readJSONLines(_ path: String) throws -> [ImportedSpan] {
        guard let data = FileManager.default.contents(atPath: path) else { throw InputError(description: "\(path): cannot read the file; nothing was imported") }
        if data.isEmpty { throw InputError(description: "\(path): the file is empty; nothing was imported") }
        let spans = try parseJSONLines(data, path: path)
        if spans.isEmpty { throw InputError(description: "\(path): the file holds only blank lines; nothing was imported") }
        return spans
    }

    /// Parses span JSON lines; `path` names the origin of each span (`path:line`).
    public static func parseJSONLines(_ data: Data, path: String) throws -> [ImportedSpan] {
        if let bad = data.withUnsafeBytes({ UTF8Check.firstInvalidByte($0) }) {
            throw InputError(description: "\(path): invalid UTF-8 at byte offset \(bad); nothing was imported")
        }
        var spans: [ImportedSpan] = []
        try forEachLine(of: data) { index, line in
            let origin = "\(path):\(index + 1)"
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return }
            let object: Any
            do { object = try JSONSerialization.jsonObject(with: Data(line)) } catch {
                let why = index == 0 ? unreadableFormat(firstLine: line) : nil
                throw InputError(description: "\(origin): \(why ?? "not a JSON object (\(expectedLine) expected)"); nothing was imported")
            }
            guard let fields = object as? [String: Any] else {
                throw InputError(description: "\(origin): not a JSON object (\(expectedLine) expected); nothing was imported")
            }
            func fail(_ why: String) -> InputError { InputError(description: "\(origin): \(why); nothing was imported") }
            guard let docField = fields["doc"] else {
                if fields["@context"] != nil || fields["target"] != nil {
                    throw fail("this is W3C Web Annotation JSON-LD, as `gloss export --format webanno` writes it, which import cannot read: \(readableFormats)")
                }
                throw fail("\"doc\" is missing: \(readableFormats)")
            }
            guard let doc = docField as? String else { throw fail("\"doc\" must be a string") }
            guard let start = integer(fields["start"]), let end = integer(fields["end"]) else { throw fail("\"start\" and \"end\" must be integers") }
            guard let label = fields["label"] as? String, !label.isEmpty else { throw fail("\"label\" must be a non-empty string") }
            if let problem = SpanDraft.labelProblem(label) { throw fail(problem) }
            var attributes: [String: String] = [:]
            if let attrs = fields["attrs"], !(attrs is NSNull) {
                guard let dict = attrs as? [String: Any] else { throw fail("\"attrs\" must be an object") }
                for (k, v) in dict {
                    guard let s = v as? String else { throw fail("attribute \(k.debugDescription) must be a string") }
                    attributes[k] = s
                }
            }
            let confidence: Double
            switch fields["confidence"] {
            case nil, is NSNull: confidence = 1
            case let n as NSNumber where !n.isJSONBoolean: confidence = n.doubleValue
            default: throw fail("\"confidence\" must be a number")
            }
            let value: SpanValue?
            switch fields["value"] {
            case nil, is NSNull: value = nil
            case let s as String: value = parseValue(s, numbers: false)
            case let n as NSNumber where !n.isJSONBoolean: value = number(n.doubleValue)
            default: throw fail("\"value\" must be a string, a number or null")
            }
            let text: String?
            switch fields["text"] {
            case nil, is NSNull: text = nil
            case let s as String: text = s
            default: throw fail("\"text\" must be a string")
            }
            spans.append(ImportedSpan(origin: origin, document: doc,
                                      draft: SpanDraft(start: start, end: end, label: label, value: value, confidence: confidence, attributes: attributes),
                                      text: text))
        }
        return spans
    }

    /// Calls `body` with each line of `data` (split at `\n`, the last one after the last `\n`
    /// too, empty or not) and its index from 0, found with `memchr` over the bytes in place
    /// (`Data.split` went through a generic collection byte by byte).
    private static func forEachLine(of data: Data, _ body: (Int, UnsafeRawBufferPointer) throws -> Void) throws {
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            var start = 0
            var index = 0
            while true {
                let rest = raw.count - start
                let newline = raw.baseAddress.flatMap { base in
                    rest > 0 ? memchr(base + start, 0x0A, rest).map { base.distance(to: UnsafeRawPointer($0)) } : nil
                }
                let end = newline ?? raw.count
                try body(index, UnsafeRawBufferPointer(rebasing: raw[start..<end]))
                guard let newline else { return }
                start = newline + 1
                index += 1
            }
        }
    }

    private static func integer(_ any: Any?) -> Int? {
        guard let n = any as? NSNumber, !n.isJSONBoolean, n.doubleValue == n.doubleValue.rounded(), abs(n.doubleValue) < 1e15 else { return nil }
        return n.intValue
    }

    static func number(_ d: Double) -> SpanValue {
        d == d.rounded() && abs(d) < 9e15 ? .integer(Int64(d)) : .decimal(d)
    }

    /// A value written as text: an ISO date (`2024-03` or `2024-03-03`), a number when `numbers`
    /// (brat notes carry everything as text), or a string.
    static func parseValue(_ s: String, numbers: Bool) -> SpanValue {
        if s.count >= 7, let date = SpanDate(iso: s) { return .date(date) }
        if numbers, let d = Double(s), d.isFinite { return number(d) }
        return .string(s)
    }

    static func readBrat(_ path: String, isDirectory: Bool, store: GlossStore) throws -> [ImportedSpan] {
        var files: [(file: String, relative: String)] = []
        if isDirectory {
            guard let enumerator = FileManager.default.enumerator(atPath: path) else { throw InputError(description: "\(path): cannot read the directory; nothing was imported") }
            while let relative = enumerator.nextObject() as? String {
                if relative.hasSuffix(".ann") { files.append(((path as NSString).appendingPathComponent(relative), relative)) }
            }
            files.sort { $0.relative < $1.relative }
            if files.isEmpty {
                throw InputError(description: "no .ann files in \(path) (a folder is read as brat: DOC.ann files next to DOC.txt); nothing was imported")
            }
        } else {
            files = [(path, (path as NSString).lastPathComponent)]
        }
        var spans: [ImportedSpan] = []
        for (file, relative) in files {
            let document = try BratFiles.document(for: String(relative.dropLast(4)), in: store)
            spans += try readAnn(file, document: document)
        }
        if spans.isEmpty {
            if isDirectory { throw InputError(description: "the .ann files in \(path) hold no spans (T lines); nothing was imported") }
            throw InputError(description: "\(path): no spans (T lines) in this brat file\(notBrat(path)); nothing was imported")
        }
        return spans
    }

    /// What the file at `path`, which holds no brat spans, seems to be instead: `; it looks
    /// like ...`, or nothing.
    private static func notBrat(_ path: String) -> String {
        let data = FileManager.default.contents(atPath: path) ?? Data()
        let first = data.split(separator: 0x0A).first { !$0.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D } } ?? Data()
        if let format = unreadableFormat(firstLine: first) { return "; " + format }
        if first.first(where: { $0 != 0x20 && $0 != 0x09 }) == UInt8(ascii: "{") {
            return "; it looks like JSON lines: import it without --format brat"
        }
        return ""
    }

    private static func readAnn(_ file: String, document: String) throws -> [ImportedSpan] {
        guard let data = FileManager.default.contents(atPath: file) else { throw InputError(description: "\(file): cannot read the file; nothing was imported") }
        return try parseAnn(data, file: file, document: document)
    }

    /// Parses a brat `.ann` file annotating `document`.
    public static func parseAnn(_ data: Data, file: String, document: String) throws -> [ImportedSpan] {
        let text = try InputDocuments.decode(data.isEmpty ? Data(" ".utf8) : data, what: file)
        var order: [String] = []
        var drafts: [String: (origin: String, draft: SpanDraft, text: String)] = [:]
        var pending: [(line: Int, fields: [Substring])] = []
        for (index, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).enumerated() {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            let origin = "\(file):\(index + 1)"
            func fail(_ why: String) -> InputError { InputError(description: "\(origin): \(why); nothing was imported") }
            guard let id = fields.first, let kind = id.first else { continue }
            switch kind {
            case "T":
                guard fields.count >= 2 else { throw fail("a T line needs: ID, TAB, LABEL START END, TAB, TEXT") }
                let parts = fields[1].split(separator: " ")
                guard parts.count == 3, let start = Int(parts[1]), let end = Int(parts[2]) else {
                    throw fail("expected LABEL START END (discontinuous spans are not supported)")
                }
                if let problem = SpanDraft.labelProblem(String(parts[0])) { throw fail(problem) }
                drafts[String(id)] = (origin, SpanDraft(start: start, end: end, label: String(parts[0])), fields.count > 2 ? String(fields[2]) : "")
                order.append(String(id))
            case "A", "M", "#":
                pending.append((index + 1, fields))
            default:
                continue  // relations and events are not spans
            }
        }
        for (line, fields) in pending {
            let origin = "\(file):\(line)"
            guard fields.count >= 2 else { continue }
            let parts = fields[1].split(separator: " ")
            if fields[0].hasPrefix("#") {
                guard parts.count == 2, parts[0] == "AnnotatorNotes", fields.count >= 3 else { continue }
                guard drafts[String(parts[1])] != nil else { throw InputError(description: "\(origin): note on unknown annotation \(String(parts[1]).debugDescription); nothing was imported") }
                let note = PercentEscapes.notes.unescaping(fields[2...].joined(separator: "\t"))
                drafts[String(parts[1])]?.draft.value = parseValue(note, numbers: true)
            } else {
                guard parts.count >= 2 else { continue }
                guard drafts[String(parts[1])] != nil else { throw InputError(description: "\(origin): attribute on unknown annotation \(String(parts[1]).debugDescription); nothing was imported") }
                let value = parts.count > 2 ? BratLines.token(reading: parts[2...].joined(separator: " ")) : "true"
                drafts[String(parts[1])]?.draft.attributes[BratLines.token(reading: parts[0])] = value
            }
        }
        return order.compactMap { id in
            guard let entry = drafts[id] else { return nil }
            return ImportedSpan(origin: entry.origin, document: document, draft: entry.draft, text: entry.text.isEmpty ? nil : entry.text)
        }
    }
}
