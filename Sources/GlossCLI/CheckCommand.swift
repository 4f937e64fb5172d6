import ArgumentParser
import GlossStore

extension Gloss {
    /// `gloss check`: verify a store.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Verify that a store is sound; exits non-zero and lists problems when it is not.",
            discussion: """
                Checks, in one consistent snapshot (it can run while another process writes): every \
                index entry matches a span and every span has its index entries; spans lie within \
                their documents; stored texts match their hashes and lengths; document names, span \
                counters, extraction states and id sequences agree.
                """)

        @OptionGroup var storeOptions: StoreOptions

        @Option(name: .long, help: ArgumentHelp("Report at most this many problems.", valueName: "n"))
        var limit = 100

        func run() throws {
            let store = try storeOptions.open(create: false)
            let report = try store.check(limit: limit)
            var output = OutputBuffer()
            for problem in report.problems { output.line("problem: \(problem)") }
            output.line("\(report.isSound ? "ok" : "NOT OK"): \(report.documents) documents, \(report.spans) spans, \(report.indexEntries) index entries checked in \(store.path)")
            output.flush()
            if !report.isSound { throw ExitCode.failure }
        }
    }

    /// `gloss backup`: a consistent compacted copy.
    struct Backup: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "backup",
            abstract: "Copy the store, compacted, into a new directory while others keep reading and writing.",
            discussion: "The copy is the snapshot of one read transaction: complete and consistent. Open it with --store DEST.")

        @OptionGroup var storeOptions: StoreOptions

        @Argument(help: ArgumentHelp("A new (or empty) directory for the copy.", valueName: "dest"))
        var destination: String

        func run() throws {
            let store = try storeOptions.open(create: false)
            try store.backup(to: destination)
            Terminal.warn("backed up \(store.path) to \(destination)")
        }
    }
}

/// `--wait`, shared by the commands that write.
struct WriterOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "If another gloss process is writing to the store, wait up to this many seconds for it (0: fail at once).",
        valueName: "seconds"))
    var wait: Double = 0

    func validate() throws {
        if !(wait >= 0 && wait.isFinite) { throw ValidationError("--wait must be a number of seconds, 0 or more") }
    }
}
