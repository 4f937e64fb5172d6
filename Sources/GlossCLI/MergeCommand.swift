import ArgumentParser
import GlossStore

extension Gloss {
    /// `gloss merge`: shard stores back into one.
    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "merge",
            abstract: "Merge shard stores into one: documents, spans, runs and plugin registrations.",
            discussion: """
                DEST is created when missing or an empty directory (a file, or a directory of \
                other files, is refused before anything is merged). A document present in several stores with the same \
                text is kept once and its spans are combined (for one extractor, the later store's \
                spans replace the earlier's). The same name with a different text is an error naming \
                the document, unless --prefer first (keep the earlier text) or --prefer last (take the \
                later one).

                The merge is built beside DEST (in .DEST.merging-PID) and swapped into place at \
                once: DEST is either fully merged or untouched, even if gloss is killed half-way. \
                Interrupted (Ctrl-C, SIGTERM), gloss removes the unfinished copy; one left by a \
                gloss killed with SIGKILL is removed by the next merge into DEST.

                Example (after annotating shards in parallel):
                  gloss merge corpus.gloss shard-1.gloss shard-2.gloss shard-3.gloss
                """)

        @Argument(help: ArgumentHelp("The store to merge into.", valueName: "dest"))
        var destination: String

        @Argument(help: ArgumentHelp("The stores to merge from.", valueName: "source"))
        var sources: [String]

        @Option(name: .long, help: ArgumentHelp("When a document's text differs: error (default), first or last.", valueName: "which"))
        var prefer: MergePreference = .error

        @OptionGroup var writerOptions: WriterOptions

        func validate() throws {
            if sources.isEmpty { throw ValidationError("give at least one store to merge from") }
        }

        func run() throws {
            let summary = try GlossStore.merge(into: destination, from: sources, prefer: prefer, lockWait: writerOptions.wait)
            let conflicts = summary.conflicts == 0 ? "" : ", \(counted(summary.conflicts, "document")) with a different text (the \(prefer.rawValue) kept)"
            Terminal.warn("merged \(counted(sources.count, "store")) into \(destination): \(counted(summary.added, "document")) added, "
                          + "\(summary.same) already there\(conflicts); \(counted(summary.spans, "span")), "
                          + "\(counted(summary.runs, "run")), \(counted(summary.plugins, "plugin registration"))")
        }
    }
}

extension MergePreference: ExpressibleByArgument {}
