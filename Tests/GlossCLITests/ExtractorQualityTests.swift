import Foundation
import Testing

/// The built-in extractors against the evaluation paragraphs in Tests/Fixtures/eval (written for
/// Gloss, gold spans marked by hand; eval2 to eval13 were annotated before the extractors
/// ever ran on them), through `gloss annotate`, `gloss import` and `gloss eval`.
/// The floors guard against regressions; the figures are printed for the issue notes.
@Suite("Extractor quality on the evaluation paragraphs", .serialized)
struct ExtractorQualityTests {
    @Test(arguments: ["eval", "eval2", "eval3", "eval4", "eval5", "eval6", "eval7", "eval8", "eval9", "eval10", "eval11", "eval12", "eval13"])
    func strictF1PerLabel(set: String) throws {
        let fixtures = LibraryExampleTests.root.appendingPathComponent("Tests/Fixtures/\(set)")
        let box = try GlossSandbox()
        let docs = try String(contentsOf: fixtures.appendingPathComponent("docs.jsonl"), encoding: .utf8)
        #expect(try box.run(["annotate", "-"], stdin: docs).status == 0)
        #expect(try box.run(["import", "--source", "gold", fixtures.appendingPathComponent("gold.jsonl").path]).status == 0)
        let run = try box.run(["eval", "--gold", "gold", "--format", "jsonl"])
        #expect(run.status == 0, "\(run.stderr)")
        var f1: [String: Double] = [:]
        for row in try GlossSandbox.jsonLines(run.stdout) {
            let label = row["label"] as? String ?? "?"
            let strict = row["strict"] as? [String: Double] ?? [:]
            f1[label] = strict["f1"] ?? 0
            print("\(set) \(label): gold \(row["gold"] ?? 0), system \(row["system"] ?? 0), strict P \(strict["precision"] ?? 0) R \(strict["recall"] ?? 0) F1 \(strict["f1"] ?? 0)")
        }
        #expect((f1["NUMBER"] ?? 0) >= 0.9)
        #expect((f1["PERSON"] ?? 0) >= 0.9)
        #expect((f1["PLACE"] ?? 0) >= 0.85)
        #expect((f1["*"] ?? 0) >= 0.9)
    }
}
