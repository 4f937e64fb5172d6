import ArgumentParser

/// The `gloss` command: an embedded store of annotated text spans.
public struct Gloss: ParsableCommand {
    /// The version printed by `gloss --version`.
    public static let version = "0.1.0"

    public init() {}

    public static let configuration = CommandConfiguration(
        commandName: "gloss",
        abstract: "Annotate documents with people, places and numbers, and query the spans.",
        discussion: """
            Gloss keeps documents and their annotations (spans of text with a label, a normalized \
            value and attributes) in one local store, a directory holding an LMDB database. \
            `gloss annotate` adds documents and runs extractors on them; `gloss query` reads the \
            spans back.

            The store is the directory given by --store, else by the GLOSS_STORE environment \
            variable, else ./gloss.lmdb. Offsets are Unicode code points, end exclusive.

            Examples:
              gloss annotate Examples/
              gloss query --label PERSON
              gloss query --label NUMBER --min 1000 --format jsonl
              gloss docs
            """,
        version: version,
        subcommands: [Annotate.self, Query.self, Show.self, Docs.self, Stats.self, Export.self, Import.self, Eval.self, Check.self, Backup.self, Plugins.self, Merge.self]
    )
}
