import Foundation
import Testing

@Suite("gloss check, backup and bad stores", .serialized)
struct ReliabilityCLITests {
    @Test func checkAndBackup() throws {
        let box = try GlossSandbox()
        try box.write("a.txt", "وصل 300 جندي إلى بغداد")
        #expect(try box.run(["annotate", "a.txt"]).status == 0)
        let check = try box.run(["check"])
        #expect(check.status == 0)
        #expect(check.stdout.contains("ok: 1 documents"))
        let backup = try box.run(["backup", "copy"])
        #expect(backup.status == 0, "\(backup.stderr)")
        #expect(try box.run(["check", "--store", "copy"]).status == 0)
        #expect(try box.run(["query", "--store", "copy", "--format", "jsonl"]).stdout == box.run(["query", "--format", "jsonl"]).stdout)
        let again = try box.run(["backup", "copy"])
        #expect(again.status != 0)
        #expect(again.stderr.contains("new or empty directory"))
    }

    /// The value log's merge figures can be set from the environment; a bad one is refused
    /// before anything is written, naming the variable.
    @Test(arguments: ["0", "-5", "lots", ""])
    func badValueLogMergeSettingsAreRefused(_ value: String) throws {
        let box = try GlossSandbox()
        try box.write("a.txt", "وصل الوفد إلى بغداد يوم 3 مارس 2024 ومعه 40 جنديا.")
        for name in ["GLOSS_VALUE_LOG_MERGE_THRESHOLD", "GLOSS_VALUE_LOG_MERGE_STEP"] {
            let run = try box.run(["annotate", "--store", "s", "a.txt"], environment: [name: value])
            #expect(run.status != 0)
            #expect(run.stderr.contains("\(name) must be a whole number above zero"), "\(run.stderr)")
            #expect(!FileManager.default.fileExists(atPath: box.directory.appendingPathComponent("s").path), "nothing written")
        }
        if value != "0" {
            let run = try box.run(["annotate", "--store", "s", "a.txt"], environment: ["GLOSS_VALUE_LOG_DIRECT_BELOW": value])
            #expect(run.status != 0)
            #expect(run.stderr.contains("GLOSS_VALUE_LOG_DIRECT_BELOW must be a whole number of at least 0"), "\(run.stderr)")
        }
        let merging = try box.run(["annotate", "--store", "s", "a.txt"],
                                  environment: ["GLOSS_VALUE_LOG_MERGE_THRESHOLD": "1", "GLOSS_VALUE_LOG_MERGE_STEP": "1",
                                                "GLOSS_VALUE_LOG_DIRECT_BELOW": "0"])
        #expect(merging.status == 0, "\(merging.stderr)")
        #expect(try box.run(["check", "--store", "s"]).status == 0)
    }

    @Test func truncatedAndGarbageStoresAreErrorsNotCrashes() throws {
        let box = try GlossSandbox()
        try box.write("a.txt", "Paris 12 and 13 and Baghdad 14. " + String(repeating: "More text 99. ", count: 3000))
        #expect(try box.run(["annotate", "a.txt"]).status == 0)
        let data = box.directory.appendingPathComponent("gloss.lmdb/data.mdb")
        let handle = try FileHandle(forWritingTo: data)
        try handle.truncate(atOffset: 12_288)
        try handle.close()
        let truncated = try box.run(["query"])
        #expect(truncated.status == 1)
        #expect(truncated.stderr.contains("truncated"))

        try box.write("garbage/data.mdb", Data((0..<16_384).map { UInt8(truncatingIfNeeded: $0 &* 31) }))
        let garbage = try box.run(["query", "--store", "garbage"])
        #expect(garbage.status == 1)
        #expect(garbage.stderr.contains("not an LMDB file"))
    }

    @Test func aSecondWriterFailsClearlyOrWaits() throws {
        let box = try GlossSandbox()
        try box.write("a.txt", "Paris 12")
        #expect(try box.run(["annotate", "a.txt"]).status == 0)
        // Hold the writer lock from this process, as a running `gloss annotate` would.
        let lockPath = box.directory.appendingPathComponent("gloss.lmdb/writer.lock").path
        let fd = open(lockPath, O_RDWR | O_CREAT, 0o644)
        #expect(flock(fd, LOCK_EX) == 0)
        let busy = try box.run(["annotate", "a.txt"])
        #expect(busy.status != 0)
        #expect(busy.stderr.contains("another gloss process"))
        #expect(busy.stderr.contains("pass --wait SECONDS"))
        let tooShort = try box.run(["annotate", "--wait", "0.2", "a.txt"])
        #expect(tooShort.status != 0)
        #expect(tooShort.stderr.contains("gave up after waiting") && tooShort.stderr.contains("a longer --wait"), "\(tooShort.stderr)")
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.5) { flock(fd, LOCK_UN); close(fd) }
        let waited = try box.run(["annotate", "--wait", "10", "a.txt"])
        #expect(waited.status == 0, "\(waited.stderr)")
    }
}
