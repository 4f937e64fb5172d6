import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `gloss import` of small files, each killed with SIGKILL at a random moment. Each import is
/// one small transaction: its value entries go to the value log as a run, and the import that
/// appends the 16th run merges the log into the value index in the same transaction. After
/// every kill the store passes `gloss check`, the killed import's spans are all there or none
/// are, and the imports committed before it are intact; value queries and counts by value answer
/// for every span, whether its entry waits in the log or was merged.
///
/// The kill schedule's seed is printed; replay one with `GLOSS_CRASH_SEED=N`.
@Suite("SIGKILL during small imports", .serialized)
struct SmallTransactionCrashTests {
    /// Imports of `spansPerImport` spans each: more than 16, so that kills land in merges too.
    static let imports = 20
    static let spansPerImport = 50
    /// Spans of the first, large import: a value index past the size (4,096 entries) from
    /// which small transactions use the log.
    static let seedSpans = 5_000

    /// One AMOUNT span a line on `doc.txt`, values `base`, `base + 1`, ….
    private static func spans(count: Int, base: Int) -> String {
        (0..<count).map { j in
            "{\"doc\":\"doc.txt\",\"start\":\(j),\"end\":\(j + 1),\"label\":\"AMOUNT\",\"value\":\(base + j)}"
        }.joined(separator: "\n") + "\n"
    }

    private static func base(_ k: Int) -> Int { 100_000 + k * 1_000 }

    @Test func importsSurviveRandomKills() throws {
        let box = try Sandbox("gloss-small-crash")
        try box.write("doc.txt", String(repeating: "ab ", count: Self.seedSpans))
        let added = try box.run(["annotate", "--store", "store", "doc.txt"])
        try #require(added.status == 0, "annotate failed: \(added.stderr)")
        try box.write("seed.jsonl", Self.spans(count: Self.seedSpans, base: 0))
        let seeded = try box.run(["import", "--store", "store", "--source", "seed", "seed.jsonl"])
        try #require(seeded.status == 0, "the seed import failed: \(seeded.stderr)")
        // A kill lands anywhere from the start to a little after a small import's usual end,
        // timed on one (whose spans have values of their own, 50,000 on: the first run).
        try box.write("timed.jsonl", Self.spans(count: Self.spansPerImport, base: 50_000))
        let started = Date()
        let timed = try box.run(["import", "--store", "store", "--source", "timed", "timed.jsonl"])
        try #require(timed.status == 0, "the timed import failed: \(timed.stderr)")
        let window = max(0.02, Date().timeIntervalSince(started) * 1.2)
        for k in 0..<Self.imports {
            try box.write("\(k).jsonl", Self.spans(count: Self.spansPerImport, base: Self.base(k)))
        }

        var rng = SplitMix(seed: Settings.killSeed)
        print("small-import crash test: seed \(Settings.killSeed) (replay with GLOSS_CRASH_SEED=\(Settings.killSeed)); "
              + "kills within \(String(format: "%.3f", window)) s")
        var killedBeforeCommit = 0
        for k in 0..<Self.imports {
            let child = try box.start(["import", "--store", "store", "--source", "s\(k)", "\(k).jsonl"])
            usleep(UInt32(Double.random(in: 0...window, using: &rng) * 1e6))
            child.signal(SIGKILL)
            _ = try child.wait()

            let check = try box.run(["check", "--store", "store"])
            try #require(check.status == 0, "import \(k): gloss check failed after SIGKILL:\n\(check.stdout)\(check.stderr)")
            let present = try count(box, ["--label", "AMOUNT", "--min", String(Self.base(k)), "--max", String(Self.base(k) + Self.spansPerImport - 1)])
            try #require(present == 0 || present == Self.spansPerImport, "import \(k): \(present) of its spans after SIGKILL")
            if present == 0 {
                killedBeforeCommit += 1
                let again = try box.run(["import", "--store", "store", "--source", "s\(k)", "\(k).jsonl"])
                try #require(again.status == 0, "import \(k) again: \(again.stderr)")
            }
            // Every import so far, found through the value index and the log.
            let valued = try count(box, ["--label", "AMOUNT", "--min", String(Self.base(0)), "--max", String(Self.base(k + 1))])
            try #require(valued == (k + 1) * Self.spansPerImport, "after import \(k): \(valued) spans in the imports' value range")
            let one = try count(box, ["--label", "AMOUNT", "--value", String(Self.base(k) + 7)])
            try #require(one == 1, "after import \(k): \(one) spans of value \(Self.base(k) + 7)")
        }
        print("small-import crash test: \(killedBeforeCommit) of \(Self.imports) imports killed before their commit")

        let check = try box.run(["check", "--store", "store"])
        #expect(check.status == 0, "gloss check failed:\n\(check.stdout)")
        // Counted by value: the seed's values 0..<5000 and the imports' values, one span each.
        let byValue = try box.run(["query", "--store", "store", "--label", "AMOUNT", "--count", "--by", "value", "--format", "tsv"])
        try #require(byValue.status == 0, "count by value failed: \(byValue.stderr)")
        let all = Self.seedSpans + (Self.imports + 1) * Self.spansPerImport
        let groups = byValue.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: "\t") }
        #expect(groups.count == all)
        #expect(groups.allSatisfy { $0.count == 2 && $0[1] == "1" })
        #expect(try count(box, ["--label", "AMOUNT"]) == all)
    }

    /// `gloss query --count` with `filters`.
    private func count(_ box: Sandbox, _ filters: [String]) throws -> Int {
        let result = try box.run(["query", "--store", "store", "--count", "--format", "tsv"] + filters)
        guard result.status == 0 else { throw ChildError(description: "gloss query --count \(filters) failed: \(result.stderr)") }
        // A header line, then `all<TAB>count`.
        guard let line = result.stdout.split(separator: "\n").last, line.hasPrefix("all\t"), let n = Int(line.dropFirst(4)) else {
            throw ChildError(description: "gloss query --count \(filters) printed \(result.stdout.debugDescription)")
        }
        return n
    }
}
