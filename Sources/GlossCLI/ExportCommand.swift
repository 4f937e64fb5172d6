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
                Formats:
                  jsonl    one span a line, as `gloss query --format jsonl` (stdout or --out FILE)
                  webanno  W3C Web Annotation JSON-LD, one annotation a line, with a \
                TextPositionSelector and a TextQuoteSelector
                  brat     brat standoff: for each document, DOC.txt (the text) and DOC.ann in --out DIR
                  conll    CoNLL / IOB2: one token a line with its tag (B-LABEL, I-LABEL, O), \
                a blank line between sentences, `# doc = NAME` before each document; where spans \
                overlap, the longest wins

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
                let root = URL(fileURLWithPath: out)
                try forEachDocument(store, query) { name, spans in
                    let base = root.appendingPathComponent(try SafePath.relative(for: name))
                    try FileManager.default.createDirectory(at: base.deletingLastPathComponent(), withIntermediateDirectories: true)
                    let textURL = base.pathExtension == "txt" ? base : base.appendingPathExtension("txt")
                    try Data(try store.text(ofDocument: name).utf8).write(to: textURL)
                    var counter = 0
                    var lines: [String] = []
                    for (i, span) in spans.enumerated() { lines += BratLines.lines(for: span, number: i + 1, attributeCounter: &counter) }
                    try Data((lines.joined(separator: "\n") + (lines.isEmpty ? "" : "\n")).utf8)
                        .write(to: textURL.deletingPathExtension().appendingPathExtension("ann"))
                }
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
/// the end, so that a failed export never leaves a half-written file behind.
struct ExportOutput: ~Copyable {
    var buffer: OutputBuffer
    private let descriptor: Int32?
    private let temporary: String?
    private let destination: String?

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

    mutating func write(_ s: String) { buffer.write(s) }

    /// Flushes, and for a file closes it and moves it into place.
    mutating func finish() throws {
        buffer.flush()
        guard let descriptor, let temporary, let destination else { return }
        close(descriptor)
        if buffer.failed {
            unlink(temporary)
            throw InputError(description: "\(destination): writing failed (is the disk full?)")
        }
        guard rename(temporary, destination) == 0 else {
            throw InputError(description: "\(destination): cannot move the finished file into place (\(String(cString: strerror(errno))))")
        }
    }
}

/// Maps document names to relative paths that cannot leave the export directory.
enum SafePath {
    /// `news/1.txt` stays as it is; `/etc/x`, `../../etc/passwd` and `a/./b` lose their
    /// absolute, parent and empty components (`..` becomes `%2E%2E`).
    static func relative(for name: String) throws -> String {
        let parts = name.split(separator: "/", omittingEmptySubsequences: true)
            .filter { $0 != "." }
            .map { $0 == ".." ? "%2E%2E" : String($0) }
        guard !parts.isEmpty else { throw InputError(description: "document name \(name.debugDescription) cannot be a file name") }
        return parts.joined(separator: "/")
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
