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

extension Gloss {
    /// The message for a command line whose command is not one of gloss's — `gloss anotate`,
    /// `gloss help qurey`, `gloss help plugins ad` — naming the commands there are; nil when the
    /// command line names no unknown one. (ArgumentParser would say "Unexpected argument", or
    /// print the main help with a success status.)
    public static func unknownCommand(in arguments: [String]) -> String? {
        var names = arguments.drop { $0 == "help" }.prefix { !$0.hasPrefix("-") }[...]
        if arguments.first != "help" {
            // Only the command itself: the words after it are its arguments (or a subcommand,
            // which that command's own parsing checks).
            guard let first = arguments.first, !first.hasPrefix("-") else { return nil }
            names = [first]
        }
        var subcommands = Gloss.configuration.subcommands
        var path = "gloss"
        for name in names {
            if subcommands.isEmpty { return nil }
            guard let next = subcommands.first(where: { $0._commandName == name }) else {
                let known = subcommands.map { $0._commandName }.joined(separator: ", ")
                let under = path == "gloss" ? "" : " of `\(path)`"
                return "unknown command \(name.debugDescription)\(under); the commands are: \(known) (`gloss help COMMAND` tells more)"
            }
            subcommands = next.configuration.subcommands
            path += " " + name
        }
        return nil
    }
}
