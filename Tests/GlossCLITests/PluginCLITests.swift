import Foundation
import Testing

/// A plugin that misbehaves on demand: the document text says how.
private let troublePlugin = #"""
import json, sys, time
version = sys.argv[1] if len(sys.argv) > 1 else "1"
def send(m):
    sys.stdout.write(json.dumps(m) + "\n"); sys.stdout.flush()
for line in sys.stdin:
    m = json.loads(line)
    if m["type"] == "hello":
        if version == "noflush":
            out = open(1, "w", buffering=65536, closefd=False)  # block-buffered, never flushed
            out.write(json.dumps({"type": "hello", "protocol": 1, "id": "trouble", "version": "1", "labels": ["WORD"]}) + "\n")
            time.sleep(30)
        send({"type": "hello", "protocol": 2 if version == "v2" else 1, "id": "trouble", "version": version, "labels": ["WORD"]})
    elif m["type"] == "document":
        text, seq = m["text"], m["seq"]
        first = {"start": 0, "end": text.index(" "), "label": "WORD", "value": text[:text.index(" ")]}
        if "CRASH" in text:
            sys.stderr.write("about to crash\n"); sys.stderr.flush(); sys.exit(7)
        elif "HANG" in text:
            time.sleep(60)
        elif "GARBAGE" in text:
            sys.stdout.write("this is not json\n"); sys.stdout.flush()
        elif "RANGE" in text:
            send({"type": "spans", "seq": seq, "spans": [{"start": 0, "end": len(text) + 5, "label": "WORD"}]})
        elif "LABEL" in text:
            send({"type": "spans", "seq": seq, "spans": [dict(first, label="OTHER")]})
        elif "ERROR" in text:
            send({"type": "error", "seq": seq, "message": "I refuse this document"})
        elif "HUGE" in text:
            send({"type": "spans", "seq": seq, "spans": [dict(first, value="x" * (65 << 20))]})
        else:
            send({"type": "spans", "seq": seq, "spans": [first]})
    elif m["type"] == "bye":
        break
"""#

/// A plugin that hangs on a document whose text says HANG, after writing its process id to
/// plugin.pid in its working directory.
private let hangPlugin = #"""
import json, os, sys, time
for line in sys.stdin:
    m = json.loads(line)
    if m["type"] == "hello":
        print(json.dumps({"type": "hello", "protocol": 1, "id": "hang", "version": "1", "labels": ["WORD"]}), flush=True)
    elif m["type"] == "document":
        if "HANG" in m["text"]:
            with open("plugin.pid", "w") as f:
                f.write(str(os.getpid()))
            time.sleep(60)
        print(json.dumps({"type": "spans", "seq": m["seq"], "spans": [{"start": 0, "end": 2, "label": "WORD"}]}), flush=True)
    else:
        break
"""#

/// A plugin written as a shell script that starts helpers of its own, as shell scripts do: a
/// `sleep` in the background from the start (and one detached with setsid) and, on a document saying HANG, another one it waits
/// for (touching the file hanging). Each helper's process id is appended to helpers.pid in its
/// working directory.
private let helpfulPlugin = #"""
#!/bin/sh
sleep 300 </dev/null >/dev/null 2>&1 &
echo $! >> helpers.pid
setsid sleep 301 </dev/null >/dev/null 2>&1 &
echo $! >> helpers.pid
while IFS= read -r line; do
  case "$line" in
    *'"type":"hello"'*)
      echo '{"type": "hello", "protocol": 1, "id": "helpful", "version": "1", "labels": ["WORD"]}' ;;
    *'"type":"document"'*)
      case "$line" in *HANG*) sleep 300 & echo $! >> helpers.pid; touch hanging; wait ;; esac
      seq=$(printf '%s\n' "$line" | sed -n 's/.*"seq":\([0-9]*\).*/\1/p')
      echo "{\"type\": \"spans\", \"seq\": $seq, \"spans\": []}" ;;
    *) exit 0 ;;
  esac
done
"""#

/// A plugin that never answers a document but goes on reading its standard input, and exits
/// when it ends; it writes its process id to plugin.pid when the document arrives.
private let patientPlugin = #"""
import json, os, sys
for line in sys.stdin:
    m = json.loads(line)
    if m["type"] == "hello":
        print(json.dumps({"type": "hello", "protocol": 1, "id": "patient", "version": "1", "labels": ["WORD"]}), flush=True)
    elif m["type"] == "document":
        with open("plugin.pid", "w") as f:
            f.write(str(os.getpid()))
"""#

@Suite("Plugins: protocol, host and examples", .serialized)
struct PluginCLITests {
    private func sandbox(documents: [String: String]) throws -> GlossSandbox {
        let box = try GlossSandbox()
        try box.write("trouble.py", troublePlugin)
        let lines = documents.sorted { $0.key < $1.key }.map { "{\"id\": \"\($0.key)\", \"text\": \"\($0.value)\"}" }
        #expect(try box.run(["annotate", "--extractors", "none", "-"], stdin: lines.joined(separator: "\n")).status == 0)
        return box
    }

    @Test func registerListAndRun() throws {
        let box = try sandbox(documents: ["a": "alpha 12 words", "b": "beta 7 words"])
        let add = try box.run(["plugins", "add", "--env", "TROUBLE_MODE=calm", "--", "python3", "trouble.py"])
        #expect(add.status == 0, "\(add.stderr)")
        #expect(add.stderr.contains("registered plugin trouble@1"))
        let list = try box.run(["plugins", "list"]).stdout
        #expect(list.contains("trouble"))
        #expect(list.contains("TROUBLE_MODE=calm python3 /"), "environment and arguments are shown: \(list)")
        #expect(list.contains("/trouble.py"), "environment and arguments are shown: \(list)")
        #expect(list.contains("built-in"))
        let run = try box.run(["annotate", "--extractors", "trouble,numbers", "-"], stdin: "{\"id\": \"a\", \"text\": \"alpha 12 words\"}")
        #expect(run.status == 0, "\(run.stderr)")
        let spans = try GlossSandbox.jsonLines(try box.run(["query", "--format", "jsonl"]).stdout)
        #expect(spans.contains { $0["label"] as? String == "WORD" && $0["text"] as? String == "alpha" && $0["source"] as? String == "trouble@1" })
        #expect(spans.contains { $0["label"] as? String == "NUMBER" })
        let unknown = try box.run(["annotate", "--extractors", "nobody", "-"], stdin: "{\"id\": \"a\", \"text\": \"x y\"}")
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("trouble"), "lists registered plugins among the available ones")
        #expect(try box.run(["plugins", "remove", "trouble"]).status == 0)
        #expect(!(try box.run(["plugins", "list"]).stdout.contains("trouble")))
    }

    /// `gloss plugins add -- python3 trouble.py`, typed in the folder holding the script, stores
    /// the script's absolute path: annotating from another folder still finds it.
    @Test func relativePathsAreStoredAbsolute() throws {
        let box = try sandbox(documents: ["a": "alpha 12 words"])
        try box.write("models/weights.txt", "unused\n")
        try box.write("elsewhere/b.txt", "beta 7 words")
        let add = try box.run(["plugins", "add", "--", "python3", "trouble.py", "models/weights.txt", "--verbose", "no-such-file"])
        #expect(add.status == 0, "\(add.stderr)")
        let stored = try #require(try box.run(["plugins", "list"]).stdout.split(separator: "\n").first { $0.hasPrefix("trouble") })
        let words = stored.split(separator: " ").suffix(5).map(String.init)
        let folder = URL(fileURLWithPath: box.directory.path).standardizedFileURL.path
        #expect(words == ["python3", folder + "/trouble.py", folder + "/models/weights.txt", "--verbose", "no-such-file"],
                "existing files become absolute, the program name, options and other words stay: \(stored)")
        let run = try box.run(["annotate", "--store", "../gloss.lmdb", "--extractors", "trouble", "b.txt"], in: "elsewhere")
        #expect(run.status == 0, "\(run.stderr)")
        let spans = try GlossSandbox.jsonLines(try box.run(["query", "--label", "WORD", "--format", "jsonl"]).stdout)
        #expect(spans.compactMap { $0["text"] as? String } == ["beta"])
    }

    /// The examples in `gloss help plugins` (and its subcommands) stay whole on an 80-column
    /// terminal, and the example annotate command names the id the example plugin registers.
    @Test func helpExamplesFitAndAgree() throws {
        let box = try sandbox(documents: ["a": "alpha 12 words"])
        var examples: [String] = []
        for command in [["help", "plugins"], ["help", "plugins", "add"], ["help", "plugins", "list"], ["help", "plugins", "remove"]] {
            let help = try box.run(command, environment: ["COLUMNS": "80"])
            #expect(help.status == 0)
            var inExamples = false
            for line in help.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
                if line.hasSuffix("Examples:") || line.hasSuffix("Example:") { inExamples = true; continue }
                if line.trimmingCharacters(in: .whitespaces).isEmpty { inExamples = false; continue }
                guard inExamples else { continue }
                #expect(line.hasPrefix("  gloss "), "an example line broken by wrapping: \(line.debugDescription)")
                #expect(line.count <= 76, "an example wider than 76 columns: \(line.debugDescription)")
                examples.append(line.trimmingCharacters(in: .whitespaces))
            }
        }
        // Register the plugins the examples register from the repository, then check the
        // annotate example names only extractors that exist.
        for example in examples where example.hasPrefix("gloss plugins add") {
            guard let script = example.split(separator: " ").last, script.hasPrefix("Examples/") else { continue }
            let path = LibraryExampleTests.root.appendingPathComponent(String(script)).path
            let add = try box.run(["plugins", "add", "--", "python3", path])
            #expect(add.status == 0, "\(example): \(add.stderr)")
        }
        let ids = Set(try box.run(["plugins", "list"]).stdout.split(separator: "\n").dropFirst().compactMap { $0.split(separator: " ").first.map(String.init) })
        let annotate = try #require(examples.first { $0.hasPrefix("gloss annotate --extractors ") })
        let names = annotate.split(separator: " ")[3].split(separator: ",").map(String.init)
        #expect(names.allSatisfy(ids.contains), "\(annotate) names only known extractors: \(ids.sorted())")
    }

    /// Removing an id that is not registered is a "not found" error like the others (exit 1),
    /// and lists what is registered.
    @Test func aPluginCannotTakeTheNameOfAnImportedSource() throws {
        let box = try sandbox(documents: ["a": "alpha 12 words"])
        try box.write("g.jsonl", "{\"doc\":\"a\",\"start\":0,\"end\":5,\"label\":\"X\"}\n")
        #expect(try box.run(["import", "--source", "trouble", "g.jsonl"]).status == 0)
        let clash = try box.run(["plugins", "add", "--", "python3", "trouble.py"])
        #expect(clash.status != 0)
        #expect(clash.stderr.contains("spans imported under the source \"trouble\""), "\(clash.stderr)")
    }

    @Test func removingAnUnknownPluginListsTheRegisteredOnes() throws {
        let box = try sandbox(documents: ["a": "alpha 12 words"])
        let none = try box.run(["plugins", "remove", "nosuch"])
        #expect(none.status == 1)
        #expect(none.stderr.contains("no plugin \"nosuch\" is registered; the store has no registered plugins"), "\(none.stderr)")
        #expect(try box.run(["plugins", "add", "--", "python3", "trouble.py"]).status == 0)
        let some = try box.run(["plugins", "remove", "nosuch"])
        #expect(some.status == 1)
        #expect(some.stderr.contains("no plugin \"nosuch\" is registered; the store has plugins: trouble"), "\(some.stderr)")
        #expect(!some.stderr.contains("Usage"))
        #expect(try box.run(["plugins", "list"]).stdout.contains("trouble"))
    }

    /// Interrupted (SIGINT) or terminated (SIGTERM) while a plugin hangs on a document, gloss
    /// stops the plugin, says so in one line and dies of the signal; the batches committed
    /// before are kept and the store is sound.
    @Test(arguments: [SIGINT, SIGTERM])
    func aSignalStopsThePlugins(_ signo: Int32) throws {
        let box = try GlossSandbox()
        try box.write("hang.py", hangPlugin)
        try box.write("in.jsonl", "{\"id\": \"a\", \"text\": \"ok one\"}\n{\"id\": \"b\", \"text\": \"ok two\"}\n{\"id\": \"c\", \"text\": \"HANG now\"}\n")
        let add = try box.run(["plugins", "add", "--", "python3", "hang.py"])
        try #require(add.status == 0, "\(add.stderr)")
        let stderrPath = box.directory.appendingPathComponent("stderr.txt").path
        let gloss = try GlossSandbox.spawnAsAShellWould(["annotate", "--batch", "1", "--extractors", "hang", "-"], in: box.directory.path,
                                                stdin: box.directory.appendingPathComponent("in.jsonl").path, stderr: stderrPath)
        var status: Int32 = 0
        defer { if kill(gloss, 0) == 0 { kill(gloss, SIGKILL); waitpid(gloss, &status, 0) } }
        // Wait until the plugin is stuck on the third document (the first two are committed).
        let pidFile = box.directory.appendingPathComponent("plugin.pid").path
        let started = Date()
        while !FileManager.default.fileExists(atPath: pidFile) && Date().timeIntervalSince(started) < 60 { usleep(20_000) }
        usleep(300_000)
        let pid = try #require(pid_t(try String(contentsOfFile: pidFile, encoding: .utf8)), "the plugin got the hanging document")
        defer { kill(pid, SIGKILL) }  // never outlive the test, whatever happens
        #expect(GlossSandbox.isRunning(pid))

        kill(gloss, signo)
        let signalled = Date()
        while waitpid(gloss, &status, WNOHANG) == 0 && Date().timeIntervalSince(signalled) < 20 { usleep(20_000) }
        #expect(status & 0x7f == signo, "gloss dies of the signal it got (wait status \(status))")
        #expect(!GlossSandbox.isRunning(pid), "the plugin process is gone with gloss")
        let lines = try String(contentsOfFile: stderrPath, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 1, "one line: \(lines)")
        let name = signo == SIGINT ? "SIGINT" : "SIGTERM"
        #expect(lines.first?.contains("interrupted by \(name); stopped 1 plugin process") == true, "\(lines)")
        #expect(lines.first?.contains("documents committed to the store before now are kept") == true, "\(lines)")
        let docs = try box.run(["docs"]).stdout
        #expect(docs.contains("a ") && docs.contains("b ") && !docs.contains("c "), "committed batches kept: \(docs)")
        #expect(try box.run(["check"]).status == 0)
    }

    /// A plugin's own processes (a shell script's background helpers, one of them detached from
    /// the plugin's process group with setsid) go with it whenever gloss stops it: after the
    /// handshake of `plugins add`, at the end of an `annotate`, when a document times out, and
    /// when gloss is terminated.
    @Test func aPluginsOwnProcessesGoWithIt() throws {
        let box = try GlossSandbox()
        try box.write("helpful.sh", helpfulPlugin)
        try box.write("in.jsonl", "{\"id\": \"a\", \"text\": \"ok one\"}\n")
        try box.write("hang.jsonl", "{\"id\": \"b\", \"text\": \"HANG now\"}\n")
        // Bounded: a gloss that waited for the helpers would wait 300 s.
        func gloss(_ arguments: [String]) throws -> GlossRun {
            try box.run(["-s", "KILL", "30", GlossSandbox.binary.path] + arguments, executable: URL(fileURLWithPath: "/usr/bin/timeout"))
        }
        let add = try gloss(["plugins", "add", "--", "sh", "helpful.sh"])
        try #require(add.status == 0, "\(add.stderr)")
        try expectHelpersGone(in: box, after: "plugins add")
        let annotate = try gloss(["annotate", "--extractors", "helpful", "in.jsonl"])
        #expect(annotate.status == 0, "\(annotate.stderr)")
        try expectHelpersGone(in: box, after: "annotate")
        let timedOut = try gloss(["annotate", "--extractors", "helpful", "--plugin-timeout", "1", "hang.jsonl"])
        #expect(timedOut.status == 1, "\(timedOut.stderr)")
        #expect(timedOut.stderr.contains("no reply within 1 s"), "\(timedOut.stderr)")
        try expectHelpersGone(in: box, after: "a timeout")

        let hanging = box.directory.appendingPathComponent("hanging").path
        try FileManager.default.removeItem(atPath: hanging)
        let stderrPath = box.directory.appendingPathComponent("stderr.txt").path
        let terminated = try GlossSandbox.spawnAsAShellWould(["annotate", "--extractors", "helpful", "-"], in: box.directory.path,
                                                     stdin: box.directory.appendingPathComponent("hang.jsonl").path, stderr: stderrPath)
        var status: Int32 = 0
        defer { if kill(terminated, 0) == 0 { kill(terminated, SIGKILL); waitpid(terminated, &status, 0) } }
        let started = Date()
        while !FileManager.default.fileExists(atPath: hanging) && Date().timeIntervalSince(started) < 60 { usleep(20_000) }
        usleep(200_000)
        kill(terminated, SIGTERM)
        let signalled = Date()
        while waitpid(terminated, &status, WNOHANG) == 0 && Date().timeIntervalSince(signalled) < 20 { usleep(20_000) }
        #expect(status & 0x7f == SIGTERM, "gloss dies of the signal it got (wait status \(status))")
        try expectHelpersGone(in: box, after: "SIGTERM")
    }

    /// Checks that every helper process listed in helpers.pid is gone (killed ones are given a
    /// moment), and kills any that is not, so that none outlives the test.
    private func expectHelpersGone(in box: GlossSandbox, after what: String) throws {
        let list = try String(contentsOfFile: box.directory.appendingPathComponent("helpers.pid").path, encoding: .utf8)
        let pids = list.split(separator: "\n").compactMap { pid_t($0) }
        #expect(!pids.isEmpty)
        let deadline = Date().addingTimeInterval(2)
        while pids.contains(where: GlossSandbox.isRunning) && Date() < deadline { usleep(20_000) }
        for pid in pids where GlossSandbox.isRunning(pid) {
            Issue.record("after \(what), the plugin's helper process \(pid) is still running")
            kill(pid, SIGKILL)
        }
    }

    /// Killed with SIGKILL, gloss cannot stop its plugins; a plugin that reads its standard input
    /// sees it end and exits (no other process holds the pipe's writing end).
    @Test func aPluginSeesTheEndOfItsInputWhenGlossIsKilled() throws {
        let box = try GlossSandbox()
        try box.write("patient.py", patientPlugin)
        try box.write("in.jsonl", "{\"id\": \"a\", \"text\": \"wait for me\"}\n")
        let add = try box.run(["plugins", "add", "--", "python3", "patient.py"])
        try #require(add.status == 0, "\(add.stderr)")
        let gloss = try GlossSandbox.spawnAsAShellWould(["annotate", "--extractors", "patient", "--plugin-timeout", "120", "-"], in: box.directory.path,
                                                stdin: box.directory.appendingPathComponent("in.jsonl").path, stderr: "/dev/null")
        var status: Int32 = 0
        defer { if kill(gloss, 0) == 0 { kill(gloss, SIGKILL); waitpid(gloss, &status, 0) } }
        let pidFile = box.directory.appendingPathComponent("plugin.pid").path
        let started = Date()
        while !FileManager.default.fileExists(atPath: pidFile) && Date().timeIntervalSince(started) < 60 { usleep(20_000) }
        usleep(200_000)
        let pid = try #require(pid_t(try String(contentsOfFile: pidFile, encoding: .utf8)), "the plugin got the document")
        defer { kill(pid, SIGKILL) }
        #expect(GlossSandbox.isRunning(pid))
        kill(gloss, SIGKILL)
        waitpid(gloss, &status, 0)
        let killed = Date()
        while GlossSandbox.isRunning(pid) && Date().timeIntervalSince(killed) < 10 { usleep(20_000) }
        #expect(!GlossSandbox.isRunning(pid), "the plugin exits at the end of its input")
    }

    @Test func misbehaviourFailsOnlyThatDocument() throws {
        let documents = [
            "1-ok": "fine text here", "2-crash": "CRASH now please", "3-ok": "good words again", "4-garbage": "GARBAGE out",
            "5-range": "RANGE too far", "6-error": "ERROR reply", "7-label": "LABEL wrong", "8-hang": "HANG forever", "9-ok": "last document 9",
        ]
        let box = try sandbox(documents: documents)
        #expect(try box.run(["plugins", "add", "--", "python3", "trouble.py"]).status == 0)
        let input = documents.sorted { $0.key < $1.key }.map { "{\"id\": \"\($0.key)\", \"text\": \"\($0.value)\"}" }.joined(separator: "\n")
        let run = try box.run(["annotate", "--extractors", "trouble,numbers", "--plugin-timeout", "2", "-"], stdin: input)
        #expect(run.status != 0, "failures make the exit status non-zero")
        for (doc, words) in [("2-crash", "exited with status 7"), ("2-crash", "about to crash"), ("4-garbage", "not a JSON message"),
                             ("5-range", "outside the text"), ("6-error", "I refuse this document"), ("7-label", "did not declare"),
                             ("8-hang", "no reply within 2 s")] {
            #expect(run.stderr.contains(doc), "names \(doc): \(run.stderr)")
            #expect(run.stderr.contains(words), "\(words) in \(run.stderr)")
        }
        #expect(run.stderr.contains("plugin trouble") || run.stderr.contains("trouble@1"))
        let words = try GlossSandbox.jsonLines(try box.run(["query", "--label", "WORD", "--format", "jsonl"]).stdout).compactMap { $0["doc"] as? String }
        #expect(words == ["1-ok", "3-ok", "9-ok"], "nothing written for failed documents, the others kept")
        let numbers = try GlossSandbox.jsonLines(try box.run(["query", "--label", "NUMBER", "--format", "jsonl"]).stdout)
        #expect(numbers.contains { $0["doc"] as? String == "9-ok" }, "another extractor's work is kept")
        // The next run retries only the failed documents.
        let again = try box.run(["annotate", "--extractors", "trouble", "--plugin-timeout", "2", "-"], stdin: input)
        #expect(again.stderr.contains("3 extractor runs skipped"))
    }

    @Test func hugeReplyIsRefused() throws {
        let box = try sandbox(documents: ["big": "HUGE reply"])
        #expect(try box.run(["plugins", "add", "--", "python3", "trouble.py"]).status == 0)
        let run = try box.run(["annotate", "--extractors", "trouble", "-"], stdin: "{\"id\": \"big\", \"text\": \"HUGE reply\"}")
        #expect(run.status != 0)
        #expect(run.stderr.contains("larger than 64 MiB"))
    }

    @Test func handshakeProblemsAreClear() throws {
        let box = try sandbox(documents: ["a": "x y"])
        let version = try box.run(["plugins", "add", "--", "python3", "trouble.py", "v2"])
        #expect(version.status != 0)
        #expect(version.stderr.contains("speaks protocol 2"))
        let silent = try box.run(["plugins", "add", "--timeout", "1", "--", "python3", "trouble.py", "noflush"])
        #expect(silent.status != 0)
        #expect(silent.stderr.contains("flush"))
        let missing = try box.run(["plugins", "add", "./no-such-plugin"])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("./no-such-plugin: no such file"), "\(missing.stderr)")
        // A script without its execute bit: say so, and how to run it through its interpreter.
        try box.write("script.py", "print('hello')\n")
        let notExecutable = try box.run(["plugins", "add", "./script.py"])
        #expect(notExecutable.status != 0)
        #expect(notExecutable.stderr.contains("is not executable"), "\(notExecutable.stderr)")
        #expect(notExecutable.stderr.contains("chmod +x"))
    }

    @Test func pythonDatesExample() throws {
        let box = try sandbox(documents: ["d": "وقع الاتفاق في 05/03/2024 وأعلن في 2024-03-07."])
        let script = LibraryExampleTests.root.appendingPathComponent("Examples/plugins/python-dates/dates.py").path
        #expect(try box.run(["plugins", "add", "--", "python3", script]).status == 0)
        #expect(try box.run(["annotate", "--extractors", "python-dates", "-"], stdin: "{\"id\": \"d\", \"text\": \"وقع الاتفاق في 05/03/2024 وأعلن في 2024-03-07.\"}").status == 0)
        let dates = try GlossSandbox.jsonLines(try box.run(["query", "--label", "DATE", "--format", "jsonl"]).stdout)
        #expect(dates.map { $0["value"] as? String } == ["2024-03-05", "2024-03-07"])
        #expect(dates.map { $0["text"] as? String } == ["05/03/2024", "2024-03-07"])
    }

    @Test func swiftHelloExample() throws {
        let package = LibraryExampleTests.root.appendingPathComponent("Examples/plugins/swift-hello")
        let build = Process()
        build.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        build.arguments = ["swift", "build", "--package-path", package.path]
        build.standardOutput = FileHandle.nullDevice
        try build.run()
        build.waitUntilExit()
        #expect(build.terminationStatus == 0, "the example package builds")
        let binary = package.appendingPathComponent(".build/debug/SwiftHello").path
        let box = try sandbox(documents: ["t": "Write to desk@example.org about #gloss and #بغداد today"])
        #expect(try box.run(["plugins", "add", binary]).status == 0)
        #expect(try box.run(["annotate", "--extractors", "swift-hello", "-"], stdin: "{\"id\": \"t\", \"text\": \"Write to desk@example.org about #gloss and #بغداد today\"}").status == 0)
        let spans = try GlossSandbox.jsonLines(try box.run(["query", "--format", "jsonl"]).stdout)
        #expect(spans.map { $0["text"] as? String } == ["desk@example.org", "#gloss", "#بغداد"])
        #expect(spans.map { $0["label"] as? String } == ["EMAIL", "HASHTAG", "HASHTAG"])
    }
}

@Suite("Rules files and pipelines", .serialized)
struct RulesCLITests {
    static let rules = """
        id: troops
        patterns:
          - label: TROOPS
            value_from: span
            tokens:
              - {label: NUMBER, capture: true}
              - {norm: [جندي, جنود, عسكري, soldiers, troops]}
        phrases:
          - label: UNIT
            list: [الفرقة الذهبية, Golden Division]
        """

    @Test func rulesRunAfterTheExtractorsTheyNeed() throws {
        let box = try GlossSandbox()
        try box.write("r.yaml", Self.rules)
        try box.write("a.txt", "وصل 300 جندي من الفرقة الذهبية، ثم 45 آخرون.")
        let run = try box.run(["annotate", "--extractors", "numbers", "--rules", "r.yaml", "a.txt"])
        #expect(run.status == 0, "\(run.stderr)")
        let troops = try GlossSandbox.jsonLines(try box.run(["query", "--label", "TROOPS", "--format", "jsonl"]).stdout)
        #expect(troops.map { $0["text"] as? String } == ["300"])
        #expect(troops.first?["value"] as? Int == 300)
        #expect((troops.first?["source"] as? String)?.hasPrefix("troops@rules-") == true)
        #expect(try box.run(["query", "--label", "UNIT"]).stdout.contains("الفرقة الذهبية"))
        // Unchanged rules and text: skipped. Edited rules: re-run, old spans replaced.
        #expect(try box.run(["annotate", "--extractors", "numbers", "--rules", "r.yaml", "a.txt"]).stderr.contains("2 extractor runs skipped"))
        try box.write("r.yaml", Self.rules.replacingOccurrences(of: "Golden Division", with: "Golden Division, 45"))
        #expect(try box.run(["annotate", "--extractors", "numbers", "--rules", "r.yaml", "a.txt"]).status == 0)
        let sources = Set(try GlossSandbox.jsonLines(try box.run(["query", "--label", "TROOPS", "--format", "jsonl"]).stdout).compactMap { $0["source"] as? String })
        #expect(sources.count == 1, "the old version's spans were replaced")
    }

    @Test func missingDependencyAndCycleFailBeforeWriting() throws {
        let box = try GlossSandbox()
        try box.write("r.yaml", Self.rules)
        try box.write("a.txt", "وصل 300 جندي")
        let missing = try box.run(["annotate", "--extractors", "people", "--rules", "r.yaml", "a.txt"])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("needs NUMBER spans"))
        try box.write("x.yaml", "patterns:\n  - label: X\n    tokens: [{label: Y}]\n")
        try box.write("y.yaml", "patterns:\n  - label: Y\n    tokens: [{label: X}]\n")
        let cycle = try box.run(["annotate", "--extractors", "none", "--rules", "x.yaml", "--rules", "y.yaml", "a.txt"])
        #expect(cycle.status != 0)
        #expect(cycle.stderr.contains("cycle"))
        #expect(try box.run(["docs"]).stdout.contains("no documents") || (try box.run(["docs"]).status != 0), "nothing was written")
        let bad = try box.run(["annotate", "--rules", "nope.yaml", "a.txt"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("rules file nope.yaml"))
    }

    @Test func runawayRegularExpressionsAreStopped() throws {
        let box = try GlossSandbox()
        #expect(try box.run(["annotate", "--extractors", "none", "-"], stdin: "{\"id\": \"d\", \"text\": \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab end\"}").status == 0)
        try box.write("g.jsonl", "{\"doc\": \"d\", \"start\": 0, \"end\": 40, \"label\": \"RUN\"}\n")
        #expect(try box.run(["import", "--source", "gold", "g.jsonl"]).status == 0)
        let started = Date()
        let run = try box.run(["query", "--text", "^(a+)+$"], environment: ["GLOSS_REGEX_SECONDS": "1"])
        #expect(run.status == 3)
        #expect(run.stderr.contains("(a+)+$"))
        #expect(run.stderr.contains("was stopped"))
        #expect(Date().timeIntervalSince(started) < 20)
    }
}

/// The README's "Writing an extractor" examples, run exactly as they are printed there.
@Suite("README extractor examples", .serialized)
struct ReadmeExtractorExamples {
    static func block(after marker: String, language: String) throws -> String {
        let readme = try String(contentsOf: LibraryExampleTests.root.appendingPathComponent("README.md"), encoding: .utf8)
        guard let anchor = readme.range(of: marker),
              let open = readme.range(of: "```\(language)\n", range: anchor.upperBound..<readme.endIndex),
              let close = readme.range(of: "\n```", range: open.upperBound..<readme.endIndex) else {
            throw CocoaError(.fileReadCorruptFile)
        }
        return String(readme[open.upperBound..<close.lowerBound]) + "\n"
    }

    @Test func pythonPluginFromTheReadme() throws {
        let box = try GlossSandbox()
        try box.write("shout.py", try Self.block(after: "**2. A program in any language**", language: "python"))
        try box.write("a.txt", "The UN and NATO met in Baghdad.")
        #expect(try box.run(["annotate", "--extractors", "none", "a.txt"]).status == 0)
        let add = try box.run(["plugins", "add", "--", "python3", "shout.py"])
        #expect(add.status == 0, "\(add.stderr)")
        #expect(try box.run(["annotate", "--extractors", "shout", "a.txt"]).status == 0)
        #expect(try GlossSandbox.jsonLines(try box.run(["query", "--format", "jsonl"]).stdout).compactMap { $0["text"] as? String } == ["NATO"])
    }

    @Test func rulesFileFromTheReadme() throws {
        let box = try GlossSandbox()
        try box.write("troops.yaml", try Self.block(after: "**1. A rules file**", language: "yaml"))
        try box.write("a.txt", "وصل 300 جندي من الفرقة الذهبية.")
        let run = try box.run(["annotate", "--extractors", "numbers", "--rules", "troops.yaml", "a.txt"])
        #expect(run.status == 0, "\(run.stderr)")
        let labels = try GlossSandbox.jsonLines(try box.run(["query", "--format", "jsonl"]).stdout).compactMap { $0["label"] as? String }
        #expect(labels.contains("TROOPS"))
        #expect(labels.contains("UNIT"))
    }
}
