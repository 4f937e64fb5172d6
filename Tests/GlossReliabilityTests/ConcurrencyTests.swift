import Foundation
import Synchronization
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Readers and writers in separate processes: readers see whole batches only, a second writer is
/// refused clearly or waits, and reader slots of killed processes are cleared on the next open.
@Suite("Processes sharing a store", .serialized)
struct ConcurrencyTests {
    /// `gloss docs` and `gloss query --count` in loops while `gloss annotate` commits batch after
    /// batch: the counts never go backwards, and every document is listed with all its spans
    /// or not at all.
    @Test func readersSeeWholeBatchesWhileAWriterRuns() throws {
        let reference = try Reference.standard.get()
        let box = try Sandbox("gloss-readers")
        try reference.corpus.write(into: box)
        let batch = 2
        let names = reference.corpus.documents.map(\.name)
        let counts = reference.spanCounts
        let totals = reference.prefixTotals
        // Span totals a consistent snapshot may show: after whole batches only.
        let wholeBatchTotals = Set(totals.indices.filter { $0 % batch == 0 || $0 == names.count }.map { totals[$0] })

        let writer = try box.start(["annotate", "--store", "s", "--batch", String(batch), Corpus.folder])
        let problems = Mutex<[String]>([])
        let passesDuringWrite = Mutex<[Int]>([0, 0])
        let partial = Mutex<[Int]>([0, 0])  // passes that saw the store half-way
        @Sendable func problem(_ s: String) { problems.withLock { $0.append(s) } }

        DispatchQueue.concurrentPerform(iterations: 2) { reader in
            var opened = false
            var last = 0
            while true {
                let writerDone = writer.poll() != nil  // one more pass after the writer ends
                do {
                    if reader == 0 {
                        let docs = try box.run(["docs", "--store", "s"])
                        guard docs.status == 0 else {
                            if opened || !docs.stderr.contains("no Gloss store") { problem("gloss docs failed: \(docs.stderr)") }
                            if writerDone { break } else { continue }
                        }
                        opened = true
                        let rows = try StoreView.parseDocs(docs.stdout)
                        if rows.count < last { problem("gloss docs went back from \(last) to \(rows.count) documents") }
                        last = rows.count
                        if rows.map(\.name) != Array(names.prefix(rows.count)) { problem("gloss docs listed documents out of order") }
                        if rows.count % batch != 0 && rows.count != names.count { problem("gloss docs showed \(rows.count) documents: half a batch") }
                        for (index, row) in rows.enumerated() where row.spans != counts[index] {
                            problem("gloss docs showed \(row.name) with \(row.spans) spans; it has \(counts[index])")
                        }
                    } else {
                        let count = try StoreView.count("s", in: box)
                        guard count.status == 0 else {
                            if opened || !count.stderr.contains("no Gloss store") { problem("gloss query --count failed: \(count.stderr)") }
                            if writerDone { break } else { continue }
                        }
                        opened = true
                        guard let n = StoreView.parseCount(count.stdout) else {
                            problem("unreadable count: \(count.stdout)")
                            break
                        }
                        if n < last { problem("gloss query --count went back from \(last) to \(n)") }
                        last = n
                        if !wholeBatchTotals.contains(n) { problem("gloss query --count showed \(n) spans, not a whole number of batches") }
                    }
                } catch {
                    problem("\(error)")
                }
                if writerDone { break }
                passesDuringWrite.withLock { $0[reader] += 1 }
                let final = reader == 0 ? names.count : totals[names.count]
                if last > 0 && last < final { partial.withLock { $0[reader] += 1 } }
            }
        }
        let end = try writer.wait()
        #expect(end.exitCode == 0, "\(writer.stderr)")
        #expect(problems.withLock { $0 } == [])
        let passes = passesDuringWrite.withLock { $0 }
        let halfway = partial.withLock { $0 }
        print("readers: \(passes[0]) gloss docs and \(passes[1]) gloss query --count passes while the writer ran; "
              + "\(halfway[0]) and \(halfway[1]) of them saw the store half-way")
        // How often the readers overlap the writer depends on the machine's load (the whole suite
        // runs in parallel): demand an overlap, not a number of passes per reader.
        #expect(passes.reduce(0, +) >= 2, "the readers should overlap the writer: \(passes)")
        #expect(halfway.reduce(0, +) >= 1, "some passes should have seen the store half-way: \(halfway)")
        #expect(try StoreView.read("s", in: box).difference(from: reference.view) == nil)
    }

    /// `gloss backup` taken while `gloss annotate` commits: each copy is a consistent snapshot
    /// (passes `gloss check`, holds whole batches, each document with all its spans).
    @Test func backupsWhileAWriterRunsAreConsistent() throws {
        let reference = try Reference.standard.get()
        let box = try Sandbox("gloss-backup")
        try reference.corpus.write(into: box)
        let writer = try box.start(["annotate", "--store", "s", "--batch", "2", Corpus.folder])
        var copies: [String] = []
        while writer.poll() == nil, copies.count < 6 {
            guard box.exists("s/data.mdb") else {
                usleep(20_000)
                continue
            }
            let copy = "copy-\(copies.count)"
            let backup = try box.run(["backup", "--store", "s", copy])
            if backup.status != 0 && backup.stderr.contains("no Gloss store") { continue }
            #expect(backup.status == 0, "\(backup.stderr)")
            copies.append(copy)
            usleep(150_000)
        }
        #expect(try writer.wait().exitCode == 0, "\(writer.stderr)")
        #expect(copies.count >= 2, "the writer ran long enough to back it up several times")
        var sizes: [Int] = []
        for copy in copies {
            let check = try box.run(["check", "--store", copy])
            #expect(check.status == 0, "\(copy): \(check.stdout)")
            let view = try StoreView.read(copy, in: box)
            sizes.append(view.documents.count)
            #expect(view.documents.count % 2 == 0 || view.documents.count == reference.corpus.documents.count)
            let names = Set(view.documents.map(\.name))
            let expected = StoreView(documents: Array(reference.view.documents.prefix(view.documents.count)),
                                     spans: reference.view.spans.filter { names.contains($0.key) })
            #expect(view.difference(from: expected) == nil, "\(copy) is not a prefix of whole documents")
        }
        print("backups during the write held \(sizes) documents")
        #expect(sizes == sizes.sorted())
    }

    /// While one `gloss annotate` holds the store, a second writer fails at once naming it (an
    /// annotate and an import alike), and one given `--wait` writes after it.
    @Test func aSecondWriterFailsClearlyOrWaits() throws {
        let reference = try Reference.standard.get()
        let box = try Sandbox("gloss-writers")
        try reference.corpus.write(into: box)
        try box.write("late/extra.txt", "Officials in Amman said 7 people were detained after the protest.\n")
        try box.write("gold.jsonl", "{\"doc\":\"corpus/doc-0001.txt\",\"start\":0,\"end\":2,\"label\":\"X\"}\n")
        // The first writer holds the writer lock while its only extractor, a plugin, waits for
        // a file the test creates: however fast the machine, it still holds the lock while the
        // others try, and it waits outside any LMDB transaction. (Stopping it with SIGSTOP
        // instead could stop it inside one, holding a mutex of LMDB's that the others then
        // wait for.)
        try box.write("gate.py", gatePlugin)
        #expect(try box.run(["plugins", "add", "--store", "s", "--", "python3", "gate.py"]).status == 0)
        let first = try box.start(["annotate", "--store", "s", "--extractors", "gate", "--plugin-timeout", "300", Corpus.folder])
        var gateOpen = false
        func openGate() {
            if !gateOpen { _ = try? box.write("gate-open", "") }
            gateOpen = true
        }
        defer { openGate() }
        let lockFile = box.path("s/writer.lock")
        let holds = waitUntil(seconds: 60) { Child.contents(of: lockFile) == "\(first.pid)\n" || first.poll() != nil }
        try #require(holds && first.finished == nil, "the first writer should be running and hold the lock")

        for second in [["annotate", "--store", "s", "late"], ["import", "--store", "s", "--source", "gold", "gold.jsonl"]] {
            let run = try box.run(second)
            #expect(run.status != 0, "\(second[0]) while another process writes")
            #expect(run.stderrLines.count == 1, "one line: \(run.stderr)")
            #expect(run.stderr.contains("another gloss process (pid \(first.pid)) is writing to the store"), "\(run.stderr)")
            #expect(run.stderr.contains("--wait"))
        }
        #expect(first.poll() == nil, "the first writer still holds the store")

        let waiting = try box.start(["annotate", "--store", "s", "--wait", "300", "late"])
        #expect(waitUntil(seconds: 0.5) { waiting.poll() != nil } == false, "the waiting writer waits while the first holds the store")
        openGate()
        let waited = try box.finish(waiting, timeout: 300)
        #expect(waited.status == 0, "\(waited.stderr)")
        #expect(try first.wait().exitCode == 0, "\(first.stderr)")
        let view = try StoreView.read("s", in: box)
        // Documents are listed in the order they were first added: the waiting writer came last.
        #expect(view.documents.map(\.name) == reference.corpus.documents.map(\.name) + ["late/extra.txt"])
        #expect(try box.run(["check", "--store", "s"]).status == 0)
    }

    /// A `gloss query` killed with SIGKILL while it holds a read transaction (blocked writing to
    /// a pipe nobody reads) leaves its slot in the reader table; the next `gloss` to open the
    /// store clears it. Another reader keeps the environment open throughout, since the first
    /// process to open an environment resets the whole table anyway. Reader slots are read with
    /// `mdb_stat -r` (lmdb-utils).
    @Test func staleReaderSlotsAreClearedOnOpen() throws {
        let reference = try Reference.standard.get()
        let box = try Sandbox("gloss-stale")
        guard try box.tool("mdb_stat", ["-V"]) != nil else {
            print("skipped staleReaderSlotsAreClearedOnOpen: mdb_stat (lmdb-utils) is not installed")
            return
        }
        try reference.corpus.write(into: box)
        #expect(try box.run(["annotate", "--store", "s", Corpus.folder]).status == 0)
        func readers() throws -> [Int32] {
            let out = try box.tool("mdb_stat", ["-r", box.path("s")])?.stdout ?? ""
            return out.split(separator: "\n").compactMap { line in
                line.split(separator: " ").first.flatMap { Int32($0) }
            }
        }
        // A long query (with context, so its output far exceeds a pipe's buffer) into a pipe
        // that is never read: it blocks inside its read transaction.
        func blockedReader() throws -> (Child, Int32) {
            var fds: [Int32] = [0, 0]
            try #require(pipe(&fds) == 0)
            // Close-on-exec, so no other child inherits the pipe (pipe2 is not exported to Swift).
            for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
            let child = try box.start(["query", "--store", "s", "--format", "jsonl", "--context", "200"], stdout: .descriptor(fds[1]))
            close(fds[1])
            let holding = waitUntil(seconds: 60) { (try? readers().contains(child.pid)) == true || child.poll() != nil }
            let table = try readers()
            try #require(holding && child.finished == nil, "the query should hold a reader slot; readers: \(table)")
            return (child, fds[0])
        }
        let (keeper, keeperPipe) = try blockedReader()
        let (victim, victimPipe) = try blockedReader()
        victim.signal(SIGKILL)
        #expect(try victim.wait().signal == SIGKILL)
        close(victimPipe)
        #expect(try readers().contains(victim.pid), "the killed reader's slot is stale until someone clears it")

        #expect(try box.run(["docs", "--store", "s"]).status == 0)
        let after = try readers()
        #expect(!after.contains(victim.pid), "opening the store cleared the stale slot: \(after)")
        #expect(after.contains(keeper.pid), "the live reader keeps its slot")

        // The reader that waited all along still reads its snapshot to the end.
        let output = FileHandle(fileDescriptor: keeperPipe, closeOnDealloc: true).readDataToEndOfFile()
        #expect(try keeper.wait().exitCode == 0)
        let lines = output.split(separator: UInt8(ascii: "\n")).count
        #expect(lines == reference.view.allSpans.count)
    }
}

/// Polls `condition` every 10 ms for up to `seconds`; returns whether it became true.
func waitUntil(seconds: Double, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if condition() { return true }
        usleep(10_000)
    }
    return condition()
}

/// A plugin that finds nothing, and answers each document only once the file `gate-open`
/// exists in its working directory.
private let gatePlugin = #"""
import json, os, sys, time
def send(m):
    sys.stdout.write(json.dumps(m) + "\n"); sys.stdout.flush()
for line in sys.stdin:
    m = json.loads(line)
    if m["type"] == "hello":
        send({"type": "hello", "protocol": 1, "id": "gate", "version": "1", "labels": ["GATE"]})
    elif m["type"] == "document":
        while not os.path.exists("gate-open"):
            time.sleep(0.02)
        send({"type": "spans", "seq": m["seq"], "spans": []})
    elif m["type"] == "bye":
        break
"""#
