import ArgumentParser
import Foundation
import GlossKit
import GlossStore

extension Gloss {
    /// `gloss export`: spans in exchange formats.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Export spans (all, or those matching filters) for other tools.",
            discussion: """
                jsonl: one span a line, as `gloss query --format jsonl` prints them (to stdout, or \
                to --out FILE).

                webanno: W3C Web Annotation JSON-LD, one annotation a line, with a \
                TextPositionSelector and a TextQuoteSelector.

                brat: brat standoff files in the folder --out DIR: for each document, DOC.txt (its \
                text) and DOC.ann (its spans). A name that is absolute or holds . or .. is written \
                with %2F for a / that would lead out of DIR and %2E for such a dot, so that every \
                file stays inside DIR and import reads the name back. Attribute names and values \
                are single words in brat: a space in them is written %20 (a tab, a line feed, a \
                carriage return, a double quote %09, %0A, %0D, %22), a % that would read as an escape \
                %25, and an empty value "". The AnnotatorNotes line that holds a span's value writes \
                its tabs and line breaks the same way.

                conll: CoNLL / IOB2: one token a line with its tag (B-LABEL, I-LABEL, O), a blank \
                line between sentences, `# doc = NAME` before each document; where spans overlap, \
                the longest wins.

                `gloss import` reads jsonl and brat back: export then import gives the same spans.
                """)

        @OptionGroup var storeOptions: StoreOptions
        @OptionGroup(title: "Filters") var filters: QueryFilters

        @Option(name: .long, help: ArgumentHelp("jsonl, webanno, brat or conll.", valueName: "format"))
        var format: ExportFormat = .jsonl

        @Option(name: .long, help: ArgumentHelp("Output file (jsonl, webanno, conll) or directory (brat; required).", valueName: "path"))
        var out: String?

        func validate() throws {
            try filters.validate()
            if format == .brat && out == nil { throw ValidationError("--format brat writes one .txt and one .ann file per document: give --out DIR") }
        }

        func run() throws {
            try checkOut()
            let store = try storeOptions.open(create: false)
            let query = try filters.query()
            switch format {
            case .jsonl:
                // Spans stream from the map into the output, as `gloss query --format jsonl`.
                var output = try ExportOutput(path: out)
                try SpanJSON.writeAll(query, from: store, into: &output.buffer)
                try output.finish()
            case .webanno:
                var output = try ExportOutput(path: out)
                var texts = DocumentTexts(store: store)
                try store.forEachSpanReference(query) { span in
                    WebAnnotation.write(span, text: try texts.text(of: span.document), into: &output.buffer)
                    output.buffer.byte(0x0A)
                    return !output.buffer.failed
                }
                try output.finish()
            case .conll:
                var output = try ExportOutput(path: out)
                try forEachDocument(store, query) { name, spans in
                    output.write(CoNLL.document(name: name, text: DocumentText(try store.text(ofDocument: name)), spans: spans))
                }
                try output.finish()
            case .brat:
                guard let out else { return }
                try forEachDocument(store, query) { name, spans in
                    let base = (out as NSString).appendingPathComponent(try BratFiles.stem(for: name, in: store))
                    let text = Data(try store.text(ofDocument: name).utf8)
                    try BratFiles.writing(base + ".txt") {
                        try FileManager.default.createDirectory(atPath: (base as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                        try text.write(to: URL(fileURLWithPath: base + ".txt"))
                    }
                    var counter = 0
                    var lines: [String] = []
                    for (i, span) in spans.enumerated() { lines += BratLines.lines(for: span, number: i + 1, attributeCounter: &counter) }
                    let annotations = Data((lines.joined(separator: "\n") + (lines.isEmpty ? "" : "\n")).utf8)
                    try BratFiles.writing(base + ".ann") { try annotations.write(to: URL(fileURLWithPath: base + ".ann")) }
                }
            }
        }

        /// Refuses an --out of the wrong kind before anything is written: a file for brat, which
        /// writes a folder, or a folder for the formats that write one file.
        private func checkOut() throws {
            var isDirectory: ObjCBool = false
            guard let out, FileManager.default.fileExists(atPath: out, isDirectory: &isDirectory) else { return }
            if format == .brat && !isDirectory.boolValue {
                throw InputError(description: "--out \(out) is a file, but --format brat writes a folder (DOC.txt and DOC.ann for each document): give the path of a new folder, or of an existing one")
            }
            if format != .brat && isDirectory.boolValue {
                let example = (out as NSString).appendingPathComponent("spans." + (format == .conll ? "conll" : "jsonl"))
                throw InputError(description: "--out \(out) is a folder, but --format \(format.rawValue) writes one file: give a file path, such as \(example)")
            }
        }

        /// Groups the matching spans by document (they arrive in document order).
        private func forEachDocument(_ store: GlossStore, _ query: SpanQuery, _ body: (String, [Span]) throws -> Void) throws {
            var current: String?
            var spans: [Span] = []
            try store.forEachSpan(query) { span in
                if span.document != current {
                    if let current { try body(current, spans) }
                    current = span.document
                    spans = []
                }
                spans.append(span)
                return true
            }
            if let current { try body(current, spans) }
        }
    }
}

/// `export --format` values.
enum ExportFormat: String, ExpressibleByArgument, CaseIterable {
    case jsonl, webanno, brat, conll
}

/// Where export output goes: stdout, or a file written under a temporary name and renamed at
/// the end, so that a failed export never leaves a half-written file behind: an output that
/// was not finished removes its temporary file when it goes away.
struct ExportOutput: ~Copyable {
    var buffer: OutputBuffer
    /// The temporary file's descriptor, until ``finish()`` closes it.
    private var descriptor: Int32?
    private let temporary: String?
    private let destination: String?
    /// Whether ``finish()`` moved the file into place.
    private var finished = false

    init(path: String?) throws {
        guard let path else {
            buffer = OutputBuffer()
            descriptor = nil
            temporary = nil
            destination = nil
            return
        }
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).partial").path
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw InputError(description: "\(path): cannot create the file (\(String(cString: strerror(errno))))") }
        buffer = OutputBuffer(descriptor: fd)
        descriptor = fd
        self.temporary = temporary
        destination = path
    }

    deinit {
        guard !finished, let temporary else { return }
        if let descriptor { close(descriptor) }
        unlink(temporary)
    }

    mutating func write(_ s: String) { buffer.write(s) }

    /// Flushes, and for a file closes it and moves it into place.
    mutating func finish() throws {
        buffer.flush()
        guard let descriptor, let temporary, let destination else { return }
        close(descriptor)
        self.descriptor = nil
        if buffer.failed {
            throw InputError(description: "\(destination): writing failed (is the disk full?)")
        }
        guard rename(temporary, destination) == 0 else {
            throw InputError(description: "\(destination): cannot move the finished file into place (\(String(cString: strerror(errno))))")
        }
        finished = true
    }
}

/// The names of a document's brat files: `STEM.txt` holds its text and `STEM.ann` its spans.
enum BratFiles {
    /// The stem for the document `name`: its ``SafePath``, less a `.txt` ending (`news/1.txt`
    /// is written `news/1.txt` and `news/1.ann`, `doc-1` is written `doc-1.txt` and `doc-1.ann`).
    /// Throws when `name` lacks a `.txt` ending and the store also holds `name.txt`: the two
    /// would share their files.
    static func stem(for name: String, in store: GlossStore) throws -> String {
        let path = try SafePath.relative(for: name)
        let file = path.split(separator: "/").last ?? ""
        if file.count > 4 && file.hasSuffix(".txt") { return String(path.dropLast(4)) }
        if try store.containsDocument(named: name + ".txt") {
            throw InputError(description: """
                the documents \(name.debugDescription) and \((name + ".txt").debugDescription) would both be written as \
                \(path).txt and \(path).ann (brat names a document's files after it, adding .txt), and import could not tell \
                them apart: export them with --format jsonl instead
                """)
        }
        return path
    }

    /// Runs `body`, which writes the file at `path` (and the folders it goes in) with
    /// Foundation, turning its error into one line that names `path` and the system's reason.
    static func writing(_ path: String, _ body: () throws -> Void) throws {
        do { try body() } catch {
            let error = error as NSError
            let fileExists = error.domain == NSCocoaErrorDomain && error.code == CocoaError.fileWriteFileExists.rawValue
            let posixCode = GlossStore.posixCode(of: error) ?? (fileExists ? EEXIST : nil)
            guard let posixCode else { throw InputError(description: "\(path): cannot write the file (\(error.localizedDescription))") }
            switch posixCode {
            case EEXIST, ENOTDIR:
                throw InputError(description: "\(path): cannot write the file, because a file stands where one of its folders goes; move it away, or export to another --out folder")
            case EISDIR:
                throw InputError(description: "\(path): cannot write the file, because a folder of that name is in the way; move it away, or export to another --out folder")
            case let code:
                throw InputError(description: "\(path): cannot write the file (\(String(cString: strerror(code))))")
            }
        }
    }

    /// The document that the brat file `relative` (below the folder imported, less its `.ann`
    /// ending) annotates: `X.txt` if the store has it, else `X`, where `X` is the name the path
    /// holds (``SafePath/name(for:)``) — or, for a file that export did not write, the path
    /// itself, as it is.
    static func document(for relative: String, in store: GlossStore) throws -> String {
        let name = SafePath.name(for: relative)
        for candidate in [name + ".txt", name, relative + ".txt", relative] where try store.containsDocument(named: candidate) {
            return candidate
        }
        return name
    }
}

/// Maps document names to relative paths that cannot leave the export directory, and back.
///
/// A plain relative name such as `news/1.txt` is its own path. Otherwise three escapes make
/// every path a list of ordinary file names below the directory, and keep the mapping
/// reversible (``name(for:)`` undoes ``relative(for:)`` for every name):
/// - `%2F` for a `/` that cannot separate two names — the first of an absolute name, either of
///   `//`, a last one: `/abs/en.txt` is written `%2Fabs/en.txt`, `a//b` is `a%2F/b`;
/// - `%2E` for each dot of a `.` or `..` component: `../x` is written `%2E%2E/x`;
/// - `%25` for a `%` that a name holds just before `25`, `2E` or `2F`, so that it does not read
///   as an escape (`%2E%2E/x` is written `%252E%252E/x`); any other `%` stays as it is.
enum SafePath {
    /// The relative path (without a `.txt` or `.ann` ending) that holds the document `name`.
    static func relative(for name: String) throws -> String {
        guard !name.isEmpty else { throw InputError(description: "a document has an empty name, which cannot be a file name") }
        var path = ""
        var component = ""  // the path component being built
        for (index, part) in name.split(separator: "/", omittingEmptySubsequences: false).enumerated() {
            let escaped = part == "." ? "%2E" : part == ".." ? "%2E%2E" : PercentEscapes.names.escapingPercents(part)
            if index > 0 {
                // The slash before `part` separates two components only when neither is empty.
                if component.isEmpty || escaped.isEmpty {
                    component += "%2F"
                } else {
                    path += component + "/"
                    component = ""
                }
            }
            component += escaped
        }
        return path + component
    }

    /// The document name a relative path written by ``relative(for:)`` holds.
    static func name(for relative: String) -> String {
        PercentEscapes.names.unescaping(relative)
    }
}

/// CoNLL / IOB2 rendering of a document.
enum CoNLL {
    static func document(name: String, text: DocumentText, spans: [Span]) -> String {
        // The longest span wins where spans overlap; ties go to the earlier one.
        var chosen: [Span] = []
        for span in spans.sorted(by: { ($0.end - $0.start, -$0.start) > ($1.end - $1.start, -$1.start) }) {
            if !chosen.contains(where: { $0.start < span.end && span.start < $0.end }) { chosen.append(span) }
        }
        chosen.sort { $0.start < $1.start }
        var out = "# doc = \(name)\n"
        var k = 0
        var sentence = 0
        var previousInside: Int?
        for token in text.tokens {
            if sentence < text.sentences.count, token.start >= text.sentences[sentence].upperBound {
                out += "\n"
                previousInside = nil
                while sentence < text.sentences.count, token.start >= text.sentences[sentence].upperBound { sentence += 1 }
            }
            while k < chosen.count && chosen[k].end <= token.start { k += 1 }
            var tag = "O"
            if k < chosen.count, chosen[k].start < token.end, token.start < chosen[k].end {
                tag = (previousInside == k ? "I-" : "B-") + chosen[k].label
                previousInside = k
            } else {
                previousInside = nil
            }
            out += "\(text[token.range])\t\(tag)\n"
        }
        return out + "\n"
    }
}
