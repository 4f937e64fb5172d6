import ArgumentParser
import GlossStore

extension Gloss {
    /// `gloss docs`: list documents.
    struct Docs: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "docs",
            abstract: "List the documents in the store with their sizes and span counts.")

        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let store = try storeOptions.open(create: false)
            // Names in full: a reader (or a pipe) needs them to ask for the document.
            var table = Table(columns: ["document", "code points", "bytes", "spans"], rightAligned: [1, 2, 3], untruncated: [0])
            for document in try store.documents() {
                table.add([document.name, String(document.length), String(document.bytes), String(document.spans)])
            }
            var output = OutputBuffer()
            table.render(into: &output, empty: "the store has no documents")
            output.flush()
        }
    }

    /// `gloss stats`: counts and sizes.
    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "stats",
            abstract: "Show counts of documents and spans (per label and source) and the store's size.")

        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let store = try storeOptions.open(create: false)
            let stats = try store.statistics()
            var output = OutputBuffer()
            output.line("store:      \(store.path) (schema \(stats.schemaVersion))")
            output.line("documents:  \(stats.documents) (\(stats.textBytes) bytes of text)")
            output.line("spans:      \(stats.spans)")
            output.line(String(format: "size:       %.1f MB on disk, %.1f MB in use", Double(stats.fileBytes) / 1e6, Double(stats.usedBytes) / 1e6))
            output.line("")
            var labels = Table(columns: ["label", "spans"], rightAligned: [1])
            for (name, count) in stats.labels { labels.add([name, String(count)]) }
            labels.render(into: &output, empty: "no spans yet")
            output.line("")
            var sources = Table(columns: ["source", "spans"], rightAligned: [1])
            for (name, count) in stats.sources { sources.add([name, String(count)]) }
            sources.render(into: &output, empty: "no sources yet")
            output.flush()
        }
    }
}
