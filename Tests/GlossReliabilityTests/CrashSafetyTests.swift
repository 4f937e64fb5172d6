import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `gloss annotate` killed with SIGKILL at random moments: after each kill the store opens,
/// `gloss check` passes, exactly the batches committed before the kill are there (each listed
/// document with all its spans), and re-running `annotate` completes the work with no
/// duplicate spans.
///
/// Kills are chained: the run after a kill resumes the same store (and may be killed in turn);
/// a run that finishes must leave the store equal to the uninterrupted reference, after which
/// a fresh store starts the next chain. The schedule's seed is printed; replay one with
/// `GLOSS_CRASH_SEED=N`. `scripts/crash-soak` runs this test with more trials and documents.
@Suite("SIGKILL during annotate", .serialized)
struct CrashSafetyTests {
    /// The value log merged between batches from 300 entries on, 100 entries a transaction (the
    /// defaults, 2M and 64k, are never reached by this corpus): kills land in merges too.
    static let mergingOften = ["GLOSS_VALUE_LOG_MERGE_THRESHOLD": "300", "GLOSS_VALUE_LOG_MERGE_STEP": "100",
                               "GLOSS_VALUE_LOG_DIRECT_BELOW": "0"]

    @Test func annotateSurvivesRandomKills() throws {
        let reference = try Reference.standard.get()
        let box = try Sandbox("gloss-crash")
        try reference.corpus.write(into: box)
        let total = reference.corpus.documents.count
        var rng = SplitMix(seed: Settings.killSeed)
        let clock = Date()
        print("crash test: seed \(Settings.killSeed) (replay with GLOSS_CRASH_SEED=\(Settings.killSeed)); \(total) documents, "
              + "batches of \(reference.batch), reference run \(String(format: "%.2f", reference.annotateSeconds)) s, "
              + "start-up \(String(format: "%.2f", reference.startupSeconds)) s")

        var kills = 0
        var finishedEarly = 0
        var chain = 0
        var killsInChain = 0
        var store = "store-0"
        var committed = 0
        var killedAt: [Int] = []  // documents committed at each kill, for the summary
        var attempts = 0
        let startup = reference.startupSeconds
        // Seconds of work for the whole corpus after start-up; re-estimated from runs that finish.
        var work = max(0.2, reference.annotateSeconds - startup)

        /// Checks that the chain's store is complete, then starts the next chain on a new store.
        func finishChain() throws {
            try verifyComplete(store: store, box: box, reference: reference, what: "chain \(chain) after \(killsInChain) kills")
            try? FileManager.default.removeItem(atPath: box.path(store))
            chain += 1
            store = "store-\(chain)"
            committed = 0
            killsInChain = 0
        }

        func startNewChain() throws {
            let run = try box.run(["annotate", "--store", store, "--batch", String(reference.batch), Corpus.folder],
                                  environment: Self.mergingOften)
            try #require(run.status == 0, "the re-run after \(killsInChain) kills failed: \(run.stderr)")
            try finishChain()
        }

        while kills < Settings.trials, attempts < Settings.trials * 4 {
            attempts += 1
            // A moment within this run: now and then during start-up (opening or creating the
            // store), mostly while it extracts and commits (a resumed run has less to do).
            let remaining = Double(total - committed) / Double(total)
            let delay = Double.random(in: 0..<1, using: &rng) < 0.2
                ? Double.random(in: 0...startup, using: &rng)
                : Double.random(in: (startup * 0.8)...(startup + work * remaining), using: &rng)
            let started = Date()
            let child = try box.start(["annotate", "--store", store, "--batch", String(reference.batch), Corpus.folder],
                                      environment: Self.mergingOften)
            let deadline = started.addingTimeInterval(delay)
            while Date() < deadline, child.poll() == nil { usleep(1_000) }
            let ran = Date().timeIntervalSince(started)
            child.signal(SIGKILL)
            let end = try child.wait()
            if end.signal == SIGKILL {
                kills += 1
                killsInChain += 1
                committed = try verifyAfterKill(store: store, box: box, reference: reference, trial: kills)
                killedAt.append(committed)
                if killsInChain == Self.killsPerChain { try startNewChain() }
            } else {
                try #require(end.exitCode == 0, "annotate (chain \(chain)) ended with \(end): \(child.stderr)")
                finishedEarly += 1
                work = 0.5 * work + 0.5 * max(0.05, (ran - startup) / max(remaining, 0.05))
                try finishChain()
            }
        }
        #expect(kills >= Settings.trials, "only \(kills) of \(attempts) runs were killed before finishing")
        // The last chain: the re-run completes the work, with no duplicate spans.
        if killsInChain > 0 { try startNewChain() }
        print("crash test: \(kills) kills in \(chain) chains (\(finishedEarly) runs finished before their kill) in "
              + "\(String(format: "%.1f", Date().timeIntervalSince(clock))) s; documents committed at each kill: \(killedAt)")
    }

    /// Kills before a chain's store is completed by an uninterrupted re-run.
    static let killsPerChain = 6

    /// Checks a store after a kill and returns how many documents it holds.
    private func verifyAfterKill(store: String, box: Sandbox, reference: Reference, trial: Int) throws -> Int {
        guard box.exists("\(store)/data.mdb") else { return 0 }  // killed before the store was created
        let check = try box.run(["check", "--store", store])
        try #require(check.status == 0, "trial \(trial): gloss check failed after SIGKILL:\n\(check.stdout)\(check.stderr)")
        let view = try StoreView.read(store, in: box)
        let names = view.documents.map(\.name)
        let count = names.count
        let expectedNames = reference.corpus.documents.prefix(count).map(\.name)
        let prefix = names == Array(expectedNames)
        try #require(prefix, "trial \(trial): the documents are not the first \(count) of the corpus")
        try #require(count % reference.batch == 0 || count == reference.corpus.documents.count,
                     "trial \(trial): \(count) documents is not a whole number of batches of \(reference.batch)")
        for (index, doc) in view.documents.enumerated() {
            let expected = reference.view.documents[index]
            try #require(doc.spans == expected.spans,
                         "trial \(trial): \(doc.name) lists \(doc.spans) spans, the reference \(expected.spans)")
            let same = (view.spans[doc.name] ?? []) == (reference.view.spans[doc.name] ?? [])
            try #require(same, "trial \(trial): the spans of \(doc.name) differ from the reference")
        }
        let strays = Set(view.spans.keys).subtracting(names)
        try #require(strays.isEmpty, "trial \(trial): spans of documents not listed: \(strays.sorted())")
        return count
    }

    /// Checks that a finished store equals the reference (span ids aside) with no duplicates.
    private func verifyComplete(store: String, box: Sandbox, reference: Reference, what: String) throws {
        let check = try box.run(["check", "--store", store])
        try #require(check.status == 0, "\(what): gloss check failed:\n\(check.stdout)")
        let view = try StoreView.read(store, in: box)
        let all = view.allSpans
        #expect(Set(all).count == all.count, "\(what): duplicate spans")
        let difference = view.difference(from: reference.view)
        try #require(difference == nil, "\(what): the store differs from the uninterrupted reference")
    }
}
