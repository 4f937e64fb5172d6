import Foundation
import GlossKit
import LMDB
import Testing
@testable import GlossStore

@Suite("Documents")
struct DocumentTests {
    @Test func addUnchangedAndReplaced() throws {
        let temp = try TemporaryStore()
        let store = temp.store
        #expect(try store.addDocument(name: "a", text: "نص أول 1") == .added)
        #expect(try store.addDocument(name: "a", text: "نص أول 1") == .unchanged)
        _ = try Annotator(store: store, extractors: [DigitsExtractor()]).annotateStoredDocuments()
        #expect(try store.spans().count == 1)
        #expect(try store.addDocument(name: "a", text: "نص ثان 22 و 33") == .replaced)
        #expect(try store.spans().isEmpty, "replacing the text drops the old spans")
        #expect(try store.text(ofDocument: "a") == "نص ثان 22 و 33")
        #expect(try store.documents().map(\.name) == ["a"])
    }

    @Test func textIsStoredExactly() throws {
        let temp = try TemporaryStore()
        let text = "line one\r\nسطر\u{200F} ثانٍ\ttab 🙂\n"
        try temp.store.addDocument(name: "exact", text: text, metadata: ["lang": "mixed"])
        #expect(try temp.store.text(ofDocument: "exact") == text)
        let summary = try #require(try temp.store.documents().first)
        #expect(summary.length == text.unicodeScalars.count)
        #expect(summary.bytes == text.utf8.count)
        #expect(summary.metadata == ["lang": "mixed"])
    }

    @Test func removeDocumentDropsEverything() throws {
        let temp = try TemporaryStore()
        _ = try Annotator(store: temp.store, extractors: [DigitsExtractor()]).annotate([AnnotationInput(name: "d", text: "1 2 3")])
        #expect(try temp.store.statistics().spans == 3)
        #expect(try temp.store.removeDocument(name: "d"))
        let stats = try temp.store.statistics()
        #expect(stats.documents == 0)
        #expect(stats.spans == 0)
        #expect(stats.labels.isEmpty)
        #expect(throws: StoreError.self) { try temp.store.text(ofDocument: "d") }
    }

    @Test func rejectsBadNames() throws {
        let temp = try TemporaryStore()
        #expect(throws: StoreError.self) { try temp.store.addDocument(name: "", text: "x") }
        #expect(throws: StoreError.self) { try temp.store.addDocument(name: String(repeating: "n", count: 600), text: "x") }
    }
}

@Suite("Annotation")
struct AnnotationTests {
    let inputs = [
        AnnotationInput(name: "ar", text: "وصل ٣٠٠ جندي إلى بغداد و 45 إلى الموصل"),
        AnnotationInput(name: "en", text: "In Paris, 12 people met 7 others."),
    ]

    @Test func rerunIsIncrementalAndNeverDuplicates() throws {
        let temp = try TemporaryStore()
        let annotator = Annotator(store: temp.store, extractors: [DigitsExtractor(), CityExtractor()])
        let first = try annotator.annotate(inputs)
        #expect(first.added == 2)
        #expect(first.extractions == 4)
        #expect(first.spansByLabel == ["NUMBER": 4, "CITY": 3])
        let second = try annotator.annotate(inputs)
        #expect(second.unchanged == 2)
        #expect(second.extractions == 0)
        #expect(second.skipped == 4)
        #expect(try temp.store.spans().count == 7)

        // A new extractor version re-runs it everywhere and replaces its spans.
        var digits2 = DigitsExtractor()
        digits2.version = "2"
        let third = try Annotator(store: temp.store, extractors: [digits2, CityExtractor()]).annotate(inputs)
        #expect(third.extractions == 2)
        #expect(third.skipped == 2)
        let spans = try temp.store.spans()
        #expect(spans.count == 7)
        #expect(Set(spans.filter { $0.label == "NUMBER" }.map(\.source)) == ["digits@2"])
        let stats = try temp.store.statistics()
        #expect(stats.sources.map(\.name).sorted() == ["cities@1", "digits@2"])
        #expect(stats.labels.first { $0.name == "NUMBER" }?.count == 4)
        #expect(try temp.store.documents().map(\.spans) == [4, 3])
    }

    /// The first batch of a new store reaches the writer as drafts (its names are not interned
    /// yet), later batches encoded ahead, an empty extraction and a failed one among them: the
    /// summary's spans per label, its extractions and failures, and each run's documents and
    /// spans are the sums over every batch, whichever way it came — checked against the store.
    @Test func summaryAndRunsCountEveryBatch() throws {
        struct PickyCities: Extractor {  // fails on documents whose name starts with "bad"
            let id = "picky"
            let version = "1"
            let labels = ["CITY"]
            func extract(_ document: Document) throws -> [SpanDraft] {
                if document.name.hasPrefix("bad") { throw ScriptedExtractor.Failure() }
                return try CityExtractor().extract(document)
            }
        }
        let temp = try TemporaryStore()
        var annotator = Annotator(store: temp.store, extractors: [DigitsExtractor(), PickyCities()])
        annotator.batchDocuments = 2
        let texts = ["Paris 1 2", "بغداد ٣ و الموصل", "nothing here", "Paris Paris 9", "الموصل 10 11 12", "Paris"]
        let inputs = texts.enumerated().map { AnnotationInput(name: ($0.offset == 3 ? "bad" : "doc") + "\($0.offset)", text: $0.element) }
        let summary = try annotator.annotate(inputs)
        let stored = try temp.store.spans()
        #expect(summary.spansByLabel == ["NUMBER": 7, "CITY": 5])
        #expect(summary.spansByLabel == Dictionary(grouping: stored, by: \.label).mapValues(\.count))
        #expect(summary.extractions == 11)
        #expect(summary.failures.count == 1)
        let runs = Dictionary(uniqueKeysWithValues: try temp.store.runs().map { ($0.extractor, $0) })
        #expect(runs["digits"]?.documents == 6)
        #expect(runs["digits"]?.spans == 7)
        #expect(runs["picky"]?.documents == 5)
        #expect(runs["picky"]?.spans == 5)
        #expect(runs["picky"]?.failures == 1)
    }

    @Test func changedDocumentIsReannotated() throws {
        let temp = try TemporaryStore()
        let annotator = Annotator(store: temp.store, extractors: [DigitsExtractor()])
        _ = try annotator.annotate([AnnotationInput(name: "x", text: "1 2")])
        var events: [String] = []
        let summary = try annotator.annotate([AnnotationInput(name: "x", text: "5 6 7")]) { event in
            if case .replaced(let name) = event { events.append(name) }
        }
        #expect(summary.replaced == 1)
        #expect(events == ["x"])
        #expect(try temp.store.spans().map(\.text) == ["5", "6", "7"])
    }

    /// A document given again later in the same run, its text changed back to the stored one:
    /// what the store held when that input was planned is no longer what the writer finds, so
    /// its extractors must run (nothing skipped against a text the run has since replaced).
    @Test(arguments: [1, 2, 512], [0, 3])
    func documentGivenTwiceInOneRunKeepsTheSpansOfItsLastText(batchDocuments: Int, between: Int) throws {
        let temp = try TemporaryStore()
        var annotator = Annotator(store: temp.store, extractors: [DigitsExtractor(), CityExtractor()])
        annotator.batchDocuments = batchDocuments
        let original = AnnotationInput(name: "x", text: "Paris 1 2")
        _ = try annotator.annotate([original])
        let filler = (0..<between).map { AnnotationInput(name: "filler-\($0)", text: "بغداد \($0)") }
        _ = try annotator.annotate([AnnotationInput(name: "x", text: "7")] + filler + [original])
        #expect(try temp.store.text(ofDocument: "x") == "Paris 1 2")
        #expect(try temp.store.spans(SpanQuery(documents: ["x"])).map(\.text) == ["Paris", "1", "2"])
        #expect(try temp.store.check().isSound)
        // And a third run finds it all up to date.
        let again = try annotator.annotate([original])
        #expect(again.unchanged == 1 && again.extractions == 0)
    }

    /// Batches queue up for the writer; when one fails, those before it stay committed and
    /// none after it is written, whatever was extracted ahead.
    @Test func aBatchThatFailsToWriteStopsTheBatchesQueuedBehindIt() throws {
        let temp = try TemporaryStore()
        var annotator = Annotator(store: temp.store, extractors: [DigitsExtractor()])
        annotator.batchDocuments = 1
        let names = ["a", "b", String(repeating: "n", count: 600), "c", "d"]
        var committed: [Int] = []
        #expect(throws: StoreError.self) {
            try annotator.annotate(names.map { AnnotationInput(name: $0, text: "1 2") }) { event in
                if case .committed(let documents, _) = event { committed.append(documents) }
            }
        }
        #expect(committed == [1, 2])
        #expect(try temp.store.documents().map(\.name) == ["a", "b"])
        #expect(try temp.store.check().isSound)
    }

    @Test func smallBatchesGiveTheSameResult() throws {
        let temp = try TemporaryStore()
        var annotator = Annotator(store: temp.store, extractors: [DigitsExtractor(), CityExtractor()])
        annotator.batchDocuments = 1
        let many = (0..<30).map { AnnotationInput(name: "doc-\($0)", text: "بغداد \($0) Paris \($0 * 2)") }
        let summary = try annotator.annotate(many)
        #expect(summary.added == 30)
        #expect(try temp.store.spans().count == 120)
        #expect(try temp.store.runs().count == 2)
        #expect(try temp.store.runs().allSatisfy { $0.documents == 30 })
    }

    /// Later batches reach the writer with their spans encoded on the extraction threads (the
    /// names they use were committed by earlier batches); the first ones, and everything in one
    /// big batch, are encoded by the writer itself. Both must store the same bytes.
    @Test func spansEncodedAheadAreStoredAsTheWriterEncodesThem() throws {
        let inputs = (0..<40).map { i in
            AnnotationInput(name: "doc-\(i)", text: "بغداد \(i) Paris \(i * 3) الموصل \(i % 7)" + (i % 5 == 0 ? " \(i) \(i)" : ""))
        }
        let extractors: [any Extractor] = [DigitsExtractor(), CityExtractor(), AttributedExtractor()]
        let ahead = try TemporaryStore()
        var batched = Annotator(store: ahead.store, extractors: extractors)
        batched.batchDocuments = 3
        _ = try batched.annotate(inputs)
        let inWriter = try TemporaryStore()
        _ = try Annotator(store: inWriter.store, extractors: extractors).annotate(inputs)
        let dumped = try Self.spanDatabases(of: ahead.store)
        #expect(dumped.count > 4 * 40 * 3)
        #expect(dumped == (try Self.spanDatabases(of: inWriter.store)))
        #expect(try ahead.store.spans() == inWriter.store.spans())
    }

    /// Every key and value of the span databases and counters, in order.
    private static func spanDatabases(of store: GlossStore) throws -> [[UInt8]] {
        try store.read { ctx in
            var entries: [[UInt8]] = []
            for db in [store.schema.spans, store.schema.byLabel, store.schema.byValue, store.schema.counters] {
                try ctx.txn.scan(db) { key, value in
                    entries.append(Array(key))
                    entries.append(Array(value))
                    return true
                }
            }
            return entries
        }
    }

    @Test func invalidDraftWritesNothingForThatExtractor() throws {
        let temp = try TemporaryStore()
        let bad = ScriptedExtractor(drafts: [SpanDraft(start: 0, end: 3, label: "THING"), SpanDraft(start: 2, end: 99, label: "THING")])
        let summary = try Annotator(store: temp.store, extractors: [DigitsExtractor(), bad])
            .annotate([AnnotationInput(name: "d", text: "abc 12")])
        #expect(summary.failures.count == 1)
        let message = try #require(summary.failures.first).description
        #expect(message.contains("scripted@1"))
        #expect(message.contains("2..<99"))
        #expect(message.contains("d"))
        #expect(try temp.store.spans().map(\.label) == ["NUMBER"], "the other extractor's work is kept")
    }

    @Test(arguments: [
        SpanDraft(start: 0, end: 1, label: "UNDECLARED"),
        SpanDraft(start: 3, end: 3, label: "THING"),
        SpanDraft(start: -1, end: 2, label: "THING"),
        SpanDraft(start: 0, end: 7, label: "THING"),
        SpanDraft(start: 0, end: 1, label: "THING", confidence: 1.5),
        SpanDraft(start: 0, end: 1, label: "THING", value: .decimal(.infinity)),
        SpanDraft(start: 0, end: 1, label: "THING", attributes: ["kind": "x", "": "nameless"]),
    ])
    func eachInvalidDraftIsRejected(draft: SpanDraft) throws {
        // Alone, and after valid drafts (whose label the check has already found declared).
        let valid = [SpanDraft(start: 0, end: 2, label: "THING"), SpanDraft(start: 1, end: 3, label: "THING", attributes: ["kind": "x"])]
        for drafts in [[draft], valid + [draft]] {
            let temp = try TemporaryStore()
            let summary = try Annotator(store: temp.store, extractors: [ScriptedExtractor(drafts: drafts)])
                .annotate([AnnotationInput(name: "d", text: "abcdef")])
            #expect(summary.failures.count == 1)
            #expect(try temp.store.spans().isEmpty)
        }
    }

    @Test func throwingExtractorIsReported() throws {
        let temp = try TemporaryStore()
        let summary = try Annotator(store: temp.store, extractors: [ScriptedExtractor(drafts: [], fails: true)])
            .annotate([AnnotationInput(name: "d", text: "abc")])
        #expect(summary.failures.first?.description.contains("scripted failure") == true)
        // The failed pair is retried next time, not marked done.
        let again = try Annotator(store: temp.store, extractors: [ScriptedExtractor(drafts: [SpanDraft(start: 0, end: 1, label: "THING")])])
            .annotate([AnnotationInput(name: "d", text: "abc")])
        #expect(again.extractions == 1)
    }
}

@Suite("Queries")
struct QueryTests {
    private func populated() throws -> TemporaryStore {
        let temp = try TemporaryStore()
        let inputs = [
            AnnotationInput(name: "news/1.txt", text: "وصل 300 جندي إلى بغداد و 45 إلى الموصل"),
            AnnotationInput(name: "news/2.txt", text: "Paris had 2500 visitors and 7 guides."),
            AnnotationInput(name: "other.txt", text: "بغداد 9 🙂 12"),
        ]
        _ = try Annotator(store: temp.store, extractors: [DigitsExtractor(), CityExtractor()]).annotate(inputs)
        return temp
    }

    @Test func byLabelInDocumentOrder() throws {
        let temp = try populated()
        let spans = try temp.store.spans(SpanQuery(labels: ["NUMBER"]))
        #expect(spans.map(\.text) == ["300", "45", "2500", "7", "9", "12"])
        #expect(spans.map(\.document) == ["news/1.txt", "news/1.txt", "news/2.txt", "news/2.txt", "other.txt", "other.txt"])
    }

    @Test func offsetsAreCodePoints() throws {
        let temp = try populated()
        let twelve = try #require(try temp.store.spans(SpanQuery(labels: ["NUMBER"], documents: ["other.txt"])).last)
        // "بغداد 9 🙂 12": the emoji is one code point (two in UTF-16, four in UTF-8).
        #expect(twelve.start == 10)
        #expect(twelve.end == 12)
        #expect(twelve.text == "12")
    }

    @Test func severalLabelsMergeInOrder() throws {
        let temp = try populated()
        let spans = try temp.store.spans(SpanQuery(labels: ["CITY", "NUMBER"], documents: ["news/1.txt"]))
        #expect(spans.map(\.text) == ["300", "بغداد", "45", "الموصل"])
    }

    @Test func documentGlobs() throws {
        let temp = try populated()
        #expect(try temp.store.spans(SpanQuery(documents: ["news/*"])).count == 7)
        #expect(try temp.store.spans(SpanQuery(documents: ["nothing-*"])).isEmpty)
        #expect(throws: StoreError.self) { try temp.store.spans(SpanQuery(documents: ["missing.txt"])) }
    }

    @Test func bySource() throws {
        let temp = try populated()
        #expect(try temp.store.spans(SpanQuery(sources: ["cities"])).map(\.value) ==
                [.string("Baghdad"), .string("Mosul"), .string("Paris"), .string("Baghdad")])
        #expect(try temp.store.spans(SpanQuery(sources: ["digits@1"])).count == 6)
        #expect(throws: StoreError.self) { try temp.store.spans(SpanQuery(sources: ["nobody"])) }
    }

    @Test func exactValues() throws {
        let temp = try populated()
        #expect(try temp.store.spans(SpanQuery(value: "Baghdad")).map(\.document) == ["news/1.txt", "other.txt"])
        #expect(try temp.store.spans(SpanQuery(labels: ["NUMBER"], value: "2500")).map(\.text) == ["2500"])
        #expect(try temp.store.spans(SpanQuery(labels: ["NUMBER"], value: "2500.0")).map(\.text) == ["2500"])
    }

    @Test func numericRanges() throws {
        let temp = try populated()
        #expect(try temp.store.spans(SpanQuery(labels: ["NUMBER"], minimum: 10, maximum: 300)).map(\.text) == ["300", "45", "12"])
        #expect(try temp.store.spans(SpanQuery(labels: ["NUMBER"], minimum: 1000)).map(\.text) == ["2500"])
        #expect(try temp.store.spans(SpanQuery(maximum: 8)).map(\.text) == ["7"])
        #expect(try temp.store.spans(SpanQuery(labels: ["NUMBER"], documents: ["news/*"], minimum: 40)).map(\.text) == ["300", "45", "2500"])
    }

    @Test func limitAndOffset() throws {
        let temp = try populated()
        #expect(try temp.store.spans(SpanQuery(labels: ["NUMBER"], offset: 1, limit: 2)).map(\.text) == ["45", "2500"])
        #expect(try temp.store.spans(SpanQuery(limit: 0)).isEmpty)
    }

    @Test func unknownLabelListsKnownOnes() throws {
        let temp = try populated()
        do {
            _ = try temp.store.spans(SpanQuery(labels: ["PERSON"]))
            Issue.record("expected an error")
        } catch let error as StoreError {
            #expect(error.description.contains("CITY, NUMBER"))
        }
    }

    @Test func enclosingSpanComesFirst() throws {
        let temp = try TemporaryStore()
        let nested = ScriptedExtractor(drafts: [SpanDraft(start: 4, end: 6, label: "THING"), SpanDraft(start: 0, end: 3, label: "THING"),
                                                SpanDraft(start: 4, end: 10, label: "THING"), SpanDraft(start: 4, end: 8, label: "THING")])
        _ = try Annotator(store: temp.store, extractors: [nested]).annotate([AnnotationInput(name: "d", text: "abc defghij")])
        #expect(try temp.store.spans().map { "\($0.start)-\($0.end)" } == ["0-3", "4-10", "4-8", "4-6"])
    }
}

@Suite("Store files")
struct StoreFileTests {
    @Test func refusesAnotherSchemaVersion() throws {
        let temp = try TemporaryStore()
        let env = try Environment(path: temp.directory.path)
        let meta = try env.openDatabase("meta")
        try env.write { try $0.put(meta, key: Array("schema_version".utf8), value: [0, 0, 0, 99]) }
        do {
            _ = try GlossStore(path: temp.directory.path)
            Issue.record("expected a schema error")
        } catch let error as StoreError {
            #expect(error.description.contains("schema version 99"))
            #expect(error.description.contains("upgrade gloss"))
        }
    }

    @Test func missingStoreIsAnErrorWhenNotCreating() {
        var options = GlossStore.Options()
        options.create = false
        #expect(throws: StoreError.self) { try GlossStore(path: "/tmp/gloss-missing-\(UUID().uuidString)", options: options) }
    }

    @Test func aFileIsNotAStore() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("gloss-file-\(UUID().uuidString)")
        try Data("x".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        do {
            _ = try GlossStore(path: file.path)
            Issue.record("expected an error")
        } catch let error as StoreError {
            #expect(error.description.contains("is a file"))
        }
    }

    @Test func growsFromATinyMap() throws {
        let temp = try TemporaryStore()  // 1 MiB initial map
        let text = String(repeating: "عدد 12345 ", count: 20_000)
        _ = try Annotator(store: temp.store, extractors: [DigitsExtractor()]).annotate([AnnotationInput(name: "big", text: text)])
        #expect(try temp.store.statistics().spans == 20_000)
        #expect(temp.store.environment.info().mapSize > 1 << 20)
    }
}
