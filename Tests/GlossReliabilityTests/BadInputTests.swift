import Foundation
import LMDB
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Bad input of issue 9 not covered by the CLI tests: huge documents and lines, store paths
/// that are files or unwritable, a newer schema, unknown names, and path traversal in imports.
/// Each gives a clear error (its first line names the problem), a non-zero exit, and leaves
/// the store as it was.
@Suite("Bad input", .serialized)
struct BadInputTests {
    static let english = "Interior minister Ali Hassan said 300 police officers were deployed in Baghdad on Monday.\n"
    static let arabic = "قال وزير الداخلية علي حسن إن 300 عنصر من الشرطة انتشروا في بغداد يوم الاثنين.\n"

    /// A sandbox with a store `s` holding two annotated documents.
    private func annotated() throws -> Sandbox {
        let box = try Sandbox("gloss-bad")
        try box.write("en.txt", Self.english)
        try box.write("ar.txt", Self.arabic)
        let run = try box.run(["annotate", "--store", "s", "en.txt", "ar.txt"])
        try #require(run.status == 0, "\(run.stderr)")
        return box
    }

    static let lineHead = "{\"id\":\"huge\",\"text\":\""
    static let lineTail = "\"}\n"

    /// Writes `megabytes` MB of text as one JSON line `{"id":"huge","text":"…"}` without holding
    /// it in memory; the file has `megabytes << 20 + lineHead.utf8.count + lineTail.utf8.count` bytes.
    private func writeHugeLine(_ path: String, megabytes: Int) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else { throw ChildError(description: "cannot create \(path)") }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        let sentence = "The committee met again on Tuesday and the talks went on without a result. "
        var chunk = Data()
        while chunk.count < 1 << 20 { chunk.append(contentsOf: sentence.utf8) }
        chunk = chunk.prefix(1 << 20)
        try handle.write(contentsOf: Data(Self.lineHead.utf8))
        for _ in 0..<megabytes { try handle.write(contentsOf: chunk) }
        try handle.write(contentsOf: Data(Self.lineTail.utf8))
    }

    // MARK: Size

    /// A 200 MB document is refused by its size before it is read: one line, quickly, in little
    /// memory, and no store is created. The same bytes as one JSON line on stdin are refused too.
    @Test func aTwoHundredMegabyteDocumentIsRefusedBySize() throws {
        let box = try Sandbox("gloss-huge")
        let huge = box.path("huge.jsonl")
        try writeHugeLine(huge, megabytes: 200)
        let fileBytes = 200 << 20 + Self.lineHead.utf8.count + Self.lineTail.utf8.count

        let file = try box.run(["annotate", "--store", "s", "huge.jsonl"])
        #expect(file.status == 1)
        #expect(file.stderrLines.count == 1, "\(file.stderr)")
        #expect(file.stderr.contains("huge.jsonl: \(fileBytes) bytes is larger than the limit of \(64 << 20) bytes"), "\(file.stderr)")
        #expect(file.stderr.contains("--max-document-bytes"))
        #expect(file.termination.maxResidentBytes < Termination.residentCeiling(100 << 20), "the file was not read: \(file.termination.maxResidentBytes >> 20) MB resident")
        #expect(!box.exists("s"), "nothing was created")

        let stdin = try box.run(["annotate", "--store", "s", "-"], stdinPath: huge)
        #expect(stdin.status == 1)
        #expect(stdin.stderrLines.count == 1, "\(stdin.stderr)")
        #expect(stdin.stderr.contains("stdin line 1: \(fileBytes - 1) bytes is larger than the limit"), "\(stdin.stderr)")
        #expect(!box.exists("s"))
        print("200 MB on stdin: \(stdin.termination.maxResidentBytes >> 20) MB resident")
        #expect(stdin.termination.maxResidentBytes < Termination.residentCeiling(100 << 20),
                "stdin should be read a line at a time: \(stdin.termination.maxResidentBytes >> 20) MB resident")

    }

    /// A 10 MB line, as a text file and as a JSON line, is within the default limit and stored
    /// whole. (Extractors are off: a debug build extracts about 0.2 MB/s, too slow for CI.)
    @Test func aTenMegabyteLineIsStored() throws {
        let box = try Sandbox("gloss-line")
        try writeHugeLine(box.path("line.jsonl"), megabytes: 10)
        let fileBytes = 10 << 20 + Self.lineHead.utf8.count + Self.lineTail.utf8.count
        let file = try box.run(["annotate", "--store", "s", "--extractors", "none", "line.jsonl"])
        #expect(file.status == 0, "\(file.stderr)")
        let stdin = try box.run(["annotate", "--store", "s", "--extractors", "none", "-"], stdinPath: box.path("line.jsonl"))
        #expect(stdin.status == 0, "\(stdin.stderr)")
        let docs = try StoreView.parseDocs(try box.run(["docs", "--store", "s"]).stdout)
        #expect(docs.map(\.name) == ["line.jsonl", "huge"])
        let table = try box.run(["docs", "--store", "s"]).stdout
        #expect(table.contains(" \(fileBytes) "), "the file is stored whole: \(table)")
        #expect(table.contains(" \(10 << 20) "), "the JSON line's text is stored whole: \(table)")
        #expect(try box.run(["check", "--store", "s"]).status == 0)
        // Over a lower limit, the same line is refused with the line named.
        let limited = try box.run(["annotate", "--store", "s", "--max-document-bytes", "1000000", "-"], stdinPath: box.path("line.jsonl"))
        #expect(limited.status == 1)
        #expect(limited.stderr.contains("stdin line 1:"), "\(limited.stderr)")
    }

    // MARK: Store paths

    /// A store path that is a regular file (or lies under one) is refused by every command, and
    /// the file is left alone.
    @Test(arguments: [
        ["annotate", "--store", "STORE", "en.txt"],
        ["query", "--store", "STORE"],
        ["docs", "--store", "STORE"],
        ["stats", "--store", "STORE"],
        ["check", "--store", "STORE"],
        ["import", "--store", "STORE", "--source", "gold", "gold.jsonl"],
        ["backup", "--store", "STORE", "copy"],
        ["export", "--store", "STORE", "--format", "jsonl"],
    ])
    func aStorePathThatIsAFileIsRefused(_ template: [String]) throws {
        let box = try Sandbox("gloss-file")
        try box.write("en.txt", Self.english)
        try box.write("gold.jsonl", "{\"doc\":\"en.txt\",\"start\":0,\"end\":8,\"label\":\"TITLE\"}\n")
        try box.write("notes.txt", "not a store\n")
        for (store, expected) in [("notes.txt", "notes.txt is not a Gloss store: it is a file"), ("notes.txt/inner", "notes.txt/inner")] {
            let run = try box.run(template.map { $0 == "STORE" ? store : $0 })
            #expect(run.status == 1, "\(template[0]) --store \(store)")
            #expect(run.stderrLines.count == 1, "\(run.stderr)")
            #expect(run.stderr.contains(expected), "\(run.stderr)")
            #expect(Child.contents(of: box.path("notes.txt")) == "not a store\n")
        }
    }

    /// A store on a read-only file system (a tmpfs remounted read-only, when root) or in a
    /// directory without write permission (otherwise): writers fail with one line, and the
    /// store is unchanged once writable again.
    @Test func anUnwritableStoreIsRefusedAndUnchanged() throws {
        let box = try annotated()
        let disk: SmallDisk?
        let store: String
        let newStore: String
        if getuid() == 0 {
            // Root ignores permission bits: use a read-only mount instead.
            guard let mounted = try SmallDisk(in: box, at: "ro", megabytes: 8, test: "the read-only store test") else { return }
            disk = mounted
            store = "ro/s"
            newStore = "ro/new"
            #expect(try box.run(["annotate", "--store", store, "en.txt", "ar.txt"]).status == 0)
            try Self.registerPlugin(in: box, store: store)
            try #require(try mounted.remount("ro"))
        } else {
            disk = nil
            store = "s"
            newStore = "s/new"
            try Self.registerPlugin(in: box, store: store)
            for file in ["s", "s/data.mdb", "s/lock.mdb", "s/writer.lock"] { chmod(box.path(file), 0o555) }
        }
        defer { if disk == nil { for file in ["s", "s/data.mdb", "s/lock.mdb", "s/writer.lock"] { chmod(box.path(file), 0o755) } } }
        let before = box.bytes("\(store)/data.mdb")
        try box.write("more.txt", "Witnesses in Basra said 40 trucks crossed the bridge.\n")
        try box.write("gold.jsonl", "{\"doc\":\"en.txt\",\"start\":0,\"end\":8,\"label\":\"TITLE\"}\n")
        for (writer, says) in [(["annotate", "--store", store, "more.txt"], "the store at \(store) cannot be written"),
                               (["import", "--store", store, "--source", "gold", "gold.jsonl"], "the store at \(store) cannot be written"),
                               (["annotate", "--store", newStore, "more.txt"], "cannot create a Gloss store at \(newStore)")] {
            let run = try box.run(writer)
            #expect(run.status == 1, "\(writer)")
            #expect(run.stderrLines.count == 1, "\(run.stderr)")
            let message = run.stderr.lowercased()
            #expect(message.contains("read-only") || message.contains("read only") || message.contains("permission"), "\(run.stderr)")
            #expect(run.stderr.contains(says), "\(writer): \(run.stderr)")
            #expect(!run.stderr.contains("is not a Gloss store"), "a store that cannot be written is still a store: \(run.stderr)")
        }
        let remove = try box.run(["plugins", "remove", "--store", store, "hush"])
        #expect(remove.status == 1)
        #expect(remove.stderrLines.count == 1, "\(remove.stderr)")
        #expect(remove.stderr.contains("the store at \(store) cannot be written: it is read-only"), "\(remove.stderr)")
        #expect(!remove.stderr.contains("LMDB code"), "\(remove.stderr)")
        // Readers: report what they do (they open the store for writing today).
        let query = try box.run(["query", "--store", store, "--count"])
        print("query on an unwritable store: exit \(query.status): \(query.stderr.trimmingCharacters(in: .whitespacesAndNewlines))")
        #expect(query.status == 0 || query.stderrLines.count == 1)
        #expect(box.bytes("\(store)/data.mdb") == before, "the store is unchanged")
        if let disk { try #require(try disk.remount("rw")) }
        #expect(try box.run(["check", "--store", store]).status == 0)
    }

    /// Registers a plugin `hush` (a Python script written into `box`) in `store`.
    private static func registerPlugin(in box: Sandbox, store: String) throws {
        try box.write("hush.py", """
            import json, sys
            for line in sys.stdin:
                if json.loads(line)["type"] == "hello":
                    print(json.dumps({"type": "hello", "protocol": 1, "id": "hush", "version": "1", "labels": ["HUSH"]}), flush=True)
                else:
                    break

            """)
        let add = try box.run(["plugins", "add", "--store", store, "--", "python3", "hush.py"])
        try #require(add.status == 0, "\(add.stderr)")
    }

    /// A store written by a newer Gloss (schema version 99) is refused by every command with
    /// one line, and its data file is not touched.
    @Test func aNewerSchemaIsRefused() throws {
        let box = try annotated()
        do {
            let env = try Environment(path: box.path("s"))
            let meta = try env.openDatabase("meta")
            try env.write { try $0.put(meta, key: Array("schema_version".utf8), value: [0, 0, 0, 99]) }
        }
        let before = box.bytes("s/data.mdb")
        try box.write("gold.jsonl", "{\"doc\":\"en.txt\",\"start\":0,\"end\":8,\"label\":\"TITLE\"}\n")
        for command in [["annotate", "--store", "s", "en.txt"], ["query", "--store", "s"], ["docs", "--store", "s"],
                        ["check", "--store", "s"], ["import", "--store", "s", "--source", "gold", "gold.jsonl"],
                        ["backup", "--store", "s", "copy"], ["show", "--store", "s", "en.txt"], ["stats", "--store", "s"]] {
            let run = try box.run(command)
            #expect(run.status == 1, "\(command[0])")
            #expect(run.stderrLines.count == 1, "\(run.stderr)")
            #expect(run.stderr.contains("has schema version 99, newer than this gloss understands ("), "\(run.stderr)")
            #expect(run.stderr.contains("); upgrade gloss"), "\(run.stderr)")
        }
        #expect(box.bytes("s/data.mdb") == before)
        #expect(!box.exists("copy/data.mdb"))
    }

    // MARK: Names

    /// Unknown extractors, labels, sources, formats and groupings: the first line of the error
    /// names the bad value, the exit is non-zero, and the store is unchanged.
    @Test(arguments: [
        (["annotate", "--extractors", "nosuch", "more.txt"], "unknown extractor \"nosuch\""),
        (["annotate", "--rules", "nosuch.yaml", "more.txt"], "nosuch.yaml"),
        (["query", "--label", "COLOUR"], "unknown label \"COLOUR\""),
        (["query", "--near", "COLOUR:5"], "unknown label \"COLOUR\""),
        (["query", "--source", "nosuch"], "unknown source \"nosuch\""),
        (["query", "--format", "xml"], "'xml'"),
        (["query", "--count", "--by", "colour"], "'colour'"),
        (["query", "--offsets", "utf32"], "'utf32'"),
        (["export", "--format", "xml"], "'xml'"),
        (["export", "--label", "COLOUR", "--format", "jsonl"], "unknown label \"COLOUR\""),
        (["import", "--source", "gold", "--format", "xml", "gold.jsonl"], "'xml'"),
        (["eval", "--gold", "nosuch"], "unknown source \"nosuch\""),
        (["show", "en.txt", "--labels", "COLOUR"], "unknown label \"COLOUR\""),
        (["show", "nosuch.txt"], "no document named \"nosuch.txt\""),
        (["plugins", "remove", "nosuch"], "nosuch"),
    ])
    func unknownNamesAreClearErrors(_ arguments: [String], _ expected: String) throws {
        let box = try annotated()
        try box.write("more.txt", "Witnesses in Basra said 40 trucks crossed the bridge.\n")
        try box.write("gold.jsonl", "{\"doc\":\"en.txt\",\"start\":0,\"end\":8,\"label\":\"TITLE\"}\n")
        let before = try box.contents(ofStore: "s")
        let run = try box.run(arguments + ["--store", "s"])
        #expect(run.status != 0)
        let first = run.stderrLines.first.map(String.init) ?? ""
        #expect(first.hasPrefix("Error: "), "\(run.stderr)")
        #expect(first.contains(expected), "the first line names the problem: \(run.stderr)")
        #expect(try box.contents(ofStore: "s") == before, "the store is unchanged")
    }

    // MARK: Path traversal

    /// Import names are document names looked up in the store, never paths opened: traversal
    /// names are unknown documents, files reached through `..` or a symlink are parsed as span
    /// files (and their content is not echoed), and a document literally named
    /// `../../etc/passwd` gets spans checked against its stored text.
    @Test func pathTraversalInImports() throws {
        let box = try annotated()
        let spansBefore = try StoreView.read("s", in: box)
        for name in ["../../etc/passwd", "/etc/passwd", "en.txt/../../../etc/passwd", "..\\..\\etc\\passwd"] {
            let line = "{\"doc\":\"\(name.replacingOccurrences(of: "\\", with: "\\\\"))\",\"start\":0,\"end\":4,\"label\":\"X\"}\n"
            try box.write("t.jsonl", line)
            let run = try box.run(["import", "--store", "s", "--source", "gold", "t.jsonl"])
            #expect(run.status == 1, "\(name)")
            #expect(run.stderrLines.count == 1, "\(run.stderr)")
            #expect(run.stderr.contains("no document named"), "\(run.stderr)")
        }
        // A span file given by a path through `..` is read as what it is: not span lines.
        let outside = try box.run(["import", "--store", "s", "--source", "gold", "../../../../../../../../etc/passwd"])
        #expect(outside.status == 1)
        #expect(outside.stderrLines.count == 1, "\(outside.stderr)")
        #expect(outside.stderr.contains("not a JSON object"), "\(outside.stderr)")
        #expect(!outside.stderr.contains("root:"), "the file's content is not echoed")
        // A brat folder holding a symlink to a system file imports nothing from it.
        try FileManager.default.createDirectory(atPath: box.path("brat"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: box.path("brat/en.ann"), withDestinationPath: "/etc/passwd")
        let brat = try box.run(["import", "--store", "s", "--source", "gold", "brat"])
        #expect(!(brat.stdout + brat.stderr).contains("root:"), "the file's content is not echoed")
        #expect(brat.status != 0 || brat.stderr.contains("imported 0 spans"), "\(brat.stderr)")
        #expect(try StoreView.read("s", in: box).difference(from: spansBefore) == nil, "nothing was imported")

        // A document whose name looks like a path is only a name.
        let add = try box.run(["annotate", "--store", "s", "--extractors", "none", "-"],
                              stdin: "{\"id\": \"../../etc/passwd\", \"text\": \"Minister Ali Hassan spoke.\"}\n")
        #expect(add.status == 0, "\(add.stderr)")
        try box.write("t.jsonl", "{\"doc\":\"../../etc/passwd\",\"start\":0,\"end\":8,\"label\":\"TITLE\",\"text\":\"Minister\"}\n")
        #expect(try box.run(["import", "--store", "s", "--source", "gold", "t.jsonl"]).status == 0)
        try box.write("t.jsonl", "{\"doc\":\"../../etc/passwd\",\"start\":0,\"end\":4,\"label\":\"TITLE\",\"text\":\"root\"}\n")
        let mismatch = try box.run(["import", "--store", "s", "--source", "gold2", "t.jsonl"])
        #expect(mismatch.status == 1, "the text is checked against the stored document, not the file")
        let spans = try GlossJSON.lines(try box.run(["query", "--store", "s", "--source", "gold", "--format", "jsonl"]).stdout)
        #expect(spans.count == 1)
        #expect(spans.first?["doc"] as? String == "../../etc/passwd")
        #expect(spans.first?["text"] as? String == "Minister")
        #expect(try box.run(["check", "--store", "s"]).status == 0)
    }
}

/// JSON lines parsing for test assertions.
enum GlossJSON {
    static func lines(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map { line in
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw ChildError(description: "not a JSON object: \(line)")
            }
            return object
        }
    }
}
