import Foundation
import GlossKit
import GlossStore

/// In-process reads through the public query API, on a store written by `ingest`. Streams and
/// lookups go through `forEachSpanReference` (borrowed `SpanRef`s: what `gloss query` streams,
/// and what the C baseline does — names, text slice, value and attributes in place) and touch
/// every span; `scan_owned.*` builds an owned `Span` per result (`forEachSpan`) for comparison.
enum ReadBenchmark {
    static func run(_ options: Options) throws {
        var storeOptions = GlossStore.Options()
        storeOptions.create = false
        let store = try GlossStore(path: try options.string("store"), options: storeOptions)
        let queries = try QuerySet(path: try options.string("queries"))
        let tag = try options.string("tag")
        let repeats = try options.int("repeats", default: 3)

        let streams: [(String, SpanQuery)] = [
            ("scan.all", SpanQuery()),
            ("scan.label", SpanQuery(labels: ["PLACE"])),
            ("range.wide", SpanQuery(labels: ["NUMBER"], minimum: 1000, maximum: 100_000)),
            ("join.near", SpanQuery(labels: ["NUMBER"], joins: [SpanJoin(.near(30), label: "PLACE")])),
        ]
        for (name, query) in streams {
            let (rate, first, count) = try stream(store, query, repeats: repeats)
            Figures.emit("gloss.\(name).\(tag)", rate, "spans/s")
            Figures.emit("gloss.\(name).first.\(tag)", first * 1e6, "us")
            Figures.note("gloss \(name) \(tag): \(count) spans")
        }
        let (ownedRate, _, _) = try stream(store, SpanQuery(), repeats: repeats, owned: true)
        Figures.emit("gloss.scan_owned.all.\(tag)", ownedRate, "spans/s")

        let documentQueries = queries.documentQueries.map { SpanQuery(labels: [$0.label], documents: [$0.document]) }
        try latencies("doclabel", documentQueries, store: store, tag: tag)
        let rangeQueries = queries.rangeQueries.map { SpanQuery(labels: [$0.label], minimum: $0.minimum, maximum: $0.maximum) }
        try latencies("range.narrow", rangeQueries, store: store, tag: tag)

        var countTimes: [Double] = []
        for _ in 0..<200 {
            countTimes.append(try Timer.measure { blackHole(try store.count(SpanQuery(), by: .label)) })
        }
        Figures.emit("gloss.count.label.p50.\(tag)", Stats.median(countTimes) * 1e6, "us")
        var valueTimes: [Double] = []
        for _ in 0..<repeats {
            valueTimes.append(try Timer.measure { blackHole(try store.count(SpanQuery(labels: ["PLACE"]), by: .value)) })
        }
        Figures.emit("gloss.count.value.\(tag)", Stats.median(valueTimes) * 1e3, "ms")
    }

    /// `scan`: one stream of one query, for profiling (`--what all|label|range|join`; the label
    /// scan's label is `--label`, PLACE by default); `--repeats N` streams it N times and prints
    /// the median rate (the first pass pays for reading the store's pages).
    static func scanOnce(_ options: Options) throws {
        var storeOptions = GlossStore.Options()
        storeOptions.create = false
        let store = try GlossStore(path: try options.string("store"), options: storeOptions)
        let query: SpanQuery
        switch options.string("what", default: "all") {
        case "all": query = SpanQuery()
        case "label": query = SpanQuery(labels: [options.string("label", default: "PLACE")])
        case "range": query = SpanQuery(labels: ["NUMBER"], minimum: 1000, maximum: 100_000)
        case "join": query = SpanQuery(labels: ["NUMBER"], joins: [SpanJoin(.near(30), label: "PLACE")])
        case let other: throw BenchError("unknown --what \(other)")
        }
        // One pass by default (what a profile wants); `--repeats N` for the median of N passes.
        let (rate, _, count) = try stream(store, query, repeats: try options.int("repeats", default: 1),
                                          owned: options.string("owned", default: "no") == "yes")
        Figures.note("scan: \(count) spans, \(Int(rate)) spans/s")
    }

    /// `lookups`: passes over the query file's lookups of one kind, for profiling
    /// (`--what doclabel|range|countvalue`, `--passes N`, default 1; `countvalue` counts PLACE
    /// spans by value 1,000 times a pass).
    static func lookupsOnce(_ options: Options) throws {
        var storeOptions = GlossStore.Options()
        storeOptions.create = false
        let store = try GlossStore(path: try options.string("store"), options: storeOptions)
        let queries = try QuerySet(path: try options.string("queries"))
        let (name, lookups): (String, [SpanQuery])
        switch options.string("what", default: "doclabel") {
        case "doclabel":
            (name, lookups) = ("doclabel", queries.documentQueries.map { SpanQuery(labels: [$0.label], documents: [$0.document]) })
        case "range":
            (name, lookups) = ("range.narrow", queries.rangeQueries.map { SpanQuery(labels: [$0.label], minimum: $0.minimum, maximum: $0.maximum) })
        case "countvalue":
            for pass in 1...max(1, try options.int("passes", default: 1)) {
                var times: [Double] = []
                for _ in 0..<1_000 {
                    times.append(try Timer.measure { blackHole(try store.count(SpanQuery(labels: ["PLACE"]), by: .value)) })
                }
                Figures.emit("gloss.count.value.p50.pass\(pass)", Stats.median(times) * 1e3, "ms")
            }
            return
        case let other: throw BenchError("unknown --what \(other)")
        }
        for pass in 1...max(1, try options.int("passes", default: 1)) {
            try latencies(name, lookups, store: store, tag: "pass\(pass)")
        }
    }

    /// Median spans/s and median time to the first span over `repeats` runs; `owned` builds a
    /// `Span` per result instead of borrowing a `SpanRef`.
    static func stream(_ store: GlossStore, _ query: SpanQuery, repeats: Int, owned: Bool = false) throws -> (Double, Double, Int) {
        var rates: [Double] = []
        var firsts: [Double] = []
        var count = 0
        for _ in 0..<repeats {
            var n = 0
            var sink = 0
            var first: UInt64 = 0
            let start = Timer.now()
            if owned {
                try store.forEachSpan(query) { span in
                    if n == 0 { first = Timer.now() }
                    n += 1
                    sink &+= span.start &+ span.text.utf8.count &+ span.attributes.count
                    return true
                }
            } else {
                try store.forEachSpanReference(query) { span in
                    if n == 0 { first = Timer.now() }
                    n += 1
                    sink &+= touch(span)
                    return true
                }
            }
            let seconds = Double(Timer.now() - start) / 1e9
            blackHole(sink)
            rates.append(Double(n) / seconds)
            firsts.append(Double(first - start) / 1e9)
            count = n
        }
        return (Stats.median(rates), Stats.median(firsts), count)
    }

    /// p50 and p99 latency of complete answers to each query.
    static func latencies(_ name: String, _ queries: [SpanQuery], store: GlossStore, tag: String) throws {
        var times: [Double] = []
        var results = 0
        for query in queries {
            var sink = 0
            times.append(try Timer.measure {
                try store.forEachSpanReference(query) { span in
                    sink &+= touch(span)
                    results += 1
                    return true
                }
            })
            blackHole(sink)
        }
        Figures.emit("gloss.\(name).p50.\(tag)", Stats.median(times) * 1e6, "us")
        Figures.emit("gloss.\(name).p99.\(tag)", Stats.percentile(times, 99) * 1e6, "us")
        Figures.note("gloss \(name) \(tag): \(queries.count) queries, \(results) spans")
    }

    /// Reads what the C baseline reads of each span: offsets, id, the text's first byte and
    /// length, the names, the value's kind and the attribute count.
    @inline(__always)
    static func touch(_ span: SpanRef) -> Int {
        var valueKind = 0
        switch span.valueRef {
        case nil: valueKind = 0
        case .integer?: valueKind = 1
        case .decimal?: valueKind = 2
        case .string?: valueKind = 3
        case .date?: valueKind = 4
        }
        return span.start &+ span.text.count &+ Int(span.text.first ?? 0) &+ span.label.utf8.count
            &+ span.source.utf8.count &+ span.attributesRef.count &+ valueKind &+ Int(truncatingIfNeeded: span.id)
    }
}
