import ArgumentParser
import Foundation
import GlossKit
import GlossStore

extension Gloss {
    /// `gloss annotate`: add documents to the store and run extractors on them.
    struct Annotate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "annotate",
            abstract: "Add documents to the store and annotate them.",
            discussion: """
                Reads text files and directories (searched recursively for *.txt and *.md unless \
                --glob says otherwise; hidden files and folders such as .git are skipped), or JSON \
                lines on standard input when the path is `-`:
                  {"id": "doc-1", "text": "...", "meta": {"source": "wire"}}

                Each document is stored under its path (or its id) with its text exactly as given. \
                Adding an unchanged document again does nothing; a changed one replaces the old text \
                and drops its spans. Each extractor runs only where the text or its version changed, \
                and its new spans replace its old ones on that document: re-running never duplicates.

                Every input is checked (readable, UTF-8, not empty, not binary) before anything is \
                written: a bad input stops the run with an error naming it, unless --skip-invalid.
                """)

        @OptionGroup var storeOptions: StoreOptions
        @OptionGroup var writerOptions: WriterOptions

        @Argument(help: ArgumentHelp("Files or directories to annotate, or - for JSON lines on stdin.", valueName: "path"))
        var paths: [String]

        @Option(name: .long, help: ArgumentHelp(
            "A file name pattern to pick inside directories (repeatable; default: *.txt and *.md).", valueName: "pattern"))
        var glob: [String] = ["*.txt", "*.md"]

        @Option(name: .long, help: ArgumentHelp(
            "Comma-separated extractors to run: built-in (people, numbers, places) or registered plugins; `all` for every one, `none` to only add the documents. Default: the built-in ones.",
            valueName: "names"))
        var extractors: String?

        @Option(name: .long, help: ArgumentHelp("Also run the rules in this YAML or JSON file (repeatable).", valueName: "file"))
        var rules: [String] = []

        @Option(name: .long, help: ArgumentHelp("Seconds a plugin may take on one document before it is stopped.", valueName: "seconds"))
        var pluginTimeout: Double = 30

        @Flag(name: .long, help: "Skip unreadable, empty, binary or non-UTF-8 inputs with a warning instead of stopping.")
        var skipInvalid = false

        @Option(name: .long, help: ArgumentHelp("Largest document accepted, in bytes.", valueName: "bytes"))
        var maxDocumentBytes = InputDocuments.defaultMaximumBytes

        @Option(name: .long, help: ArgumentHelp(
            "Documents per write transaction: larger batches are faster and hold more memory until they commit (default: \(Annotator.defaultBatchDocuments)).",
            valueName: "n"))
        var batch: Int?

        @Option(name: .long, help: ArgumentHelp(
            "Write spans to stdout as JSON lines instead of storing anything (`--emit jsonl`, with `-`: a streaming filter for Spark, Hadoop Streaming or GNU parallel).",
            valueName: "format"))
        var emit: EmitFormat?

        @Flag(name: .long, help: "With --emit: stop at the first bad document instead of reporting it and going on.")
        var failFast = false

        func validate() throws {
            if paths.isEmpty { throw ValidationError("give at least one file or directory, or - for JSON lines on stdin") }
            if let batch, batch < 1 { throw ValidationError("--batch must be at least 1") }
            if maxDocumentBytes < 1 { throw ValidationError("--max-document-bytes must be positive") }
            if !(pluginTimeout > 0 && pluginTimeout.isFinite) { throw ValidationError("--plugin-timeout must be a positive number of seconds") }
            if emit != nil && paths != ["-"] { throw ValidationError("--emit reads JSON lines on stdin: give - as the only path") }
            if failFast && emit == nil { throw ValidationError("--fail-fast goes with --emit") }
            if emit != nil {
                // --emit writes no store: options about the store or its batches would do nothing.
                let ignored = [(storeOptions.store != nil, "--store"), (batch != nil, "--batch"), (skipInvalid, "--skip-invalid"),
                               (writerOptions.wait > 0, "--wait")].filter(\.0).map(\.1)
                if let first = ignored.first {
                    throw ValidationError("\(first) does nothing with --emit, which writes spans to stdout and no store "
                                          + "(a bad line is reported on stderr and skipped; --fail-fast stops at it)")
                }
            }
        }

        func run() throws {
            let mergeThreshold = try Self.positiveEnvironmentValue("GLOSS_VALUE_LOG_MERGE_THRESHOLD")
            let mergeStep = try Self.positiveEnvironmentValue("GLOSS_VALUE_LOG_MERGE_STEP")
            let directBelow = try Self.environmentValue("GLOSS_VALUE_LOG_DIRECT_BELOW", minimum: 0)
            // Files are found and checked on other threads while the extractors load; what the
            // check finds (errors, warnings) is reported only once the extractors are ready, as
            // when one came after the other.
            let checking = emit != nil || paths.contains("-") ? nil : BackgroundWork { [paths, glob, skipInvalid, maxDocumentBytes] in
                try InputDocuments.checkFiles(in: paths, globs: glob, skipInvalid: skipInvalid, maximumBytes: maxDocumentBytes)
            }
            let chosen = try ExtractorCatalog.choose(names: extractors, rules: rules, storePath: storeOptions.path, pluginTimeout: pluginTimeout)
            if emit != nil {
                try StreamFilter(extractors: chosen, maximumBytes: maxDocumentBytes, failFast: failFast).run()
                return
            }
            let inputs = try checking.map { InputSet.files(try $0.wait(), maximumBytes: maxDocumentBytes) } ?? collectInputs()
            let store = try storeOptions.open(create: true)
            let lock = try store.lockForWriting(waitingUpTo: writerOptions.wait)
            defer { withExtendedLifetime(lock) {} }
            var annotator = Annotator(store: store, extractors: chosen)
            annotator.batchDocuments = batch ?? Annotator.defaultBatchDocuments
            if let mergeThreshold { annotator.valueLogMergeThreshold = mergeThreshold }
            if let mergeStep { annotator.valueLogMergeStep = mergeStep }
            if let directBelow { annotator.directValueWritesBelow = directBelow }
            let clock = ContinuousClock()
            let started = clock.now
            let progress = Terminal.stderrIsTTY ? ProgressLine(total: inputs.count, totalBytes: inputs.totalBytes) : nil
            let summary = try annotator.annotate(inputs.sequence) { event in
                switch event {
                case .replaced(let name):
                    Terminal.warn("replaced \(name): its text changed, so its old spans were dropped")
                case .failed(let error):
                    Terminal.warn(error.description)
                case .committed(let documents, let bytes):
                    progress?.update(documents: documents, bytes: bytes, elapsed: clock.now - started)
                }
            }
            if progress != nil { Terminal.endProgress() }
            if let error = inputs.error { throw error }
            report(summary, elapsed: clock.now - started, store: store.path)
            if !summary.failures.isEmpty { throw ExitCode.failure }
        }

        /// A whole number above zero from the environment variable `name`, if it is set (a
        /// tuning knob: see README "Inside the store").
        private static func positiveEnvironmentValue(_ name: String) throws -> Int? {
            try environmentValue(name, minimum: 1)
        }

        /// A whole number of at least `minimum` from the environment variable `name`, if set.
        private static func environmentValue(_ name: String, minimum: Int) throws -> Int? {
            guard let text = ProcessInfo.processInfo.environment[name] else { return nil }
            guard let value = Int(text), value >= minimum else {
                let bound = minimum == 1 ? "above zero" : "of at least \(minimum)"
                throw ValidationError("\(name) must be a whole number \(bound), not \(text.debugDescription)")
            }
            return value
        }

        /// The JSON-lines input on stdin (files are checked by `InputDocuments.checkFiles`).
        private func collectInputs() throws -> InputSet {
            if paths == ["-"] {
                return try InputSet.jsonLines(descriptor: STDIN_FILENO, skipInvalid: skipInvalid, maximumBytes: maxDocumentBytes)
            }
            throw ValidationError("- (JSON lines on stdin) cannot be mixed with file paths")
        }

        private func report(_ summary: AnnotationSummary, elapsed: Duration, store: String) {
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let mb = Double(summary.bytes) / 1_000_000
            var lines = ["annotated " + counted(summary.documents, "document")
                         + String(format: " in %.2f s (%.1f MB/s): %d added, %d replaced, %d unchanged",
                                  seconds, seconds > 0 ? mb / seconds : 0, summary.added, summary.replaced, summary.unchanged)]
            let spans = summary.spansByLabel.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            lines.append("spans written: " + (spans.isEmpty ? "none" : spans.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
                         + (summary.skipped > 0 ? " (\(summary.skipped) extractor runs skipped: text and version unchanged)" : ""))
            if !summary.failures.isEmpty { lines.append("\(summary.failures.count) extractor run(s) failed (see above); nothing was written for them") }
            lines.append("store: \(store)")
            for line in lines { FileHandle.standardError.write(Data((line + "\n").utf8)) }
        }
    }
}

/// `--emit` values.
enum EmitFormat: String, ExpressibleByArgument, CaseIterable {
    case jsonl
}

/// `annotate --emit jsonl`: JSON-lines documents on stdin to JSON-lines spans on stdout, in
/// input order, a window of documents at a time (flat memory). A bad line or a failed extractor
/// becomes one JSON error record on stderr and the stream goes on, unless `failFast`.
struct StreamFilter {
    let extractors: [any Extractor]
    let maximumBytes: Int
    let failFast: Bool
    static let windowDocuments = 64
    static let windowBytes = 8 << 20

    func run() throws {
        let annotator = try StreamingAnnotator(extractors: extractors)
        var output = OutputBuffer()
        var window: [AnnotationInput] = []
        var windowBytes = 0
        var lineNumber = 0
        var spanID: UInt64 = 0
        var failed = false
        func report(_ fields: [String: Any]) {
            let line = (try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
        func flush() throws {
            guard !window.isEmpty else { return }
            for (input, result) in zip(window, annotator.extract(window)) {
                for failure in result.failures {
                    report(["doc": input.name, "error": failure.description])
                }
                if !result.failures.isEmpty {
                    failed = true
                    // With --fail-fast the stream stops at this document (the documents before
                    // it are written, even when the run stops for a bad line after the window).
                    if failFast { break }
                }
                let scalars = Array(input.text.unicodeScalars)
                let drafts = result.spans.enumerated().flatMap { order, entry in entry.drafts.map { (order, entry.source, $0) } }
                    .sorted { ($0.2.start, -$0.2.end, $0.0) < ($1.2.start, -$1.2.end, $1.0) }
                for (_, source, draft) in drafts {
                    spanID += 1
                    output.line(SpanJSON.line(Span(id: spanID, document: input.name, start: draft.start, end: draft.end,
                                                   text: String(String.UnicodeScalarView(scalars[draft.start..<draft.end])), label: draft.label, source: source,
                                                   confidence: draft.confidence, value: draft.value, attributes: draft.attributes)))
                }
            }
            output.flush()
            window.removeAll(keepingCapacity: true)
            windowBytes = 0
            if failFast && failed { throw ExitCode.failure }
        }
        var lines = LineReader(descriptor: STDIN_FILENO, limit: maximumBytes + 1)
        while let next = lines.nextLine() {
            lineNumber += 1
            guard case .bytes(var bytes) = next else {
                if case .tooLong(let length) = next {
                    report(["line": lineNumber, "error": "stdin line \(lineNumber): \(length) bytes is larger than the limit of \(maximumBytes) bytes"])
                    failed = true
                    if failFast {
                        try flush()
                        throw ExitCode.failure
                    }
                }
                continue
            }
            if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            do {
                let input = try InputDocuments.parseJSONLine(bytes, number: lineNumber, maximumBytes: maximumBytes)
                window.append(input)
                windowBytes += input.text.utf8.count
            } catch let error as InputError {
                report(["line": lineNumber, "error": error.description])
                failed = true
                if failFast {
                    try flush()
                    throw ExitCode.failure
                }
            }
            if window.count >= Self.windowDocuments || windowBytes >= Self.windowBytes { try flush() }
        }
        try flush()
        // Without --fail-fast the stream went on: errors were reported, the exit status stays 0
        // so that Spark or Hadoop do not fail (and retry) the whole partition.
    }
}

/// Reads `\n`-terminated lines as raw bytes from a file descriptor (so invalid UTF-8 is seen,
/// not silently replaced), one line in memory at a time. A line longer than `limit` bytes is
/// skipped as it streams by — only its length is kept — so a huge line cannot exhaust memory.
struct LineReader {
    /// One line: its bytes, or only its length when it was longer than the limit.
    enum Line {
        case bytes(Data)
        case tooLong(Int)
    }

    private let descriptor: Int32
    private let limit: Int
    private var buffer = [UInt8](repeating: 0, count: 1 << 16)
    private var pending: [UInt8] = []
    private var pendingLength = 0
    private var start = 0
    private var end = 0
    private var finished = false

    init(descriptor: Int32, limit: Int = .max) {
        self.descriptor = descriptor
        self.limit = limit
    }

    /// The next line's bytes; a line over the limit comes back as its first `limit + 1` bytes.
    mutating func next() -> Data? {
        switch nextLine() {
        case .bytes(let data)?: return data
        case .tooLong(let length)?: return Data(count: min(length, limit + 1))
        case nil: return nil
        }
    }

    mutating func nextLine() -> Line? {
        while true {
            if let newline = buffer[start..<end].firstIndex(of: UInt8(ascii: "\n")) {
                take(start..<newline)
                start = newline + 1
                return emit()
            }
            take(start..<end)
            start = 0
            end = 0
            if finished {
                guard pendingLength > 0 else { return nil }
                return emit()
            }
            let n = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { finished = true } else { end = n }
        }
    }

    private mutating func take(_ range: Range<Int>) {
        pendingLength += range.count
        if pendingLength <= limit { pending.append(contentsOf: buffer[range]) }
    }

    private mutating func emit() -> Line {
        defer {
            pending.removeAll(keepingCapacity: pending.capacity <= 1 << 20)
            pendingLength = 0
        }
        return pendingLength > limit ? .tooLong(pendingLength) : .bytes(Data(pending))
    }
}

/// The validated inputs of one `annotate` run, read lazily a second time for files.
final class InputSet {
    let count: Int
    let totalBytes: Int
    private let produce: () -> AnyIterator<AnnotationInput>
    /// A read error met while annotating (a file changed or vanished after validation).
    private(set) var error: Error?

    private init(count: Int, totalBytes: Int, produce: @escaping () -> AnyIterator<AnnotationInput>) {
        self.count = count
        self.totalBytes = totalBytes
        self.produce = produce
    }

    var sequence: AnySequence<AnnotationInput> { AnySequence { self.produce() } }

    /// Files read again while annotating, after `InputDocuments.checkFiles` checked them all
    /// (so that a bad one stopped the run before anything was written) — unless the check
    /// kept their texts (a small run), which are annotated as they were checked. Reports the
    /// files the check skipped. Files are read a few at a time, in parallel, one read-ahead in
    /// flight on other threads while the annotator works on the files read before.
    static func files(_ checked: CheckedFiles, maximumBytes: Int) -> InputSet {
        for warning in checked.skipped { Terminal.warn("skipped \(warning)") }
        let paths = checked.paths
        let sizes = checked.sizes
        var set: InputSet?
        let result = InputSet(count: paths.count, totalBytes: sizes.reduce(0, +)) {
            var next = 0
            var kept = checked.texts  // each let go of once handed over
            var ready: [AnnotationInput] = []  // in reverse order: the next input is last
            var failed = false
            /// Starts reading the next up to 32 files or 4 MB (a file over that alone); nil at the end.
            func readAhead() -> BackgroundWork<[Result<AnnotationInput, any Error>]>? {
                guard next < paths.count else { return nil }
                var end = next
                var bytes = 0
                while end < paths.count, end - next < 32, end == next || bytes + sizes[end] <= 4 << 20 {
                    bytes += sizes[end]
                    end += 1
                }
                let chunk = (next..<end).map { k in
                    guard k < kept.count else { return (path: paths[k], text: String?.none) }
                    defer { kept[k] = nil }
                    return (path: paths[k], text: kept[k])
                }
                next = end
                return BackgroundWork {
                    parallelMap(chunk) { file in
                        Result { AnnotationInput(name: file.path, text: try file.text ?? InputDocuments.readFile(file.path, maximumBytes: maximumBytes)) }
                    }
                }
            }
            var ahead = readAhead()
            return AnyIterator {
                if ready.isEmpty {
                    guard !failed, let reading = ahead else { return nil }
                    ahead = readAhead()
                    do {
                        for outcome in try reading.wait() {
                            ready.append(try outcome.get())
                        }
                    } catch {
                        set?.error = error
                        failed = true
                        ahead = nil
                    }
                    ready.reverse()
                }
                return ready.popLast()
            }
        }
        set = result
        return result
    }

    /// Parses and checks every JSON line before anything is written.
    /// Reads JSON lines from a file descriptor, checking every line before anything is written;
    /// the valid lines are spooled to an unlinked temporary file and parsed again one at a time
    /// while annotating, so memory stays flat however large the input.
    static func jsonLines(descriptor: Int32, skipInvalid: Bool, maximumBytes: Int) throws -> InputSet {
        guard let spool = tmpfile() else { throw InputError(description: "stdin: cannot create a temporary file to hold the input") }
        var lines = LineReader(descriptor: descriptor, limit: maximumBytes + 1)
        var number = 0
        var count = 0
        var bytes = 0
        while let next = lines.nextLine() {
            number += 1
            guard case .bytes(var line) = next else {
                if case .tooLong(let length) = next {
                    let error = InputError(description: "stdin line \(number): \(length) bytes is larger than the limit of \(maximumBytes) bytes (raise it with --max-document-bytes)")
                    if skipInvalid { Terminal.warn("skipped \(error.description)"); continue }
                    throw error
                }
                continue
            }
            if line.last == UInt8(ascii: "\r") { line.removeLast() }
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            do {
                let input = try InputDocuments.parseJSONLine(line, number: number, maximumBytes: maximumBytes)
                bytes += input.text.utf8.count
                count += 1
                // Spool "number TAB line" so that errors and the second pass keep line numbers.
                let record = Data("\(number)\t".utf8) + line + Data([0x0A])
                let written = record.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, spool) }
                guard written == record.count else { throw InputError(description: "stdin: cannot spool the input to a temporary file (is the disk full?)") }
            } catch let error as InputError where skipInvalid {
                Terminal.warn("skipped \(error.description)")
            }
        }
        if count == 0 { throw InputError(description: "stdin: no documents (expected JSON lines like {\"id\": \"doc-1\", \"text\": \"...\"})") }
        fflush(spool)
        var set: InputSet?
        let result = InputSet(count: count, totalBytes: bytes) {
            rewind(spool)
            var reader = LineReader(descriptor: fileno(spool))
            return AnyIterator {
                guard let record = reader.next(), let tab = record.firstIndex(of: 0x09),
                      let number = Int(String(decoding: record[..<tab], as: UTF8.self)) else { return nil }
                do {
                    return try InputDocuments.parseJSONLine(Data(record[(tab + 1)...]), number: number, maximumBytes: maximumBytes)
                } catch {
                    set?.error = error
                    return nil
                }
            }
        }
        set = result
        return result
    }
}

/// The progress line shown on stderr when it is a terminal.
struct ProgressLine {
    let total: Int
    let totalBytes: Int

    func update(documents: Int, bytes: Int, elapsed: Duration) {
        let seconds = max(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18, 0.001)
        let rate = Double(bytes) / seconds
        let left = rate > 0 ? Double(totalBytes - bytes) / rate : 0
        Terminal.progress(String(format: "%d/%d documents  %.1f MB/s  %.0f s left", documents, total, rate / 1e6, max(left, 0)))
    }
}
