import ArgumentParser
import Foundation
import GlossKit
import GlossStore

extension Gloss {
    /// `gloss show`: a document with its spans highlighted.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Print a document with its spans highlighted, or write it as an HTML page.",
            discussion: """
                On a terminal, spans are coloured (the innermost span's label decides the colour) \
                and a legend follows. When the output is not a terminal, or NO_COLOR is set, spans \
                are marked inline as [text]LABEL instead, nested spans inside the span holding them.

                --html writes one self-contained page (no scripts, no downloads): the text with \
                coloured, labelled spans, nested spans visible, right-to-left paragraphs for Arabic, \
                and a tooltip on each span with its value, source and attributes:
                  gloss show news/1.txt --html > news-1.html
                """)

        @OptionGroup var storeOptions: StoreOptions

        @Argument(help: ArgumentHelp("The document's name (see `gloss docs`).", valueName: "document"),
                  transform: InputDocuments.storedName)
        var document: String

        @Option(name: .long, help: ArgumentHelp("Comma-separated labels to show (default: all).", valueName: "labels"))
        var labels: String?

        @Option(name: .long, help: ArgumentHelp("A label to show (repeatable, as in query; with --labels, both count).", valueName: "label"))
        var label: [String] = []

        @Option(name: .long, help: ArgumentHelp(
            "Only spans from this source: an extractor (numbers), numbers@1.0.0, or an import name (repeatable).", valueName: "source"))
        var source: [String] = []

        @Flag(name: .long, help: "Write a self-contained HTML page to standard output.")
        var html = false

        func run() throws {
            let store = try storeOptions.open(create: false)
            let text = try store.text(ofDocument: document)
            let chosen = (labels.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } } ?? [])
                + label
            let spans = try store.spans(SpanQuery(labels: chosen, sources: source, documents: [Glob.escape(document)]))
            var output = OutputBuffer()
            if html {
                output.write(HTMLPage.render(document: document, text: text, spans: spans))
            } else if Terminal.stdoutIsTTY && !Terminal.noColor {
                output.write(TerminalHighlighter.render(text: text, spans: spans))
            } else {
                output.write(TerminalHighlighter.plain(text: text, spans: spans))
            }
            output.flush()
        }
    }
}

/// Escaping document names that contain glob characters so they are matched literally.
enum Glob {
    static func escape(_ name: String) -> String {
        guard name.contains(where: { "*?[".contains($0) }) else { return name }
        var out = ""
        for c in name {
            if "*?[".contains(c) { out += "[\(c)]" } else { out.append(c) }
        }
        return out
    }
}
