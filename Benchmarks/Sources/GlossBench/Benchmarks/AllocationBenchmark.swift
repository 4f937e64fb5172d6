import Foundation
import GlossKit
@testable import GlossStore

/// Heap allocations per span on the ingest and scan paths (scans borrow `SpanRef`s; `scan_owned`
/// builds a `Span` per result), counted by `libmalloccount.so`
/// (Benchmarks/Baselines/malloc_count.c) preloaded into the process. Timing runs never preload it.
enum AllocationBenchmark {
    static func run(_ options: Options) throws {
        guard MallocCounter.isAvailable else { throw BenchError("run with LD_PRELOAD=libmalloccount.so") }
        let tag = try options.string("tag")
        let path = try options.string("store")
        if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
        var storeOptions = GlossStore.Options()
        storeOptions.durable = false
        let store = try GlossStore(path: path, options: storeOptions)
        let reader = try CorpusReader(path: try options.string("corpus"))
        var documents: [CorpusDocument] = []
        while let document = try reader.next() { documents.append(document) }
        let spans = documents.reduce(0) { $0 + $1.drafts.count }

        let beforeIngest = MallocCounter.count()
        try IngestBenchmark.writeThroughStore(store, documents)
        Figures.emit("gloss.allocs.ingest.\(tag)", Double(MallocCounter.count() - beforeIngest) / Double(spans), "allocs/span")

        let queries: [(String, SpanQuery)] = [
            ("scan.all", SpanQuery()),
            ("scan.label", SpanQuery(labels: ["PLACE"])),
            ("range.wide", SpanQuery(labels: ["NUMBER"], minimum: 1000, maximum: 100_000)),
        ]
        for (name, query) in queries {
            var n = 0
            var sink = 0
            let before = MallocCounter.count()
            try store.forEachSpanReference(query) { span in
                n += 1
                sink &+= ReadBenchmark.touch(span)
                return true
            }
            blackHole(sink)
            Figures.emit("gloss.allocs.\(name).\(tag)", Double(MallocCounter.count() - before) / Double(max(n, 1)), "allocs/span")
        }
        var n = 0
        var sink = 0
        let before = MallocCounter.count()
        try store.forEachSpan(SpanQuery()) { span in
            n += 1
            sink &+= span.text.utf8.count &+ span.attributes.count
            return true
        }
        blackHole(sink)
        Figures.emit("gloss.allocs.scan_owned.all.\(tag)", Double(MallocCounter.count() - before) / Double(max(n, 1)), "allocs/span")
    }
}
