import Foundation
import GlossBuiltins
import Testing

/// End-to-end tests of the `gloss` binary: real processes, real stores in temporary folders.
@Suite("gloss CLI", .serialized)
struct CLITests {
    static let arabic = "قال وزير الدفاع إن 3 آلاف جندي وصلوا إلى بغداد يوم الأحد."
    static let english = "About 2,500 troops arrived in Baghdad on Tuesday."

    @Test func annotateThenQueryJSONLines() throws {
        let box = try GlossSandbox()
        try box.write("corpus/ar.txt", Self.arabic)
        try box.write("corpus/sub/en.txt", Self.english)
        try box.write("corpus/ignored.csv", "1,2,3")
        let annotate = try box.run(["annotate", "corpus"])
        #expect(annotate.status == 0, "\(annotate.stderr)")
        #expect(annotate.stderr.contains("annotated 2 documents"))
        #expect(annotate.stderr.contains("2 added"))
        #expect(FileManager.default.fileExists(atPath: box.directory.appendingPathComponent("gloss.lmdb/data.mdb").path),
                "the default store is ./gloss.lmdb")

        let query = try box.run(["query", "--format", "jsonl"])
        #expect(query.status == 0, "\(query.stderr)")
        let spans = try GlossSandbox.jsonLines(query.stdout)
        #expect(!spans.isEmpty)
        for span in spans {
            for key in ["doc", "id", "start", "end", "text", "label", "value", "attrs", "source"] {
                #expect(span[key] != nil, "span lacks \(key): \(span)")
            }
            // Offsets are code points into the document text.
            let doc = try #require(span["doc"] as? String)
            let text = doc == "corpus/ar.txt" ? Self.arabic : Self.english
            let scalars = Array(text.unicodeScalars)
            let start = try #require(span["start"] as? Int)
            let end = try #require(span["end"] as? Int)
            #expect(String(String.UnicodeScalarView(scalars[start..<end])) == span["text"] as? String)
        }
        let places = spans.filter { $0["label"] as? String == "PLACE" }
        #expect(places.contains { $0["text"] as? String == "بغداد" && $0["value"] as? String == "Baghdad" })
        #expect(places.contains { $0["doc"] as? String == "corpus/sub/en.txt" && $0["text"] as? String == "Baghdad" })
        let numbers = spans.filter { $0["label"] as? String == "NUMBER" }
        #expect(numbers.contains { ($0["value"] as? NSNumber)?.intValue == 2500 && $0["text"] as? String == "2,500" })
        // Document order, then start ascending.
        let order = spans.map { "\($0["doc"] as? String ?? "")#" + String(format: "%06d", $0["start"] as? Int ?? 0) }
        #expect(order == order.sorted())
    }

    @Test func rerunningChangesNothingAndChangedFilesAreReplaced() throws {
        let box = try GlossSandbox()
        try box.write("docs/a.txt", Self.arabic)
        #expect(try box.run(["annotate", "docs"]).status == 0)
        let before = try box.run(["query", "--format", "jsonl"]).stdout
        let again = try box.run(["annotate", "docs"])
        #expect(again.status == 0)
        #expect(again.stderr.contains("1 unchanged"))
        #expect(try box.run(["query", "--format", "jsonl"]).stdout == before, "no duplicates, same ids")

        try box.write("docs/a.txt", Self.english)
        let changed = try box.run(["annotate", "docs"])
        #expect(changed.status == 0)
        #expect(changed.stderr.contains("replaced docs/a.txt"))
        let after = try GlossSandbox.jsonLines(try box.run(["query", "--format", "jsonl"]).stdout)
        #expect(after.allSatisfy { ($0["text"] as? String).map { Self.english.contains($0) } ?? false })
    }

    @Test func jsonLinesOnStdin() throws {
        let box = try GlossSandbox()
        let input = """
            {"id": "wire-1", "text": "وصل 300 جندي إلى الموصل", "meta": {"agency": "test", "n": 3}}

            {"id": 7, "text": "Paris hosted 12 ministers."}
            """
        let run = try box.run(["annotate", "--store", "s", "-"], stdin: input)
        #expect(run.status == 0, "\(run.stderr)")
        let docs = try box.run(["docs", "--store", "s"])
        #expect(docs.stdout.contains("wire-1"))
        #expect(docs.stdout.contains("7"))
        let numbers = try GlossSandbox.jsonLines(try box.run(["query", "--store", "s", "--label", "NUMBER", "--format", "jsonl"]).stdout)
        #expect(numbers.map { $0["doc"] as? String } == ["wire-1", "7"])
    }

    @Test func malformedJSONLineNamesTheLineAndWritesNothing() throws {
        let box = try GlossSandbox()
        let input = "{\"id\": \"ok\", \"text\": \"fine 1\"}\n{\"id\": \"bad\", \"text\": \n"
        let run = try box.run(["annotate", "--store", "s", "-"], stdin: input)
        #expect(run.status != 0)
        #expect(run.stderr.contains("line 2"))
        #expect(run.stderr.split(separator: "\n").count == 1, "one clear line: \(run.stderr)")
        #expect(try box.run(["docs", "--store", "s"]).status != 0, "no store was created")

        let wrongType = try box.run(["annotate", "--store", "s", "-"], stdin: "{\"id\": \"x\", \"text\": 5}\n")
        #expect(wrongType.status != 0)
        #expect(wrongType.stderr.contains("\"text\" must be a string"))
    }

    @Test func invalidUTF8ReportsTheByteOffsetAndWritesNothing() throws {
        let box = try GlossSandbox()
        try box.write("in/a-good.txt", Self.english)
        try box.write("in/b-bad.txt", Data([0x41, 0x42, 0xC3, 0x28, 0x43]))
        let run = try box.run(["annotate", "in"])
        #expect(run.status != 0)
        #expect(run.stderr.contains("in/b-bad.txt: invalid UTF-8 at byte offset 2"))
        #expect(try box.run(["docs"]).status != 0, "nothing was written, not even the good file")

        let skipping = try box.run(["annotate", "--skip-invalid", "in"])
        #expect(skipping.status == 0)
        #expect(skipping.stderr.contains("skipped in/b-bad.txt"))
        #expect(try box.run(["docs"]).stdout.contains("in/a-good.txt"))
    }

    /// Many files are checked by several threads at once: still, the first bad file in order
    /// stops the run, and `--skip-invalid` leaves out exactly the bad ones, the others annotated
    /// in the order of their paths.
    @Test func theFirstBadFileOfManyStopsTheRunOrIsSkipped() throws {
        let box = try GlossSandbox()
        var good: [String] = []
        for n in 0 ..< 200 {
            let name = String(format: "many/d%03d/%03d.txt", n / 50, n)
            if n == 77 || n == 151 {
                _ = try box.write(name, Data([0x41, 0xC3, 0x28]))
            } else {
                _ = try box.write(name, "Document \(n) was filed in Mosul.\n")
                good.append(name)
            }
        }
        let run = try box.run(["annotate", "--extractors", "none", "many"])
        #expect(run.status != 0)
        #expect(run.stderr.contains("many/d001/077.txt: invalid UTF-8 at byte offset 1"), "\(run.stderr)")
        #expect(!run.stderr.contains("151"), "only the first bad file is named: \(run.stderr)")
        #expect(try box.run(["docs"]).status != 0, "nothing was written")

        let skipping = try box.run(["annotate", "--extractors", "none", "--skip-invalid", "many"])
        #expect(skipping.status == 0, "\(skipping.stderr)")
        #expect(skipping.stderr.contains("skipped many/d001/077.txt") && skipping.stderr.contains("skipped many/d003/151.txt"))
        let listed = try box.run(["docs"]).stdout.split(separator: "\n").compactMap { line in
            line.split(separator: " ").first { $0.hasPrefix("many/") }.map(String.init)
        }
        #expect(listed == good)
    }

    /// The check skips ASCII eight bytes at a time and two-byte sequences on a fast path: the
    /// offset reported must still be the first bad byte, wherever it falls.
    @Test func invalidUTF8OffsetsAfterLongRuns() throws {
        let box = try GlossSandbox()
        let ascii = Array("The minister spoke in Geneva. ".utf8)
        let arabic = Array("قال الوزير في جنيف ".utf8)
        let cases: [(String, [UInt8], Int)] = [
            ("ascii.txt", ascii + ascii + [0xFF] + ascii, ascii.count * 2),
            ("arabic.txt", arabic + arabic + [0xD8] + ascii, arabic.count * 2),       // lead byte, no continuation
            ("overlong.txt", ascii + [0xC1, 0x81] + arabic, ascii.count),              // C0/C1 are never valid
            ("surrogate.txt", arabic + [0xED, 0xA0, 0x80] + ascii, arabic.count),
            ("truncated.txt", ascii + arabic + [0xE2, 0x80], ascii.count + arabic.count),
        ]
        for (name, bytes, offset) in cases {
            try box.write(name, Data(bytes))
            let run = try box.run(["annotate", "--extractors", "none", name])
            #expect(run.status != 0, "\(name)")
            #expect(run.stderr.contains("\(name): invalid UTF-8 at byte offset \(offset)"), "\(name): \(run.stderr)")
        }
        try box.write("nul.txt", Data(arabic + ascii + [0x00] + ascii))
        let nul = try box.run(["annotate", "--extractors", "none", "nul.txt"])
        #expect(nul.stderr.contains("contains a NUL byte at byte offset \(arabic.count + ascii.count)"), "\(nul.stderr)")
    }

    @Test func emptyAndBinaryFilesAreRefused() throws {
        let box = try GlossSandbox()
        try box.write("empty.txt", "")
        let empty = try box.run(["annotate", "empty.txt"])
        #expect(empty.status != 0)
        #expect(empty.stderr.contains("empty.txt: the document is empty"))
        try box.write("bin.txt", Data([0x7F, 0x45, 0x4C, 0x46, 0x00, 0x01]))
        let binary = try box.run(["annotate", "bin.txt"])
        #expect(binary.status != 0)
        #expect(binary.stderr.contains("NUL byte"))
        let missing = try box.run(["annotate", "nope.txt"])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("nope.txt: no such file or directory"))
        // UTF-16 (with its byte order mark) is named, with what to do.
        try box.write("wide.txt", Data([0xFF, 0xFE]) + "Hello".data(using: .utf16LittleEndian)!)
        let wide = try box.run(["annotate", "wide.txt"])
        #expect(wide.status != 0)
        #expect(wide.stderr.contains("wide.txt: is UTF-16"), "\(wide.stderr)")
        #expect(wide.stderr.contains("iconv"))
    }

    @Test func aFileNamedTwiceOrInsideANamedFolderIsOneDocument() throws {
        let box = try GlossSandbox()
        try box.write("c/a/x.txt", Self.english)
        let run = try box.run(["annotate", "c/a/x.txt", "./c/a/x.txt", "c"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("annotated 1 document "), "\(run.stderr)")
    }

    @Test func globsChooseFiles() throws {
        let box = try GlossSandbox()
        try box.write("c/a.txt", Self.english)
        try box.write("c/b.md", Self.english)
        try box.write("c/c.news", Self.arabic)
        // One pattern per --glob, repeatable, before or after the paths.
        #expect(try box.run(["annotate", "--glob", "*.news", "--glob", "*.md", "c"]).status == 0)
        let docs = try box.run(["docs"]).stdout
        #expect(docs.contains("c/c.news"))
        #expect(docs.contains("c/b.md"))
        #expect(!docs.contains("c/a.txt"))
    }

    @Test func hiddenFoldersAndFilesAreSkippedInDirectories() throws {
        let box = try GlossSandbox()
        try box.write("c/a.txt", Self.english)
        try box.write("c/.hidden.txt", Self.english)
        try box.write("c/.build/checkouts/x/README.md", Self.english)
        try box.write("c/.git/notes.txt", Self.english)
        #expect(try box.run(["annotate", "c"]).status == 0)
        let docs = try box.run(["docs"]).stdout
        #expect(docs.contains("c/a.txt"))
        #expect(!docs.contains(".hidden"))
        #expect(!docs.contains(".build"))
        #expect(!docs.contains(".git"))
        // Named on the command line, a hidden file is read.
        #expect(try box.run(["annotate", "c/.hidden.txt"]).status == 0)
        #expect(try box.run(["docs"]).stdout.contains("c/.hidden.txt"))
    }

    @Test func choosingExtractors() throws {
        let box = try GlossSandbox()
        try box.write("a.txt", Self.english)
        #expect(try box.run(["annotate", "--extractors", "numbers", "a.txt"]).status == 0)
        let labels = Set(try GlossSandbox.jsonLines(try box.run(["query", "--format", "jsonl"]).stdout).compactMap { $0["label"] as? String })
        #expect(labels.isSubset(of: ["NUMBER", "DATE"]))
        #expect(labels.contains("NUMBER"))
        let unknown = try box.run(["annotate", "--extractors", "numbers,colours", "a.txt"])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("unknown extractor \"colours\""))
        #expect(unknown.stderr.contains("people, numbers, places"))
        // Two built-ins, named out of their usual order: both run (their data loads side by side).
        try box.write("b.txt", Self.english)
        #expect(try box.run(["annotate", "--extractors", "places,numbers", "b.txt"]).status == 0)
        let bLabels = Set(try GlossSandbox.jsonLines(try box.run(["query", "--format", "jsonl", "--doc", "b.txt"]).stdout).compactMap { $0["label"] as? String })
        #expect(bLabels.contains("PLACE") && bLabels.contains("NUMBER") && !bLabels.contains("PERSON"), "\(bLabels)")
    }

    @Test func builtinsAreMadeInTheOrderAsked() throws {
        let made = try BuiltinExtractors.make(names: ["places", "people", "numbers", "places"])
        #expect(made.map(\.id) == ["places", "people", "numbers", "places"])
        #expect(try BuiltinExtractors.make(names: []).isEmpty)
        #expect(try BuiltinExtractors.make(names: ["numbers"]).map(\.id) == ["numbers"])
        #expect(throws: UnknownBuiltinExtractor.self) { try BuiltinExtractors.make(names: ["numbers", "colours"]) }
        do {
            _ = try BuiltinExtractors.make(names: ["colours"])
        } catch {
            #expect("\(error)" == "no built-in extractor is called \"colours\" (built-ins: people, numbers, places)")
        }
    }

    @Test func queryFilters() throws {
        let box = try GlossSandbox()
        try box.write("n/1.txt", "Officials counted 40 trucks, 1,200 tents and 75000 blankets.")
        try box.write("n/2.txt", "Another 300 trucks came.")
        #expect(try box.run(["annotate", "--extractors", "numbers", "n"]).status == 0)
        func values(_ args: [String]) throws -> [Int] {
            let run = try box.run(["query", "--format", "jsonl", "--label", "NUMBER"] + args)
            #expect(run.status == 0, "\(run.stderr)")
            return try GlossSandbox.jsonLines(run.stdout).compactMap { ($0["value"] as? NSNumber)?.intValue }
        }
        #expect(try values([]) == [40, 1200, 75000, 300])
        #expect(try values(["--min", "100", "--max", "5000"]) == [1200, 300])
        #expect(try values(["--value", "75000"]) == [75000])
        #expect(try values(["--doc", "n/2.txt"]) == [300])
        #expect(try values(["--doc", "./n/2.txt"]) == [300], "named as annotate was given it")
        #expect(try values(["--doc", "./n/*"]).count == 4)
        #expect(try values(["--doc", "n/*", "--limit", "2", "--offset", "1"]) == [1200, 75000])
        #expect(try values(["--source", "numbers"]).count == 4)
        // TSV keeps its header line when nothing matches, so that readers find the columns.
        let none = try box.run(["query", "--format", "tsv", "--label", "NUMBER", "--min", "1000000"])
        #expect(none.status == 0)
        #expect(none.stdout.hasPrefix("doc\tid\tstart\tend\tlabel"), "\(none.stdout)")
        // Options that shape printed spans say they do nothing with --count.
        let counted = try box.run(["query", "--count", "--context", "5"])
        #expect(counted.status != 0)
        #expect(counted.stderr.contains("--context"))
    }

    @Test func tableOutputIsAlignedAndIsolatesArabic() throws {
        let box = try GlossSandbox()
        try box.write("a.txt", Self.arabic)
        #expect(try box.run(["annotate", "a.txt"]).status == 0)
        let table = try box.run(["query", "--label", "PLACE"])
        #expect(table.status == 0)
        let lines = table.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("doc") == true)
        #expect(lines.count >= 3)
        #expect(table.stdout.contains("\u{2068}بغداد\u{2069}"), "RTL cells are wrapped in isolates")
    }

    /// A label an extractor declares is known once the extractor has run, even where it found
    /// nothing: asking for it answers with no spans, not with "unknown label".
    @Test func declaredLabelsWithoutSpansAnswerEmpty() throws {
        let box = try GlossSandbox()
        try box.write("a.txt", "Officials met in Baghdad on Monday.")
        #expect(try box.run(["annotate", "a.txt"]).status == 0)
        for label in ["PERSON", "DATE", "NUMBER"] {
            let query = try box.run(["query", "--label", label, "--format", "jsonl"])
            #expect(query.status == 0, "\(label): \(query.stderr)")
            #expect(query.stdout.isEmpty, "\(label)")
            let count = try box.run(["query", "--label", label, "--count", "--format", "jsonl"])
            #expect(count.status == 0 && count.stdout == "{\"key\":\"all\",\"count\":0}\n", "\(label): \(count.stdout) \(count.stderr)")
        }
        let typo = try box.run(["query", "--label", "PERSONS"])
        #expect(typo.status != 0)
        #expect(typo.stderr.contains("unknown label \"PERSONS\""))
    }

    @Test func queryErrorsAreOneClearLine() throws {
        let box = try GlossSandbox()
        let missing = try box.run(["query", "--store", "nowhere"])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("no Gloss store at nowhere"))
        try box.write("a.txt", Self.english)
        #expect(try box.run(["annotate", "a.txt"]).status == 0)
        let label = try box.run(["query", "--label", "COLOUR"])
        #expect(label.status != 0)
        #expect(label.stderr.contains("unknown label \"COLOUR\""))
        let format = try box.run(["query", "--format", "xml"])
        #expect(format.status != 0)
        #expect(format.stderr.contains("xml"))
        let range = try box.run(["query", "--min", "5", "--max", "1"])
        #expect(range.status != 0)
        let file = try box.run(["query", "--store", "a.txt"])
        #expect(file.status != 0)
        #expect(file.stderr.contains("not a Gloss store"))
    }

    @Test func storeFromEnvironment() throws {
        let box = try GlossSandbox()
        try box.write("a.txt", Self.english)
        #expect(try box.run(["annotate", "a.txt"], environment: ["GLOSS_STORE": "env-store"]).status == 0)
        #expect(FileManager.default.fileExists(atPath: box.directory.appendingPathComponent("env-store/data.mdb").path))
        #expect(try box.run(["docs"], environment: ["GLOSS_STORE": "env-store"]).stdout.contains("a.txt"))
        #expect(try box.run(["docs", "--store", "env-store"]).stdout.contains("a.txt"))
    }

    @Test func docsAndStats() throws {
        let box = try GlossSandbox()
        try box.write("a.txt", Self.arabic)
        try box.write("b.txt", Self.english)
        #expect(try box.run(["annotate", "a.txt", "b.txt"]).status == 0)
        let docs = try box.run(["docs"])
        #expect(docs.stdout.contains("a.txt"))
        #expect(docs.stdout.contains(String(Self.arabic.unicodeScalars.count)))
        let stats = try box.run(["stats"])
        #expect(stats.status == 0)
        #expect(stats.stdout.contains("documents:  2"))
        #expect(stats.stdout.contains("PLACE"))
        #expect(stats.stdout.contains("numbers@"))
        // A long document name is printed whole (the table cuts other long cells).
        let long = "deep/" + String(repeating: "folder/", count: 10) + "c.txt"
        try box.write(long, Self.english)
        #expect(try box.run(["annotate", long]).status == 0)
        #expect(try box.run(["docs"]).stdout.contains(long))
    }

    @Test func versionAndHelp() throws {
        let box = try GlossSandbox()
        let version = try box.run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
        for command in [[], ["annotate"], ["query"], ["docs"], ["stats"]] {
            let help = try box.run(command + ["--help"])
            #expect(help.status == 0)
            #expect(help.stdout.contains("USAGE"), "help for \(command)")
        }
        #expect(try box.run(["help", "plugins", "add"]).stdout.contains("USAGE"))
        // A mistyped command, or help for one, is an error that lists the commands.
        for arguments in [["anotate", "a.txt"], ["help", "qurey"], ["help", "plugins", "ad"]] {
            let run = try box.run(arguments)
            #expect(run.status == 64, "\(arguments)")
            #expect(run.stderr.contains("unknown command"), "\(run.stderr)")
        }
        #expect(try box.run(["anotate"]).stderr.contains("annotate, query, show"))
        #expect(try box.run(["help", "plugins", "ad"]).stderr.contains("add, list, remove"))
    }
}

/// The README's library example is `Examples/LibraryExample/main.swift`: this test checks the
/// README shows exactly that code, then runs the compiled example.
@Suite("README library example")
struct LibraryExampleTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func readmeShowsTheExampleVerbatim() throws {
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        let example = try String(contentsOf: Self.root.appendingPathComponent("Examples/LibraryExample/main.swift"), encoding: .utf8)
        #expect(readme.contains(example.trimmingCharacters(in: .newlines)))
    }

    @Test func exampleRuns() throws {
        let box = try GlossSandbox()
        let process = Process()
        process.executableURL = GlossSandbox.binary.deletingLastPathComponent().appendingPathComponent("LibraryExample")
        process.arguments = [box.directory.appendingPathComponent("lib.gloss").path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let output = String(decoding: data, as: UTF8.self)
        #expect(process.terminationStatus == 0)
        #expect(output.contains("PLACE"))
        #expect(output.contains("بغداد Baghdad"))
        #expect(output.contains("NUMBER"))
        #expect(output.contains("3000"))
        #expect(output.contains("sum of numbers:"))
    }
}

/// The progress line appears only when stderr is a terminal (run under `script`, which gives
/// the command a pseudo-terminal).
@Suite("Progress line")
struct ProgressTests {
    @Test func progressOnlyOnATerminal() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else {
            print("script(1) not installed: skipping the terminal check")
            return
        }
        let box = try GlossSandbox()
        for i in 1...12 { try box.write("docs/d\(i).txt", "وصل \(i * 100) جندي إلى بغداد") }
        let command = "\"\(GlossSandbox.binary.path)\" annotate --batch 4 docs"
        let tty = try box.run(["-qec", command, "/dev/null"], viaShell: false, executable: URL(fileURLWithPath: "/usr/bin/script"))
        #expect(tty.status == 0)
        #expect(tty.stdout.contains("4/12 documents"))
        #expect(tty.stdout.contains("MB/s"))
        #expect(tty.stdout.contains("s left"))
        try box.write("docs/d13.txt", "نص جديد 5")
        let pipe = try box.run(["annotate", "--batch", "4", "docs"])
        #expect(!pipe.stderr.contains("documents  "), "no progress line when stderr is not a terminal")
    }
}
