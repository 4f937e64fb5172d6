import ArgumentParser
import GlossKit
import GlossStore

extension Gloss {
    /// `gloss query`: read spans back.
    struct Query: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "query",
            abstract: "Print the spans that match every filter given, or count them.",
            discussion: """
                Results come in document order, then by start ascending and end descending. \
                With no filter, every span is printed. Output streams: the first result appears \
                at once and memory stays flat however many spans match.

                Position joins compare each span with the spans of another label in the same \
                document: --inside PLACE keeps spans that lie within a PLACE span; --near PLACE:30 \
                keeps spans at most 30 code points from one; --before DATE:10 keeps spans that end at \
                most 10 code points before a DATE starts. Several joins must all hold.

                JSON lines (--format jsonl) carry one span a line:
                  {"doc":"news/1.txt","id":42,"start":10,"end":15,"text":"بغداد",
                   "label":"PLACE","value":"Baghdad","attrs":{"kind":"city"},
                   "source":"places@1.0.0","confidence":1}

                Offsets are Unicode code points, end exclusive; --offsets utf8|utf16 adds \
                start_utf8/end_utf8 (or start_utf16/end_utf16) for tools that count otherwise.

                Examples:
                  gloss query --label PERSON --context 30
                  gloss query --label NUMBER --min 1000 --max 50000 --format jsonl
                  gloss query --label NUMBER --near PLACE:30
                  gloss query --label PERSON --same-sentence NUMBER
                  gloss query --label PLACE --count --by value --top 10
                  gloss query --doc 'Examples/news/*' --match 'بغداد' --format tsv
                """)

        @OptionGroup var storeOptions: StoreOptions
        @OptionGroup(title: "Filters") var filters: QueryFilters
        @OptionGroup(title: "Position joins") var joins: QueryJoins

        @Flag(name: .long, help: "Print counts instead of spans.")
        var count = false

        @Option(name: .long, help: ArgumentHelp("With --count: group by label, value, doc, source or attr:KEY.", valueName: "group"))
        var by: Grouping?

        @Option(name: .long, help: ArgumentHelp("With --count: print only the N largest groups.", valueName: "n"))
        var top: Int?

        @Option(name: .long, help: ArgumentHelp("Output format: \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "format"))
        var format: OutputFormat = .table

        @Option(name: .long, help: ArgumentHelp("Show N code points of context left and right of each span (keyword in context).", valueName: "n"))
        var context: Int?

        @Option(name: .long, help: ArgumentHelp("Also give offsets in utf8 bytes or utf16 units.", valueName: "unit"))
        var offsets: OffsetUnit?

        @Option(name: .long, help: ArgumentHelp("Print at most this many spans.", valueName: "n"))
        var limit: Int?

        @Option(name: .long, help: ArgumentHelp("Skip this many spans first.", valueName: "n"))
        var offset: Int = 0

        func validate() throws {
            try filters.validate()
            if let limit, limit < 0 { throw ValidationError("--limit must not be negative") }
            if offset < 0 { throw ValidationError("--offset must not be negative") }
            if let context, context < 0 { throw ValidationError("--context must not be negative") }
            if let top, top < 1 { throw ValidationError("--top must be at least 1") }
            if !count && (by != nil || top != nil) { throw ValidationError("--by and --top need --count") }
            if count, context != nil || offsets != nil {
                throw ValidationError("--\(context != nil ? "context" : "offsets") shapes printed spans: it does nothing with --count")
            }
        }

        func run() throws {
            let store = try storeOptions.open(create: false)
            var query = try filters.query()
            query.joins = try joins.joins()
            query.limit = limit
            query.offset = offset
            var output = OutputBuffer()
            if count {
                var groups = try store.count(query, by: by?.grouping)
                if let top { groups = Array(groups.prefix(top)) }
                try CountWriter.write(groups, heading: by?.rawValue ?? "spans", format: format, into: &output)
                output.flush()
                return
            }
            if format == .jsonl && context == nil && offsets == nil {
                // The fast path: spans stream from the map into the output buffer.
                try SpanJSON.writeAll(query, from: store, into: &output)
                output.flush()
                return
            }
            var writer = try SpanWriter.make(format: format, store: store, context: context, offsets: offsets)
            try store.forEachSpan(query) { span in
                try writer.write(span, into: &output)
                return true
            }
            try writer.finish(into: &output)
            output.flush()
        }
    }
}

/// The filter options shared by `query`, `export` and `eval`.
struct QueryFilters: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Only spans with this label (repeat for several).", valueName: "label"))
    var label: [String] = []

    @Option(name: .long, help: ArgumentHelp("Only spans in this document: a name or a glob such as 'news/*' (repeatable).", valueName: "name"))
    var doc: [String] = []

    @Option(name: .long, help: ArgumentHelp("Only spans from this source: an extractor (numbers), numbers@1.0.0, or an import name (repeatable).", valueName: "source"))
    var source: [String] = []

    @Option(name: .long, help: ArgumentHelp("Only spans whose normalized value is exactly this (2500, Baghdad, 2024-03-03).", valueName: "value"))
    var value: String?

    @Option(name: .long, help: ArgumentHelp("Only spans whose value is a string starting with this.", valueName: "prefix"))
    var valuePrefix: String?

    // (Parsed unconditionally: a negative bound such as -5 is the option's value, not an option.)
    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Only spans with a numeric value of at least this.", valueName: "number"))
    var min: Double?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Only spans with a numeric value of at most this.", valueName: "number"))
    var max: Double?

    @Option(name: .long, help: ArgumentHelp("Only spans whose text matches this regular expression.", valueName: "regex"))
    var text: String?

    @Option(name: .long, help: ArgumentHelp("Only spans whose text equals this, ignoring Arabic diacritics, tatweel, letter variants and Latin case.", valueName: "text"))
    var match: String?

    @Option(name: .long, help: ArgumentHelp("Only spans with this attribute value, as KEY=VALUE (repeatable).", valueName: "key=value"))
    var attr: [String] = []

    func validate() throws {
        if let min, !min.isFinite { throw ValidationError("--min must be a finite number, got \(min)") }
        if let max, !max.isFinite { throw ValidationError("--max must be a finite number, got \(max)") }
        if let min, let max, min > max { throw ValidationError("--min \(min) is larger than --max \(max)") }
        if value != nil && (min != nil || max != nil || valuePrefix != nil) {
            throw ValidationError("--value cannot be combined with --min, --max or --value-prefix")
        }
        if valuePrefix != nil && (min != nil || max != nil) { throw ValidationError("--value-prefix cannot be combined with --min or --max") }
        for pair in attr where !pair.contains("=") || pair.hasPrefix("=") {
            throw ValidationError("--attr expects KEY=VALUE, got \(pair.debugDescription)")
        }
    }

    func query() throws -> SpanQuery {
        var attributes: [String: String] = [:]
        for pair in attr {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            attributes[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
        }
        return SpanQuery(labels: label, sources: source, documents: doc.map(InputDocuments.storedName), value: value, minimum: min, maximum: max,
                         valuePrefix: valuePrefix, attributes: attributes, textPattern: text, normalizedText: match)
    }
}

/// The position-join options of `query`.
struct QueryJoins: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Keep spans lying within a span of LABEL.", valueName: "label"))
    var inside: [String] = []

    @Option(name: .long, help: ArgumentHelp("Keep spans enclosing a span of LABEL.", valueName: "label"))
    var contains: [String] = []

    @Option(name: .long, help: ArgumentHelp("Keep spans overlapping a span of LABEL.", valueName: "label"))
    var overlaps: [String] = []

    @Option(name: .long, help: ArgumentHelp("Keep spans within N code points of a span of LABEL.", valueName: "label:n"))
    var near: [String] = []

    @Option(name: .long, help: ArgumentHelp("Keep spans ending before a span of LABEL starts (at most N code points before).", valueName: "label[:n]"))
    var before: [String] = []

    @Option(name: .long, help: ArgumentHelp("Keep spans starting after a span of LABEL ends (at most N code points after).", valueName: "label[:n]"))
    var after: [String] = []

    @Option(name: .long, help: ArgumentHelp("Keep spans in the same sentence as a span of LABEL.", valueName: "label"))
    var sameSentence: [String] = []

    func joins() throws -> [SpanJoin] {
        var result: [SpanJoin] = []
        result += inside.map { SpanJoin(.inside, label: $0) }
        result += contains.map { SpanJoin(.contains, label: $0) }
        result += overlaps.map { SpanJoin(.overlaps, label: $0) }
        for spec in near {
            let (label, n) = try Self.parse(spec, option: "--near")
            guard let n else { throw ValidationError("--near expects LABEL:N, such as PLACE:30 (got \(spec.debugDescription))") }
            result.append(SpanJoin(.near(n), label: label))
        }
        for spec in before {
            let (label, n) = try Self.parse(spec, option: "--before")
            result.append(SpanJoin(.before(n), label: label))
        }
        for spec in after {
            let (label, n) = try Self.parse(spec, option: "--after")
            result.append(SpanJoin(.after(n), label: label))
        }
        result += sameSentence.map { SpanJoin(.sameSentence, label: $0) }
        return result
    }

    static func parse(_ spec: String, option: String) throws -> (String, Int?) {
        let parts = spec.split(separator: ":", omittingEmptySubsequences: false)
        guard !parts[0].isEmpty, parts.count <= 2 else { throw ValidationError("\(option) expects LABEL or LABEL:N (got \(spec.debugDescription))") }
        guard parts.count == 2 else { return (String(parts[0]), nil) }
        guard let n = Int(parts[1]), n >= 0 else { throw ValidationError("\(option): \(parts[1].debugDescription) is not a non-negative number of code points") }
        return (String(parts[0]), n)
    }
}

/// `--by` values.
struct Grouping: ExpressibleByArgument {
    let grouping: SpanGrouping
    let rawValue: String

    init?(argument: String) {
        switch argument {
        case "label": grouping = .label
        case "value": grouping = .value
        case "doc": grouping = .document
        case "source": grouping = .source
        default:
            guard argument.hasPrefix("attr:"), argument.count > 5 else { return nil }
            grouping = .attribute(String(argument.dropFirst(5)))
        }
        rawValue = argument
    }

    static var defaultCompletionKind: CompletionKind { .list(["label", "value", "doc", "source", "attr:"]) }
}

/// `--offsets` values.
enum OffsetUnit: String, ExpressibleByArgument, CaseIterable {
    case utf8
    case utf16
}
