import Foundation

/// A store as seen through the CLI: `gloss docs` rows and `gloss query --format jsonl` spans.
struct StoreView: Sendable, Equatable {
    /// (document name, span count) in the order `gloss docs` lists them.
    var documents: [(name: String, spans: Int)]
    /// Each document's spans as canonical JSON (sorted keys, without the span id), in query order.
    var spans: [String: [String]]

    static func == (a: StoreView, b: StoreView) -> Bool {
        a.documents.map(\.name) == b.documents.map(\.name) && a.documents.map(\.spans) == b.documents.map(\.spans) && a.spans == b.spans
    }

    /// The first difference from `other`, briefly (nil when they are equal), for test messages
    /// that stay short however large the stores are.
    func difference(from other: StoreView) -> String? {
        if documents.count != other.documents.count { return "\(documents.count) documents, not \(other.documents.count)" }
        for (a, b) in zip(documents, other.documents) {
            if a.name != b.name { return "document \(a.name) where \(b.name) was expected" }
            if a.spans != b.spans { return "\(a.name) lists \(a.spans) spans, not \(b.spans)" }
            let mine = spans[a.name] ?? [], theirs = other.spans[b.name] ?? []
            if mine != theirs {
                let first = zip(mine, theirs).first { $0 != $1 }
                return "\(a.name) has \(mine.count) spans, not \(theirs.count)"
                    + (first.map { "; first difference: \($0.0) instead of \($0.1)" } ?? "")
            }
        }
        let extra = Set(spans.keys).symmetricDifference(other.spans.keys)
        return extra.isEmpty ? nil : "spans of unlisted documents: \(extra.sorted().prefix(5))"
    }

    /// Every span line, in order.
    var allSpans: [String] { documents.flatMap { spans[$0.name] ?? [] } }

    /// Reads the store at `store` (relative to the sandbox) with `gloss docs` and `gloss query`.
    static func read(_ store: String, in box: Sandbox) throws -> StoreView {
        let docs = try box.run(["docs", "--store", store])
        guard docs.status == 0 else { throw ChildError(description: "gloss docs failed: \(docs.stderr)") }
        let query = try box.run(["query", "--store", store, "--format", "jsonl"])
        guard query.status == 0 else { throw ChildError(description: "gloss query failed: \(query.stderr)") }
        return StoreView(documents: try parseDocs(docs.stdout), spans: try spansByDocument(query.stdout))
    }

    /// Parses the `gloss docs` table: name, code points, bytes, spans.
    static func parseDocs(_ table: String) throws -> [(name: String, spans: Int)] {
        var rows: [(String, Int)] = []
        for line in table.split(separator: "\n").dropFirst(2) {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 4, let spans = Int(fields[fields.count - 1]), Int(fields[fields.count - 2]) != nil else {
                if line.contains("no documents") { continue }
                throw ChildError(description: "unexpected gloss docs row: \(line)")
            }
            rows.append((fields[0..<(fields.count - 3)].joined(separator: " "), spans))
        }
        return rows
    }

    /// Groups span JSON lines by document, canonicalised without the span id.
    static func spansByDocument(_ jsonl: String) throws -> [String: [String]] {
        var result: [String: [String]] = [:]
        for line in jsonl.split(separator: "\n") {
            guard var object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let doc = object["doc"] as? String else {
                throw ChildError(description: "unexpected span line: \(line)")
            }
            object.removeValue(forKey: "id")
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            result[doc, default: []].append(String(decoding: data, as: UTF8.self))
        }
        return result
    }

    /// The total of `query --count` (the `all` row of its JSON lines).
    static func count(_ store: String, in box: Sandbox) throws -> GlossResult {
        try box.run(["query", "--store", store, "--count", "--format", "jsonl"])
    }

    static func parseCount(_ jsonl: String) -> Int? {
        guard let line = jsonl.split(separator: "\n").first,
              let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
        return object["count"] as? Int
    }
}

/// The store a corpus gives when annotated without interruption, computed once per corpus and
/// shared by the tests.
struct Reference: Sendable {
    let corpus: Corpus
    let view: StoreView
    /// Seconds the uninterrupted `annotate` took (with `batch`), and those of an `annotate` of one
    /// short document (start-up: loading the extractors, opening the store).
    let annotateSeconds: Double
    let startupSeconds: Double
    let batch: Int

    /// Final span count of each document, in corpus order.
    var spanCounts: [Int] { view.documents.map(\.spans) }

    /// Span totals after the first k documents, k = 0...count.
    var prefixTotals: [Int] {
        var totals = [0]
        for c in spanCounts { totals.append((totals.last ?? 0) + c) }
        return totals
    }

    /// Annotates `corpus` into a fresh store with `--batch batch` and reads it back.
    static func build(_ corpus: Corpus, batch: Int) throws -> Reference {
        let box = try Sandbox("gloss-reference")
        try corpus.write(into: box)
        let started = Date()
        let run = try box.run(["annotate", "--store", "ref", "--batch", String(batch), Corpus.folder], timeout: 600)
        let seconds = Date().timeIntervalSince(started)
        guard run.status == 0 else { throw ChildError(description: "reference annotate failed: \(run.stderr)") }
        let check = try box.run(["check", "--store", "ref"])
        guard check.status == 0 else { throw ChildError(description: "reference store fails gloss check: \(check.stdout)") }
        try box.write("one.txt", "Officials in Mosul said 3 people were detained.\n")
        let startup = Date()
        _ = try box.run(["annotate", "--store", "startup", "one.txt"])
        let startupSeconds = Date().timeIntervalSince(startup)
        let view = try StoreView.read("ref", in: box)
        guard view.documents.count == corpus.documents.count else {
            throw ChildError(description: "reference store has \(view.documents.count) documents, expected \(corpus.documents.count)")
        }
        return Reference(corpus: corpus, view: view, annotateSeconds: seconds,
                         startupSeconds: startupSeconds, batch: batch)
    }

    /// The default corpus of the quick tests: 300 documents, batches of 4.
    static let standard: Result<Reference, any Error> = Result {
        try build(Corpus(count: Settings.documents, seed: Settings.corpusSeed), batch: Settings.batch)
    }
}

/// Knobs read from the environment, so `scripts/crash-soak` can run the same tests longer.
enum Settings {
    static let environment = ProcessInfo.processInfo.environment
    /// Documents in the generated corpus (`GLOSS_CRASH_DOCS`, default 300).
    static let documents = environment["GLOSS_CRASH_DOCS"].flatMap(Int.init) ?? 300
    /// Documents per write transaction (`GLOSS_CRASH_BATCH`, default 4).
    static let batch = environment["GLOSS_CRASH_BATCH"].flatMap(Int.init) ?? 4
    /// SIGKILL trials (`GLOSS_CRASH_TRIALS`, default 24).
    static let trials = environment["GLOSS_CRASH_TRIALS"].flatMap(Int.init) ?? 24
    /// Seed of the generated corpus (`GLOSS_CORPUS_SEED`, default fixed).
    static let corpusSeed = environment["GLOSS_CORPUS_SEED"].flatMap(UInt64.init) ?? 0x6C05_5A11
    /// Seed of the kill schedule (`GLOSS_CRASH_SEED`; random by default and printed, so a failing
    /// schedule can be replayed).
    static let killSeed = environment["GLOSS_CRASH_SEED"].flatMap(UInt64.init) ?? UInt64.random(in: 1...UInt64(UInt32.max))
}
