import ArgumentParser
import Foundation
import GlossKit
import GlossStore

extension Gloss {
    /// `gloss eval`: extractor quality against gold spans.
    struct Eval: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "eval",
            abstract: "Score system spans against gold spans: precision, recall and F1 per label.",
            discussion: """
                Gold spans are those of --gold (imported with `gloss import --source NAME`). System \
                spans are those of the --system sources, scored together (repeatable; default: \
                every other source — the built-in extractors are one source each, so leave out \
                other imports by naming the sources to score). Only documents that have gold \
                spans are scored, and only labels the gold spans use (or those given with --label).

                strict:  a system span counts when a gold span has the same label, start and end.
                lenient: it counts when it overlaps a gold span of the same label (one-to-one).

                --errors lists the misses (gold spans no system span matches exactly) and the false \
                hits (system spans matching no gold span exactly), with context; with --format \
                jsonl, as JSON lines after the scores ("error": "miss" or "false hit").
                """)

        @OptionGroup var storeOptions: StoreOptions

        @Option(name: .long, help: ArgumentHelp("The source holding the gold spans.", valueName: "source"))
        var gold: String

        @Option(name: .long, help: ArgumentHelp("A source to score (repeatable; default: all other sources).", valueName: "source"))
        var system: [String] = []

        @Option(name: .long, help: ArgumentHelp("Score only this label (repeatable).", valueName: "label"))
        var label: [String] = []

        @Option(name: .long, help: ArgumentHelp("Score only these documents: names or globs (repeatable).", valueName: "name"),
                transform: InputDocuments.storedName)
        var doc: [String] = []

        @Flag(name: .long, help: "List misses and false hits with context.")
        var errors = false

        @Option(name: .long, help: ArgumentHelp("Code points of context shown with --errors.", valueName: "n"))
        var context = 30

        /// What eval prints: a table for people or JSON lines for programs.
        enum Format: String, ExpressibleByArgument, CaseIterable {
            case table
            case jsonl
        }

        @Option(name: .long, help: ArgumentHelp("How to print the scores (and errors).", valueName: "format"))
        var format: Format = .table

        func run() throws {
            let store = try storeOptions.open(create: false)
            let goldSpans = try store.spans(SpanQuery(labels: label, sources: [gold], documents: doc))
            let documents = Set(goldSpans.map(\.document))
            let labels = label.isEmpty ? Set(goldSpans.map(\.label)) : Set(label)
            let systemSources = system.isEmpty ? try store.sources().filter { $0 != gold } : system
            var systemSpans: [Span] = []
            if !systemSources.isEmpty && !documents.isEmpty {
                systemSpans = try store.spans(SpanQuery(sources: systemSources, documents: doc))
                    .filter { documents.contains($0.document) && labels.contains($0.label) }
            }
            let evaluation = Evaluation(gold: goldSpans, system: systemSpans)
            var output = OutputBuffer()
            switch format {
            case .jsonl:
                for (name, score) in evaluation.labels.sorted(by: { $0.key < $1.key }) + [("*", evaluation.overall)] {
                    var line = "{\"label\":"
                    SpanJSON.appendString(name, to: &line)
                    line += ",\"gold\":\(score.gold),\"system\":\(score.system)"
                    line += ",\"strict\":{\"precision\":\(round(score.strictPrecision)),\"recall\":\(round(score.strictRecall)),\"f1\":\(round(score.strictF1))}"
                    line += ",\"lenient\":{\"precision\":\(round(score.lenientPrecision)),\"recall\":\(round(score.lenientRecall)),\"f1\":\(round(score.lenientF1))}}"
                    output.line(line)
                }
            case .table:
                output.line("gold: \(gold) (\(counted(goldSpans.count, "span")) in \(counted(documents.count, "document"))); "
                            + "system: \(systemSources.joined(separator: ", "))")
                var table = Table(columns: ["label", "gold", "system", "strict P", "strict R", "strict F1", "lenient P", "lenient R", "lenient F1"],
                                  rightAligned: Set(1...8))
                func row(_ name: String, _ s: Evaluation.Score) -> [String] {
                    [name, String(s.gold), String(s.system)] + [s.strictPrecision, s.strictRecall, s.strictF1,
                                                                 s.lenientPrecision, s.lenientRecall, s.lenientF1].map { String(format: "%.3f", $0) }
                }
                for (name, score) in evaluation.labels.sorted(by: { $0.key < $1.key }) { table.add(row(name, score)) }
                table.add(row("all", evaluation.overall))
                table.render(into: &output, empty: "no gold spans")
            }
            if errors {
                var texts = DocumentTexts(store: store)
                var list = Table(columns: ["kind", "doc", "start", "end", "label", "left", "text", "right"], rightAligned: [2, 3, 5])
                for (kind, spans) in [("miss", evaluation.misses), ("false hit", evaluation.falseHits)] {
                    for span in spans {
                        let around = SpanContext(span: span, text: try texts.text(of: span.document), width: context)
                        switch format {
                        case .jsonl:
                            var line = "{\"error\":"
                            SpanJSON.appendString(kind, to: &line)
                            for (key, value) in [("doc", span.document), ("label", span.label), ("source", span.source),
                                                 ("text", span.text), ("left", around.before), ("right", around.after)] {
                                line += ",\"\(key)\":"
                                SpanJSON.appendString(value, to: &line)
                            }
                            line += ",\"start\":\(span.start),\"end\":\(span.end)}"
                            output.line(line)
                        case .table:
                            let rtl = span.text.unicodeScalars.contains(where: Table.isRightToLeft)
                            list.add([kind, span.document, String(span.start), String(span.end), span.label] +
                                     (rtl ? [around.after, span.text, around.before] : [around.before, span.text, around.after]))
                        }
                    }
                }
                if format == .table {
                    output.line("")
                    list.render(into: &output, empty: "no errors")
                }
            }
            output.flush()
        }

        private func round(_ x: Double) -> String { String(format: "%.4f", x) }
    }
}
