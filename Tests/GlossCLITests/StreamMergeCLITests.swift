import Foundation
import Testing

@Suite("Streaming filter and merging shards", .serialized)
struct StreamMergeCLITests {
    static let corpus = [
        ("w-1", "قال الوزير سامر الحديثي إن 300 جندي وصلوا إلى بغداد."),
        ("w-2", "In Paris, 12 ministers met on March 3, 2024."),
        ("w-3", "وأعلنت الحكومة في دمشق عن خمسة آلاف سلة غذائية."),
    ]

    static func jsonl(_ docs: [(String, String)]) -> String {
        docs.map { "{\"id\": \"\($0.0)\", \"text\": \"\($0.1)\"}" }.joined(separator: "\n") + "\n"
    }

    /// The fields that identify a span's content (ids differ between runs).
    static func keys(_ spans: [[String: Any]]) -> [String] {
        spans.map { "\($0["doc"] ?? "")|\($0["start"] ?? "")|\($0["end"] ?? "")|\($0["label"] ?? "")|\($0["value"] ?? "")|\($0["source"] ?? "")" }
    }

    @Test func emitMatchesTheStore() throws {
        let box = try GlossSandbox()
        let emitted = try box.run(["annotate", "--emit", "jsonl", "-"], stdin: Self.jsonl(Self.corpus))
        #expect(emitted.status == 0, "\(emitted.stderr)")
        #expect(emitted.stderr.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: box.directory.appendingPathComponent("gloss.lmdb").path), "no store")
        let streamed = try GlossSandbox.jsonLines(emitted.stdout)
        #expect(streamed.allSatisfy { $0["text"] != nil && $0["attrs"] != nil && $0["id"] != nil })
        #expect(try box.run(["annotate", "-"], stdin: Self.jsonl(Self.corpus)).status == 0)
        let stored = try GlossSandbox.jsonLines(try box.run(["query", "--format", "jsonl"]).stdout)
        #expect(Self.keys(streamed) == Self.keys(stored), "same spans, same order as the store gives them")
        #expect(Set(streamed.compactMap { $0["doc"] as? String }) == ["w-1", "w-2", "w-3"])
    }

    @Test func badDocumentsAreReportedAndTheStreamGoesOn() throws {
        let box = try GlossSandbox()
        var input = Data(Self.jsonl([Self.corpus[0]]).utf8)
        input += Data("{\"id\": \"broken\", \"text\": \n".utf8)
        input += Data("{\"id\": \"bytes\", \"text\": \"".utf8) + Data([0xFF, 0xFE]) + Data("\"}\n".utf8)
        input += Data(Self.jsonl([Self.corpus[1]]).utf8)
        try box.write("in.jsonl", input)
        let run = try box.run(["sh", "-c", "\"$0\" annotate --emit jsonl - < in.jsonl", GlossSandbox.binary.path].dropFirst().map { $0 }, viaShell: true)
        #expect(run.status == 0)
        let errors = try GlossSandbox.jsonLines(run.stderr)
        #expect(errors.map { $0["line"] as? Int } == [2, 3])
        #expect((errors.last?["error"] as? String)?.contains("invalid UTF-8") == true)
        #expect(Set(try GlossSandbox.jsonLines(run.stdout).compactMap { $0["doc"] as? String }) == ["w-1", "w-2"])
        let strict = try box.run(["sh", "-c", "\"$0\" annotate --emit jsonl --fail-fast - < in.jsonl", GlossSandbox.binary.path].dropFirst().map { $0 }, viaShell: true)
        #expect(strict.status != 0)
        #expect(!strict.stdout.contains("w-2"), "stops at the first bad document")
        #expect(strict.stdout.contains("\"w-1\""), "the documents before the bad line are written")
        // Options about the store do nothing with --emit: said, not ignored.
        for option in [["--store", "s"], ["--batch", "4"], ["--skip-invalid"]] {
            let run = try box.run(["annotate", "--emit", "jsonl"] + option + ["-"], stdin: Self.jsonl([Self.corpus[0]]))
            #expect(run.status != 0)
            #expect(run.stderr.contains("\(option[0]) does nothing with --emit"), "\(run.stderr)")
        }
    }

    @Test func mergeShards() throws {
        let box = try GlossSandbox()
        #expect(try box.run(["annotate", "--store", "s1", "-"], stdin: Self.jsonl(Array(Self.corpus[0...1]))).status == 0)
        #expect(try box.run(["annotate", "--store", "s2", "-"], stdin: Self.jsonl(Array(Self.corpus[1...2]))).status == 0)
        #expect(try box.run(["annotate", "--store", "whole", "-"], stdin: Self.jsonl(Self.corpus)).status == 0)
        let merge = try box.run(["merge", "merged", "s1", "s2"])
        #expect(merge.status == 0, "\(merge.stderr)")
        #expect(merge.stderr.contains("3 documents added, 1 already there"))
        let merged = try GlossSandbox.jsonLines(try box.run(["query", "--store", "merged", "--format", "jsonl"]).stdout)
        let whole = try GlossSandbox.jsonLines(try box.run(["query", "--store", "whole", "--format", "jsonl"]).stdout)
        #expect(Self.keys(merged) == Self.keys(whole), "merging shards gives what annotating the whole corpus gives")
        #expect(try box.run(["check", "--store", "merged"]).status == 0)
        #expect(try box.run(["docs", "--store", "merged"]).stdout.components(separatedBy: "w-2").count == 2, "w-2 kept once")
    }

    @Test func conflictingTextsLeaveTheDestinationUntouched() throws {
        let box = try GlossSandbox()
        #expect(try box.run(["annotate", "--store", "dest", "-"], stdin: Self.jsonl([Self.corpus[0]])).status == 0)
        #expect(try box.run(["annotate", "--store", "ok", "-"], stdin: Self.jsonl([Self.corpus[2]])).status == 0)
        #expect(try box.run(["annotate", "--store", "other", "-"], stdin: Self.jsonl([("w-1", "A different text for w-1 in Cairo.")])).status == 0)
        let before = try box.run(["query", "--store", "dest", "--format", "jsonl"]).stdout
        let conflict = try box.run(["merge", "dest", "ok", "other"])
        #expect(conflict.status != 0)
        #expect(conflict.stderr.contains("\"w-1\""))
        #expect(conflict.stderr.contains("--prefer"))
        #expect(try box.run(["query", "--store", "dest", "--format", "jsonl"]).stdout == before, "untouched, even the shard before the conflict")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: box.directory.path).filter { $0.contains("merging") }
        #expect(leftovers.isEmpty)

        #expect(try box.run(["merge", "dest", "ok", "other", "--prefer", "first"]).status == 0)
        #expect(try box.run(["docs", "--store", "dest"]).stdout.contains("w-3"))
        #expect(try box.run(["query", "--store", "dest", "--doc", "w-1", "--label", "PERSON"]).stdout.contains("سامر"))
        #expect(try box.run(["merge", "dest", "other", "--prefer", "last"]).status == 0)
        let last = try GlossSandbox.jsonLines(try box.run(["query", "--store", "dest", "--doc", "w-1", "--format", "jsonl"]).stdout)
        #expect(last.contains { $0["text"] as? String == "Cairo" })
        #expect(!last.contains { $0["label"] as? String == "PERSON" }, "the old text's spans are gone")
        #expect(try box.run(["check", "--store", "dest"]).status == 0)
        let itself = try box.run(["merge", "dest", "dest"])
        #expect(itself.status != 0)
    }

    /// A merge builds its store in a working copy beside DEST (`.DEST.merging-PID`). Interrupted
    /// (SIGINT, SIGTERM), it removes the copy; killed (SIGKILL), it cannot, and the next merge
    /// into DEST removes the copy — but not one a live merge holds, nor a folder holding other
    /// files. DEST is untouched by the interrupted merges and right after the next one.
    @Test func anInterruptedMergeLeavesNoCopyBehind() throws {
        let box = try GlossSandbox()
        // A shard large enough that merging it takes a moment.
        let many = (0..<20_000).map { ("d\($0)", "Document \($0) counts 12 ships.") }
        #expect(try box.run(["annotate", "--store", "big", "--extractors", "numbers", "-"], stdin: Self.jsonl(many)).status == 0)
        #expect(try box.run(["annotate", "--store", "dest", "-"], stdin: Self.jsonl([Self.corpus[0]])).status == 0)
        #expect(try box.run(["annotate", "--store", "small", "-"], stdin: Self.jsonl([Self.corpus[2]])).status == 0)
        let before = try box.run(["query", "--store", "dest", "--format", "jsonl"]).stdout
        func copies() throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: box.directory.path).filter { $0.contains("merging") }.sorted()
        }
        /// Starts `gloss merge dest big`, waits until its working copy exists, sends `signo`, and
        /// returns what gloss said.
        func interruptMerge(_ signo: Int32) throws -> String {
            let stderr = box.directory.appendingPathComponent("stderr.txt").path
            let gloss = try GlossSandbox.spawnAsAShellWould(["merge", "dest", "big"], in: box.directory.path, stdin: "/dev/null", stderr: stderr)
            var status: Int32 = 0
            defer { if kill(gloss, 0) == 0 { kill(gloss, SIGKILL); waitpid(gloss, &status, 0) } }
            let copy = box.directory.appendingPathComponent(".dest.merging-\(gloss)/data.mdb").path
            let started = Date()
            while !FileManager.default.fileExists(atPath: copy) && Date().timeIntervalSince(started) < 30 { usleep(2_000) }
            try #require(FileManager.default.fileExists(atPath: copy), "the merge was caught while building its copy")
            kill(gloss, signo)
            let signalled = Date()
            while waitpid(gloss, &status, WNOHANG) == 0 && Date().timeIntervalSince(signalled) < 20 { usleep(10_000) }
            let said = (try? String(contentsOfFile: stderr, encoding: .utf8)) ?? ""
            #expect(status & 0x7f == signo, "gloss dies of the signal it got (wait status \(status)): \(said)")
            return said
        }
        for signo in [SIGINT, SIGTERM] {
            let said = try interruptMerge(signo)
            #expect(said.contains("removed the unfinished merge; the destination store is either untouched or fully merged"), "\(said)")
            #expect(try copies() == [], "interrupted by signal \(signo), the merge removes its copy")
            #expect(try box.run(["query", "--store", "dest", "--format", "jsonl"]).stdout == before, "DEST untouched")
        }
        _ = try interruptMerge(SIGKILL)
        let killed = try copies()
        #expect(killed.count == 1, "a merge killed with SIGKILL cannot remove its copy: \(killed)")

        // Copies the next merge must leave: one a live merge holds (locked), one holding a user's file.
        let live = box.directory.appendingPathComponent(".dest.merging-1")
        try FileManager.default.createDirectory(at: live, withIntermediateDirectories: false)
        let liveLock = open(live.path, O_RDONLY | O_DIRECTORY)
        defer { close(liveLock) }
        #expect(flock(liveLock, LOCK_EX) == 0)
        try box.write(".dest.merging-2/notes.txt", "mine\n")

        let merge = try box.run(["merge", "dest", "small"])
        #expect(merge.status == 0, "\(merge.stderr)")
        #expect(try copies() == [".dest.merging-1", ".dest.merging-2"], "the killed merge's copy is removed, the others kept")
        let docs = try box.run(["docs", "--store", "dest"]).stdout
        #expect(docs.contains("w-1") && docs.contains("w-3") && !docs.contains("d1 "), "DEST holds its own and the merged documents: \(docs)")
        #expect(try box.run(["check", "--store", "dest"]).status == 0)
    }

    /// A merge or backup refused for its destination says what is wrong with it (not that a
    /// store "is not a Gloss store"), and a merge checks its destination before merging.
    @Test func destinationErrorsSayWhatIsWrong() throws {
        let box = try GlossSandbox()
        #expect(try box.run(["annotate", "--store", "s1", "-"], stdin: Self.jsonl([Self.corpus[0]])).status == 0)
        try box.write("out.jsonl", "keep me\n")
        try box.write("bk1/notes.txt", "mine\n")
        let cases: [([String], String)] = [
            (["merge", "s1", "s1"], "cannot merge into s1: s1 is also given as a store to merge from"),
            (["merge", "out.jsonl", "s1"], "cannot merge into out.jsonl: it is a file"),
            // Checked before the sources are even opened.
            (["merge", "out.jsonl", "no-such-store"], "cannot merge into out.jsonl: it is a file"),
            (["backup", "--store", "s1", "bk1"], "cannot back up to bk1: the directory already exists and is not empty"),
            (["backup", "--store", "s1", "out.jsonl"], "cannot back up to out.jsonl: it is a file"),
        ]
        for (arguments, message) in cases {
            let run = try box.run(arguments)
            #expect(run.status == 1, "\(arguments)")
            #expect(run.stderr.contains(message), "\(arguments): \(run.stderr)")
            #expect(!run.stderr.contains("is not a Gloss store"), "\(arguments): \(run.stderr)")
        }
        #expect(try String(contentsOf: box.directory.appendingPathComponent("out.jsonl"), encoding: .utf8) == "keep me\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: box.directory.appendingPathComponent("bk1").path) == ["notes.txt"])
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: box.directory.path).filter { $0.contains("merging") }
        #expect(leftovers.isEmpty)
    }
}
