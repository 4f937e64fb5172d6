import Foundation
import GlossBuiltins
import GlossKit
import GlossStore

/// Extraction speed on generated news texts: tokenizing (`DocumentText`), each built-in
/// extractor alone on one core, and `Annotator` with all of them on one core and on every core.
enum ExtractBenchmark {
    static func run(_ options: Options) throws {
        let tag = try options.string("tag")
        let texts = try loadTexts(try options.string("texts"), megabytes: try options.int("mb", default: 1000))
        let chars = texts.reduce(0) { $0 + $1.unicodeScalars.count }
        let bytes = texts.reduce(0) { $0 + $1.utf8.count }
        Figures.note("extract \(tag): \(texts.count) texts, \(chars) chars, \(bytes) bytes")

        var documents: [Document] = []
        let tokenizeSeconds = Timer.measure {
            documents = texts.enumerated().map { Document(name: "t\($0.offset)", text: DocumentText($0.element)) }
        }
        Figures.emit("gloss.tokenize.\(tag)", Double(chars) / tokenizeSeconds, "chars/s")

        let names = BuiltinExtractors.names
        Figures.emit("gloss.extractors.available", Double(names.count), "extractors")
        guard !names.isEmpty else {
            Figures.note("no built-in extractors are compiled in yet: extractor and annotate figures skipped")
            return
        }
        var extractors: [any Extractor] = []
        for name in names {
            var made: (any Extractor)?
            let residentBefore = Self.residentKilobytes()
            let loadSeconds = try Timer.measure { made = try BuiltinExtractors.make(name) }
            guard let extractor = made else { continue }
            extractors.append(extractor)
            Figures.emit("gloss.extractor.load.\(name)", loadSeconds * 1e3, "ms")
            // Memory the extractor's data takes once loaded (resident set growth while loading).
            Figures.emit("gloss.extractor.memory.\(name)", Double(max(0, Self.residentKilobytes() - residentBefore)) / 1024, "MB")
            var spans = 0
            let seconds = try Timer.measure {
                for document in documents { spans += try extractor.extract(document).count }
            }
            Figures.emit("gloss.extractor.\(name).\(tag)", Double(chars) / seconds, "chars/s")
            Figures.note("extractor \(name): \(spans) spans")
        }
        var allSpans = 0
        let allSeconds = try Timer.measure {
            for document in documents {
                for extractor in extractors { allSpans += try extractor.extract(document).count }
            }
        }
        Figures.emit("gloss.extractor.all.\(tag)", Double(chars) / allSeconds, "chars/s")

        guard let storeRoot = try? options.string("store") else { return }
        let inputs = texts.enumerated().map { AnnotationInput(name: "t\($0.offset)", text: $0.element) }
        for (label, parallelism) in [("1core", 1), ("2core", ProcessInfo.processInfo.activeProcessorCount)] {
            let path = storeRoot + "-" + label
            if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
            let store = try GlossStore(path: path)
            var annotator = Annotator(store: store, extractors: extractors)
            annotator.parallelism = parallelism
            let cpuBefore = Self.cpuSeconds()
            // The time of the last commit: what follows it is the final merge of the value log.
            var lastCommit = 0.0
            var finished = 0.0
            let seconds = try Timer.measure {
                blackHole(try annotator.annotate(inputs) { event in
                    if case .committed = event { lastCommit = Date().timeIntervalSinceReferenceDate }
                })
                finished = Date().timeIntervalSinceReferenceDate
            }
            let cpu = Self.cpuSeconds() - cpuBefore
            // The share of the time after the last batch's commit (the value log's final merge,
            // which one core does while the other waits).
            Figures.emit("gloss.annotate.lib.\(label).after_last_commit.\(tag)", (finished - lastCommit) * 1e3, "ms")
            Figures.emit("gloss.annotate.lib.\(label).\(tag)", Double(bytes) / seconds / 1e6, "MB/s")
            Figures.emit("gloss.annotate.lib.\(label).chars.\(tag)", Double(chars) / seconds, "chars/s")
            Figures.note("annotate \(label): \(seconds) s")
            // How busy the cores were: CPU seconds (user and system, all threads) per second.
            Figures.emit("gloss.annotate.lib.\(label).busy.\(tag)", cpu / seconds, "cores")
        }
    }

    /// The process's resident set size in kB (VmRSS from /proc/self/status), 0 when unknown.
    static func residentKilobytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }) else { return 0 }
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }

    /// User plus system CPU seconds of the whole process so far.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return 0 }
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// The `.txt` files under `directory`, sorted by path, up to `megabytes` of UTF-8.
    static func loadTexts(_ directory: String, megabytes: Int) throws -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { throw BenchError("cannot read \(directory)") }
        var paths: [String] = []
        while let relative = enumerator.nextObject() as? String {
            if relative.hasSuffix(".txt") { paths.append(relative) }
        }
        var texts: [String] = []
        var bytes = 0
        for relative in paths.sorted() {
            guard bytes < megabytes * 1_000_000 else { break }
            let text = try String(contentsOfFile: directory + "/" + relative, encoding: .utf8)
            bytes += text.utf8.count
            texts.append(text)
        }
        return texts
    }
}
