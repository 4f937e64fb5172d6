import ArgumentParser
import GlossKit
import GlossStore

extension Gloss {
    /// `gloss query`: read spans back.
    struct Query: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the spans that match every filter given.",
            discussion: """
                Results come in document order, then by start ascending and end descending. \
                With no filter, every span is printed.

                JSON lines (--format jsonl) carry one span a line:
                  {"doc":"news/1.txt","id":42,"start":10,"end":15,"text":"بغداد","label":"PLACE",
                   "value":"Baghdad","attrs":{"kind":"city"},"source":"places@1.0.0","confidence":1}
                Offsets are Unicode code points, end exclusive.

                Examples:
                  gloss query --label PERSON
                  gloss query --label NUMBER --min 1000 --max 50000
                  gloss query --doc 'news/*.txt' --label PLACE --value Baghdad --format jsonl
                """)

        @OptionGroup var storeOptions: StoreOptions

        @Option(name: .long, help: ArgumentHelp("Only spans with this label (repeat for several).", valueName: "label"))
        var label: [String] = []

        @Option(name: .long, help: ArgumentHelp("Only spans in this document: a name or a glob such as 'news/*' (repeatable).", valueName: "name"))
        var doc: [String] = []

        @Option(name: .long, help: ArgumentHelp("Only spans from this source: an extractor (`numbers`) or `numbers@1.0.0` (repeatable).", valueName: "source"))
        var source: [String] = []

        @Option(name: .long, help: ArgumentHelp("Only spans whose normalized value is exactly this (`2500`, `Baghdad`, `2024-03-03`).", valueName: "value"))
        var value: String?

        @Option(name: .long, help: ArgumentHelp("Only spans with a numeric value of at least this.", valueName: "number"))
        var min: Double?

        @Option(name: .long, help: ArgumentHelp("Only spans with a numeric value of at most this.", valueName: "number"))
        var max: Double?

        @Option(name: .long, help: ArgumentHelp("Print at most this many spans.", valueName: "n"))
        var limit: Int?

        @Option(name: .long, help: ArgumentHelp("Skip this many spans first.", valueName: "n"))
        var offset: Int = 0

        @Option(name: .long, help: ArgumentHelp("Output format: table (aligned, for people) or jsonl (one JSON object a line).", valueName: "format"))
        var format: OutputFormat = .table

        func validate() throws {
            if let limit, limit < 0 { throw ValidationError("--limit must not be negative") }
            if offset < 0 { throw ValidationError("--offset must not be negative") }
            if let min, let max, min > max { throw ValidationError("--min \(min) is larger than --max \(max)") }
        }

        func run() throws {
            let store = try storeOptions.open(create: false)
            let query = SpanQuery(labels: label, sources: source, documents: doc, value: value,
                                  minimum: min, maximum: max, offset: offset, limit: limit)
            var output = OutputBuffer()
            switch format {
            case .jsonl:
                try store.forEachSpan(query) { span in
                    output.line(SpanJSON.line(span))
                    return true
                }
            case .table:
                var table = Table(columns: ["doc", "start", "end", "label", "text", "value", "source"])
                try store.forEachSpan(query) { span in
                    table.add([span.document, String(span.start), String(span.end), span.label,
                               span.text, span.value?.text ?? "", span.source])
                    return true
                }
                table.render(into: &output, empty: "no spans match")
            }
            output.flush()
        }
    }
}

/// How `query` prints spans.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table
    case jsonl
}
