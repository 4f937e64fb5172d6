import Foundation
import Testing

/// `gloss import` and `gloss export` at their edges: document names brat cannot hold as they
/// are, labels the formats cannot hold, inputs that hold nothing, source names already taken,
/// output paths of the wrong kind and malformed JSON lines.
@Suite("gloss import / export: edges", .serialized)
struct ExchangeCLITests {
    /// A span as `doc|start|end|label|value|attrs`, for comparing sources.
    private static func key(_ span: [String: Any]) -> String {
        let attrs = (span["attrs"] as? [String: String])?.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" } ?? []
        return "\(span["doc"] ?? "")|\(span["start"] ?? "")|\(span["end"] ?? "")|\(span["label"] ?? "")|\(span["value"] ?? "")|\(attrs)"
    }

    private static func spans(_ box: GlossSandbox, source: String) throws -> [String] {
        let run = try box.run(["query", "--source", source, "--format", "jsonl"])
        #expect(run.status == 0, "\(run.stderr)")
        return try GlossSandbox.jsonLines(run.stdout).map(key).sorted()
    }

    /// Every file below `directory`, relative to it, sorted.
    private static func files(in directory: URL) -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: directory.path)
        var found: [String] = []
        while let next = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent(next).path, isDirectory: &isDirectory), !isDirectory.boolValue {
                found.append(next)
            }
        }
        return found.sorted()
    }

    @Test func bratRoundTripsAnyDocumentName() throws {
        let box = try GlossSandbox()
        let names = ["/abs/path/news/en.txt", "../news/caps.txt", "./here.txt", "a//b.txt", "trailing/", "/", "%2E%2E/literal.txt",
                     "100%.txt", "%25", "news/plain.txt", "doc-1"]
        let lines = names.enumerated().map { i, name in "{\"id\": \"\(name)\", \"text\": \"Document \(i) counts \(i + 3) ships.\"}" }
        let annotate = try box.run(["annotate", "--extractors", "numbers", "-"], stdin: lines.joined(separator: "\n"))
        #expect(annotate.status == 0, "\(annotate.stderr)")
        let export = try box.run(["export", "--format", "brat", "--source", "numbers", "--out", "out/brat"])
        #expect(export.status == 0, "\(export.stderr)")
        let written = Self.files(in: box.directory)
        #expect(written.allSatisfy { $0.hasPrefix("out/brat/") || !$0.hasPrefix("out") }, "\(written)")
        #expect(written.filter { $0.hasSuffix(".ann") }.count == names.count, "one .ann file per document: \(written)")
        // Plain relative names keep the paths they always had.
        for plain in ["out/brat/news/plain.txt", "out/brat/news/plain.ann", "out/brat/doc-1.txt", "out/brat/doc-1.ann", "out/brat/100%.ann"] {
            #expect(written.contains(plain), "\(plain) in \(written)")
        }
        let imported = try box.run(["import", "--source", "back", "out/brat"])
        #expect(imported.status == 0, "\(imported.stderr)")
        let original = try Self.spans(box, source: "numbers")
        #expect(Set(original.map { $0.prefix(while: { $0 != "|" }) }).count == names.count, "every document has spans")
        #expect(try Self.spans(box, source: "back") == original)
    }

    @Test func bratExportRefusesTwoDocumentsSharingFiles() throws {
        let box = try GlossSandbox()
        let input = "{\"id\": \"a\", \"text\": \"One 1.\"}\n{\"id\": \"a.txt\", \"text\": \"Two 2.\"}\n"
        #expect(try box.run(["annotate", "--extractors", "numbers", "-"], stdin: input).status == 0)
        let export = try box.run(["export", "--format", "brat", "--out", "brat"])
        #expect(export.status != 0)
        #expect(export.stderr.contains("\"a\" and \"a.txt\""), "\(export.stderr)")
        #expect(export.stderr.split(separator: "\n").count == 1, "\(export.stderr)")
    }
}
