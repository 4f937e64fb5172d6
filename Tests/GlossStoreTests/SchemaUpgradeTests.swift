import Foundation
import GlossKit
import LMDB
import Testing
@testable import GlossStore

/// Stores of schema 2 (label index keyed `label · doc`, the spans' positions as values; value
/// counters in `counters`) are
/// upgraded to the current layout the first time they are opened for writing, in resumable
/// batches. (Schema 1 is covered in TextChunkTests.)
@Suite("Schema upgrades")
struct SchemaUpgradeTests {
    /// A store with several documents and two labels, and what it answers before any change.
    private struct Written {
        let temp: TemporaryStore
        let all: [Span]
        let cityInDocument: [Span]
        let numbersNearCities: [Span]
    }

    private static let cityInDocument = SpanQuery(labels: ["CITY"], documents: ["doc2"])
    private static let numbersNearCities = SpanQuery(labels: ["NUMBER"], joins: [SpanJoin(.near(12), label: "CITY")])

    private func written() throws -> Written {
        let temp = try TemporaryStore()
        let inputs = (0..<12).map { i in
            AnnotationInput(name: "doc\(i)", text: "Paris \(i) و بغداد \(i * 7) ثم الموصل \(i + 40) and Paris")
        }
        _ = try Annotator(store: temp.store, extractors: [DigitsExtractor(), CityExtractor()]).annotate(inputs)
        return Written(temp: temp, all: try temp.store.spans(), cityInDocument: try temp.store.spans(Self.cityInDocument),
                       numbersNearCities: try temp.store.spans(Self.numbersNearCities))
    }

    /// Rewrites the label index of the store at `path` in the layout of schema 2, marks the
    /// store as schema 2, and returns the schema-2 entries (key and value bytes).
    @discardableResult
    private func downgradeToVersion2(_ path: String, indexingFirst: Int? = nil) throws -> Int {
        let env = try rawEnvironment(path)
        let labelIndex = try env.openDatabase("label_index", flags: [.duplicateSort, .duplicateFixed])
        let meta = try env.openDatabase("meta")
        let counters = try env.openDatabase("counters")
        var count = 0
        try env.write { txn in
            var entries: [(label: [UInt8], spanKey: [UInt8])] = []
            try txn.scan(labelIndex) { key, value in
                entries.append((Array(key), Array(value)))
                return true
            }
            try txn.clear(labelIndex)
            // label · doc → start · ~end · id
            for (label, spanKey) in entries {
                try txn.put(labelIndex, key: label + spanKey[0..<4], value: Array(spanKey[4...]))
            }
            count = entries.count
            // Schema 2 kept spans per value in `counters` under V · label · ValueKey.
            try txn.put(counters, key: [CounterKey.schema2ValueTag, 0, 0, 0, 1, 1, 2, 3], value: [0, 0, 0, 0, 0, 0, 0, 4])
            try txn.put(meta, key: MetaKey.schemaVersion, value: [0, 0, 0, 2])
        }
        return count
    }

    @Test func aVersion2StoreIsUpgradedAndAnswersTheSame() throws {
        let before = try written()
        let path = before.temp.store.path
        let entries = try downgradeToVersion2(path)
        #expect(entries == before.all.count)

        let reopened = try GlossStore(path: path)
        #expect(try reopened.read { ctx in try ctx.txn.get(ctx.schema.meta, key: MetaKey.schemaVersion).map(Array.init) } == [0, 0, 0, UInt8(Schema.version)])
        #expect(try reopened.check().isSound)
        #expect(try reopened.spans() == before.all)
        #expect(try reopened.spans(Self.cityInDocument) == before.cityInDocument)
        #expect(!before.cityInDocument.isEmpty)
        #expect(try reopened.read { ctx in
            var valueCounters = 0
            try ctx.txn.scan(ctx.schema.counters, prefix: [CounterKey.schema2ValueTag]) { _, _ in valueCounters += 1; return true }
            return valueCounters
        } == 0)
        #expect(try reopened.count(SpanQuery(labels: ["CITY"]), by: .value).map(\.count).reduce(0, +)
                == before.all.filter { $0.label == "CITY" }.count)
        #expect(try reopened.spans(Self.numbersNearCities) == before.numbersNearCities)
        #expect(!before.numbersNearCities.isEmpty)
        // One key per label now.
        #expect(try reopened.read { ctx in
            var keys = Set<[UInt8]>()
            try ctx.txn.scan(ctx.schema.byLabel) { key, _ in keys.insert(Array(key)); return true }
            return keys.count
        } == 2)
    }

    /// An upgrade interrupted after its first batch resumes from the span key it recorded.
    @Test func anInterruptedUpgradeResumes() throws {
        let before = try written()
        let path = before.temp.store.path
        try downgradeToVersion2(path)
        // What the first batch of an upgrade leaves: the index emptied, then rebuilt in the new
        // layout up to a span, and that span recorded as the progress.
        do {
            let env = try rawEnvironment(path)
            let labelIndex = try env.openDatabase("label_index", flags: [.duplicateSort, .duplicateFixed])
            let spans = try env.openDatabase("spans")
            let meta = try env.openDatabase("meta")
            try env.write { txn in
                try txn.clear(labelIndex)
                var done = 0
                var last: [UInt8] = []
                try txn.scan(spans) { key, value in
                    let record = try SpanRecordView(value)
                    try IndexKey.withKey(record.label) { try txn.put(labelIndex, key: $0, value: key) }
                    last = Array(key)
                    done += 1
                    return done < before.all.count / 2
                }
                try txn.put(meta, key: SchemaUpgrade.progressKey, value: last)
            }
        }
        let reopened = try GlossStore(path: path)
        #expect(try reopened.check().isSound)
        #expect(try reopened.spans() == before.all)
        #expect(try reopened.spans(Self.cityInDocument) == before.cityInDocument)
        #expect(try reopened.read { ctx in try ctx.txn.get(ctx.schema.meta, key: SchemaUpgrade.progressKey) } == nil)
    }

    /// Schema 3 had no value log: the upgrade adds it, empty, and changes nothing else.
    @Test func aVersion3StoreGetsTheValueLogs() throws {
        let before = try written()
        let path = before.temp.store.path
        do {
            let env = try rawEnvironment(path)
            let valueLogs = [try env.openDatabase("value_log"), try env.openDatabase("value_log_2")]
            let meta = try env.openDatabase("meta")
            try env.write { txn in
                for log in valueLogs { try txn.drop(log) }
                try txn.put(meta, key: MetaKey.schemaVersion, value: [0, 0, 0, 3])
            }
        }
        let reopened = try GlossStore(path: path)
        #expect(try reopened.read { ctx in try ctx.txn.get(ctx.schema.meta, key: MetaKey.schemaVersion).map(Array.init) } == [0, 0, 0, UInt8(Schema.version)])
        #expect(try reopened.read { ctx in try ctx.schema.valueLogs.map { try ctx.txn.count($0) } } == [0, 0])
        #expect(try reopened.check().isSound)
        #expect(try reopened.spans() == before.all)
        #expect(try reopened.spans(Self.numbersNearCities) == before.numbersNearCities)
    }

    @Test func aStoreThatCannotBeWrittenSaysHowToUpgradeIt() {
        let message = StoreError.schemaMismatch(path: "/data/news", found: 2, expected: 3).description
        #expect(message.contains("schema version 2 and this gloss reads version 3"))
        #expect(message.contains("copy it somewhere writable"))
    }
}
