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

    /// brat ends an attribute's name and value at a space: export writes spaces (and tabs, line
    /// breaks and quotes) as percent escapes, an empty value as `""`, and a `%` as `%25` where it
    /// would read as one; a note's tabs and line breaks are escaped the same way. Import reads
    /// them back, so attributes with spaces, `%`, `_` or nothing at all, and values over several
    /// lines, come back as they were.
    @Test func bratRoundTripsAttributesWithSpaces() throws {
        let box = try GlossSandbox()
        #expect(try box.run(["annotate", "--extractors", "none", "-"], stdin: "{\"id\": \"d\", \"text\": \"Prices rose 50% in Baghdad.\"}").status == 0)
        let attrs: [String: String] = [
            "note": "rose 50% of the_total  twice", "escape-like": "a%20b %25 %2F c_d", "lines": "one\ttwo\nthree\r", "the kind": "city name",
            "edges": " padded ", "plain": "value_with_underscores", "empty": "", "two quotes": "\"\"", "quoted": "say \"yes\"",
        ]
        let line = try JSONSerialization.data(withJSONObject: ["doc": "d", "start": 19, "end": 26, "label": "PLACE", "attrs": attrs])
        let noted = try JSONSerialization.data(withJSONObject: ["doc": "d", "start": 0, "end": 6, "label": "NOTE", "value": "first line\nsecond\tcolumn %0A"])
        try box.write("gold.jsonl", line + Data("\n".utf8) + noted + Data("\n".utf8))
        let imported = try box.run(["import", "--source", "gold", "gold.jsonl"])
        #expect(imported.status == 0, "\(imported.stderr)")
        let export = try box.run(["export", "--format", "brat", "--source", "gold", "--out", "brat"])
        #expect(export.status == 0, "\(export.stderr)")
        let ann = try String(contentsOf: box.directory.appendingPathComponent("brat/d.ann"), encoding: .utf8)
        #expect(ann.contains("\tnote T2 rose%2050%%20of%20the_total%20%20twice\n"), "\(ann)")
        #expect(ann.contains("\tescape-like T2 a%2520b%20%2525%20%2F%20c_d\n"), "\(ann)")
        #expect(ann.contains("\tthe%20kind T2 city%20name\n"), "\(ann)")
        #expect(ann.contains("\tempty T2 \"\"\n"), "\(ann)")
        #expect(ann.contains("\ttwo%20quotes T2 %22%22\n"), "\(ann)")
        #expect(ann.contains("\tAnnotatorNotes T1\tfirst line%0Asecond%09column %250A\n"), "\(ann)")
        let back = try box.run(["import", "--source", "back", "brat"])
        #expect(back.status == 0, "\(back.stderr)")
        let spans = try GlossSandbox.jsonLines(try box.run(["query", "--source", "back", "--format", "jsonl"]).stdout)
        #expect(spans.count == 2)
        #expect(spans.first { $0["label"] as? String == "PLACE" }?["attrs"] as? [String: String] == attrs, "\(spans)")
        #expect(spans.first { $0["label"] as? String == "NOTE" }?["value"] as? String == "first line\nsecond\tcolumn %0A", "\(spans)")
        #expect(try Self.spans(box, source: "back") == Self.spans(box, source: "gold"))
    }

    /// An import of several files is all or nothing: when one of them is malformed, missing or
    /// does not fit the stored texts, the error names it and nothing of the run is imported — not
    /// even the files before it — and what the source held stays as it was.
    @Test func importOfSeveralFilesIsAllOrNothing() throws {
        let box = try GlossSandbox()
        let documents = ["a": "Alpha text here.", "b": "Beta text here.", "c": "Gamma text here."]
        let input = documents.sorted { $0.key < $1.key }.map { "{\"id\": \"\($0.key)\", \"text\": \"\($0.value)\"}" }.joined(separator: "\n")
        #expect(try box.run(["annotate", "--extractors", "none", "-"], stdin: input).status == 0)
        func span(_ doc: String, _ start: Int, _ end: Int, _ label: String) -> String {
            "{\"doc\": \"\(doc)\", \"start\": \(start), \"end\": \(end), \"label\": \"\(label)\"}\n"
        }
        try box.write("before.jsonl", span("a", 0, 5, "OLD"))
        #expect(try box.run(["import", "--source", "gold", "before.jsonl"]).status == 0)
        let before = try Self.spans(box, source: "gold")
        try box.write("1.jsonl", span("a", 0, 5, "WORD") + span("a", 6, 10, "WORD"))
        try box.write("2.jsonl", span("b", 0, 4, "WORD"))
        try box.write("brat/c.ann", "T1\tWORD 0 5\tGamma\n")
        try box.write("malformed.jsonl", span("c", 0, 5, "WORD") + "{\"doc\": \"c\", \"start\": 0,\n")
        try box.write("outside.jsonl", span("c", 0, 5, "WORD") + span("c", 6, 99, "WORD"))
        for (third, expected) in [("malformed.jsonl", "malformed.jsonl:2: not a JSON object"), ("outside.jsonl", "outside.jsonl:2:"),
                                  ("missing.jsonl", "missing.jsonl: no such file or directory")] {
            let run = try box.run(["import", "--source", "gold", "1.jsonl", "2.jsonl", third])
            #expect(run.status == 1, "\(third): \(run.stderr)")
            #expect(run.stderr.contains(expected), "\(run.stderr)")
            #expect(run.stderr.contains("nothing was imported"), "\(run.stderr)")
            #expect(run.stderr.split(separator: "\n").count == 1, "one line, no file reported imported: \(run.stderr)")
            #expect(try Self.spans(box, source: "gold") == before, "after a failure with \(third), the source is as it was")
        }
        let good = try box.run(["import", "--source", "gold", "1.jsonl", "2.jsonl", "brat"])
        #expect(good.status == 0, "\(good.stderr)")
        #expect(good.stderr.contains("imported 2 spans from 1.jsonl as gold"), "\(good.stderr)")
        #expect(good.stderr.contains("imported 4 spans in all"), "\(good.stderr)")
        let imported = try Self.spans(box, source: "gold").map { $0.split(separator: "|").prefix(4).joined(separator: "|") }
        #expect(imported == ["a|0|5|WORD", "a|6|10|WORD", "b|0|4|WORD", "c|0|5|WORD"])
        // A document in two files of one import keeps the later file's spans, as two imports would.
        try box.write("later.jsonl", span("a", 6, 10, "LATER"))
        #expect(try box.run(["import", "--source", "gold", "1.jsonl", "later.jsonl"]).status == 0)
        let replaced = try Self.spans(box, source: "gold").map { $0.split(separator: "|").prefix(4).joined(separator: "|") }
        #expect(replaced == ["a|6|10|LATER", "b|0|4|WORD", "c|0|5|WORD"])
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

    @Test func importRefusesLabelsWithWhitespaceOrControlCharacters() throws {
        let box = try GlossSandbox()
        #expect(try box.run(["annotate", "--extractors", "none", "-"], stdin: "{\"id\": \"doc-1\", \"text\": \"Yesterday, Ali Hassan arrived.\"}\n").status == 0)
        for (label, shown) in [("person name", "a space"), ("PER\\tSON", "a tab"), ("PER\\u0001", "U+0001"), ("PER\\u00a0SON", "U+00A0")] {
            try box.write("g.jsonl", "{\"doc\":\"doc-1\",\"start\":0,\"end\":9,\"label\":\"OK\"}\n{\"doc\":\"doc-1\",\"start\":11,\"end\":21,\"label\":\"\(label)\"}\n")
            let run = try box.run(["import", "--source", "gold", "g.jsonl"])
            #expect(run.status != 0, "\(label)")
            #expect(run.stderr.contains("g.jsonl:2: the label "), "\(run.stderr)")
            #expect(run.stderr.contains(shown), "\(run.stderr)")
            #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
        }
        try box.write("g.jsonl", "{\"doc\":\"doc-1\",\"start\":11,\"end\":21,\"label\":\"person name\"}\n")
        #expect(try box.run(["import", "--source", "gold", "g.jsonl"]).stderr.contains("person_name"), "a label to use instead")
        #expect(try box.run(["query", "--source", "gold"]).status != 0, "nothing was imported")
        // brat labels end at a space; other whitespace is refused the same way.
        try box.write("brat/doc-1.ann", "T1\tPER\u{2003}SON 11 21\tAli Hassan\n")
        let brat = try box.run(["import", "--source", "gold", "brat"])
        #expect(brat.status != 0)
        #expect(brat.stderr.contains("brat/doc-1.ann:1: the label "), "\(brat.stderr)")
    }

    @Test func extractorsCannotDeclareLabelsWithWhitespace() throws {
        let box = try GlossSandbox()
        try box.write("a.txt", "Troops reached Mosul.")
        try box.write("spaced.yaml", "phrases:\n  - label: my place\n    list: [Mosul]\n")
        let rules = try box.run(["annotate", "--extractors", "none", "--rules", "spaced.yaml", "a.txt"])
        #expect(rules.status != 0)
        #expect(rules.stderr.contains("spaced.yaml"), "\(rules.stderr)")
        #expect(rules.stderr.contains("\"my place\""), "\(rules.stderr)")
        try box.write("spaced.py", """
            import json, sys
            for line in sys.stdin:
                m = json.loads(line)
                if m["type"] == "hello":
                    print(json.dumps({"type": "hello", "protocol": 1, "id": "spaced", "version": "1", "labels": ["OK", "BAD LABEL"]}), flush=True)
                elif m["type"] == "bye":
                    break
            """)
        let plugin = try box.run(["plugins", "add", "--", "python3", "spaced.py"])
        #expect(plugin.status != 0)
        #expect(plugin.stderr.contains("\"BAD LABEL\""), "\(plugin.stderr)")
        #expect(!(try box.run(["plugins", "list"]).stdout.contains("spaced")), "not registered")
    }

    @Test func importingNothingIsAnError() throws {
        let box = try GlossSandbox()
        #expect(try box.run(["annotate", "--extractors", "numbers", "-"], stdin: "{\"id\": \"doc-1\", \"text\": \"They counted 300 ships.\"}\n").status == 0)
        try box.write("spans.jsonl", "{\"doc\":\"doc-1\",\"start\":13,\"end\":16,\"label\":\"NUMBER\"}\n")
        try box.write("empty.jsonl", "")
        try box.write("blank.jsonl", "\n  \n")
        try box.write("folder/notes.txt", "no brat here")
        try box.write("bare/doc-1.ann", "R1\tRel Arg1:T1 Arg2:T2\n")
        let cases: [(arguments: [String], message: String)] = [
            (["--format", "brat", "spans.jsonl"], "spans.jsonl: no spans (T lines) in this brat file; it looks like JSON lines: import it without --format brat"),
            (["folder"], "no .ann files in folder"),
            (["empty.jsonl"], "empty.jsonl: the file is empty"),
            (["blank.jsonl"], "blank.jsonl: the file holds only blank lines"),
            (["bare"], "the .ann files in bare hold no spans (T lines)"),
            (["--format", "jsonl", "folder"], "folder is a folder"),
        ]
        for (arguments, message) in cases {
            let run = try box.run(["import", "--source", "gold"] + arguments)
            #expect(run.status != 0, "\(arguments)")
            #expect(run.stderr.contains(message), "\(arguments): \(run.stderr)")
            #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
        }
        #expect(try box.run(["query", "--source", "gold"]).status != 0, "nothing was imported")
    }

    @Test func importNamesTheFormatsItReads() throws {
        let box = try GlossSandbox()
        #expect(try box.run(["annotate", "--extractors", "numbers", "-"], stdin: "{\"id\": \"doc-1\", \"text\": \"They counted 300 ships.\"}\n").status == 0)
        #expect(try box.run(["export", "--format", "webanno", "--out", "spans.webanno"]).status == 0)
        #expect(try box.run(["export", "--format", "conll", "--out", "spans.conll"]).status == 0)
        for (file, format) in [("spans.webanno", "W3C Web Annotation"), ("spans.conll", "CoNLL")] {
            let run = try box.run(["import", "--source", "gold", file])
            #expect(run.status != 0)
            #expect(run.stderr.contains("\(file):1: this is \(format)"), "\(run.stderr)")
            #expect(run.stderr.contains("import reads JSON lines"), "\(run.stderr)")
            #expect(run.stderr.contains("brat"), "\(run.stderr)")
            #expect(!run.stderr.contains("must be a string"), "\(run.stderr)")
        }
        try box.write("other.jsonl", "{\"document\": \"doc-1\", \"from\": 13, \"to\": 16}\n")
        let other = try box.run(["import", "--source", "gold", "other.jsonl"])
        #expect(other.status != 0)
        #expect(other.stderr.contains("other.jsonl:1: \"doc\" is missing"), "\(other.stderr)")
        #expect(other.stderr.contains("import reads JSON lines"), "\(other.stderr)")
    }

    @Test func importRefusesSourceNamesOfExtractors() throws {
        let box = try GlossSandbox()
        #expect(try box.run(["annotate", "--extractors", "numbers", "-"], stdin: "{\"id\": \"doc-1\", \"text\": \"They counted 300 ships.\"}\n").status == 0)
        try box.write("spans.jsonl", "{\"doc\":\"doc-1\",\"start\":13,\"end\":16,\"label\":\"NUMBER\"}\n")
        try box.write("shout.py", """
            import json, sys
            for line in sys.stdin:
                m = json.loads(line)
                if m["type"] == "hello":
                    print(json.dumps({"type": "hello", "protocol": 1, "id": "shout", "version": "1", "labels": ["SHOUT"]}), flush=True)
                elif m["type"] == "bye":
                    break
            """)
        #expect(try box.run(["plugins", "add", "--", "python3", "shout.py"]).status == 0)
        try box.write("ships.yaml", "id: ships\nphrases:\n  - label: SHIP\n    list: [ships]\n")
        #expect(try box.run(["annotate", "--extractors", "none", "--rules", "ships.yaml", "-"], stdin: "{\"id\": \"doc-1\", \"text\": \"They counted 300 ships.\"}\n").status == 0)
        for (name, what) in [("people", "built-in extractor"), ("numbers", "built-in extractor"), ("shout", "registered plugin"),
                             ("ships", "extractor"), ("gold@2", "@")] {
            let run = try box.run(["import", "--source", name, "spans.jsonl"])
            #expect(run.status != 0, "\(name)")
            #expect(run.stderr.contains(what), "\(name): \(run.stderr)")
            #expect(run.stderr.contains("choose another name") || run.stderr.contains("such as"), "\(name): \(run.stderr)")
            #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
        }
        let numbers = try box.run(["query", "--source", "numbers", "--format", "jsonl"])
        #expect(try GlossSandbox.jsonLines(numbers.stdout).allSatisfy { ($0["source"] as? String)?.hasPrefix("numbers@") == true })
        #expect(try box.run(["import", "--source", "numbers-gold", "spans.jsonl"]).status == 0)
    }

    @Test func exportChecksItsOutputPath() throws {
        let box = try GlossSandbox()
        #expect(try box.run(["annotate", "--extractors", "numbers", "-"], stdin: "{\"id\": \"news/1.txt\", \"text\": \"They counted 300 ships.\"}\n").status == 0)
        try box.write("corpus.jsonl", "keep me\n")
        let brat = try box.run(["export", "--format", "brat", "--out", "corpus.jsonl"])
        #expect(brat.status != 0)
        #expect(brat.stderr.contains("--out corpus.jsonl is a file"), "\(brat.stderr)")
        #expect(!brat.stderr.contains("NSCocoaErrorDomain"), "\(brat.stderr)")
        #expect(try String(contentsOf: box.directory.appendingPathComponent("corpus.jsonl"), encoding: .utf8) == "keep me\n")
        try box.write("somefolder/keep.txt", "keep me too")
        for format in ["conll", "jsonl", "webanno"] {
            let run = try box.run(["export", "--format", format, "--out", "somefolder"])
            #expect(run.status != 0)
            #expect(run.stderr.contains("--out somefolder is a folder"), "\(run.stderr)")
            #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
        }
        // A failure after the output file was opened leaves nothing behind either.
        let unknown = try box.run(["export", "--format", "conll", "--label", "NOPE", "--out", "spans.conll"])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("unknown label"), "\(unknown.stderr)")
        // A file in the way of a document's folder, inside the brat folder.
        try box.write("bratout/news", "a file where the folder news goes")
        let inTheWay = try box.run(["export", "--format", "brat", "--out", "bratout"])
        #expect(inTheWay.status != 0)
        #expect(inTheWay.stderr.contains("bratout/news/1.txt"), "\(inTheWay.stderr)")
        #expect(inTheWay.stderr.contains("a file stands where one of its folders goes"), "\(inTheWay.stderr)")
        try box.write("bratdir/news/1.txt/keep", "a folder where the file 1.txt goes")
        let folderInTheWay = try box.run(["export", "--format", "brat", "--out", "bratdir"])
        #expect(folderInTheWay.status != 0)
        #expect(folderInTheWay.stderr.contains("bratdir/news/1.txt: cannot write the file, because a folder of that name is in the way"), "\(folderInTheWay.stderr)")
        #expect(Self.files(in: box.directory).filter { !$0.hasPrefix("gloss.lmdb/") } == ["bratdir/news/1.txt/keep", "bratout/news", "corpus.jsonl", "somefolder/keep.txt"],
                "no partial files left: \(Self.files(in: box.directory))")
    }

    @Test func malformedJSONLinesSayWhatWasExpected() throws {
        let box = try GlossSandbox()
        let annotate = try box.run(["annotate", "-"], stdin: "{\"id\": \"ok\", \"text\": \"fine 1\"}\n{\"id\": \"bad\", \"text\": \n")
        #expect(annotate.status != 0)
        #expect(annotate.stderr.contains("stdin line 2: not a JSON object ({\"id\": \"...\", \"text\": \"...\"} expected)"), "\(annotate.stderr)")
        #expect(!annotate.stderr.contains("could not be completed"), "\(annotate.stderr)")
        let array = try box.run(["annotate", "-"], stdin: "[1, 2]\n")
        #expect(array.stderr.contains("stdin line 1: not a JSON object ({\"id\": \"...\", \"text\": \"...\"} expected)"), "\(array.stderr)")

        #expect(try box.run(["annotate", "--extractors", "none", "-"], stdin: "{\"id\": \"doc-1\", \"text\": \"They counted 300 ships.\"}\n").status == 0)
        for line in ["{\"doc\": \"doc-1\", \"start\": 13,", "[\"doc-1\", 13, 16]"] {
            try box.write("bad.jsonl", "{\"doc\":\"doc-1\",\"start\":13,\"end\":16,\"label\":\"NUMBER\"}\n\(line)\n")
            let run = try box.run(["import", "--source", "gold", "bad.jsonl"])
            #expect(run.status != 0)
            #expect(run.stderr.contains("bad.jsonl:2: not a JSON object ({\"doc\": \"...\", \"start\": 0, \"end\": 5, \"label\": \"...\"} expected)"), "\(run.stderr)")
        }
    }
}

