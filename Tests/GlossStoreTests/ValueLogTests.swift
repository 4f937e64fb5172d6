import Foundation
import GlossKit
import LMDB
import Testing
@testable import GlossStore

/// Annotation batches append their value index entries to the value log; merges move them into
/// the value index. Whatever state the log is in — runs not merged (an interrupted run), a merge
/// left half done, entries of replaced documents — queries, counts and checks answer exactly
/// as a store whose index holds every entry.
@Suite("Value log")
struct ValueLogTests {
    private static let inputs = (0..<40).map { i in
        AnnotationInput(name: "doc\(i)", text: "Paris \(i % 9) و بغداد \(i * 7) ثم الموصل \(i + 40) and Paris \(i % 3)")
    }

    /// Questions that read the value index, asked of a store.
    private struct Answers: Equatable {
        let exact: [Span]
        let range: [Span]
        let prefix: [Span]
        let cityValue: [Span]
        let byValue: [String]
        let numberByValue: [String]

        init(_ store: GlossStore) throws {
            exact = try store.spans(SpanQuery(labels: ["NUMBER"], value: "7"))
            range = try store.spans(SpanQuery(labels: ["NUMBER"], minimum: 5, maximum: 60))
            prefix = try store.spans(SpanQuery(labels: ["CITY"], valuePrefix: "Ba"))
            cityValue = try store.spans(SpanQuery(value: "Mosul"))
            byValue = try store.count(SpanQuery(), by: .value).map { "\($0.key)=\($0.count)" }
            numberByValue = try store.count(SpanQuery(labels: ["NUMBER"]), by: .value).map { "\($0.key)=\($0.count)" }
        }
    }

    private func annotator(_ store: GlossStore, mergesAtEnd: Bool = true, mergeThreshold: Int? = nil) -> Annotator {
        var annotator = Annotator(store: store, extractors: [DigitsExtractor(), CityExtractor()])
        annotator.batchDocuments = 4
        annotator.mergesValueLog = mergesAtEnd
        annotator.valueLogMergeThreshold = mergeThreshold
        annotator.directValueWritesBelow = 0  // the log from the first batch, however small the store
        return annotator
    }

    private func entries(_ store: GlossStore) throws -> (index: Int, log: Int, merging: Bool) {
        try store.read { ctx in
            (try ctx.txn.count(ctx.schema.byValue), try ctx.schema.valueLogs.reduce(0) { $0 + (try ctx.txn.count($1)) },
             try ctx.txn.get(ctx.schema.meta, key: ValueLog.mergedBelowKey) != nil)
        }
    }

    /// A store with the inputs annotated and its value log left as an interrupted run leaves it.
    private func unmerged() throws -> TemporaryStore {
        let temp = try TemporaryStore()
        _ = try annotator(temp.store, mergesAtEnd: false).annotate(Self.inputs)
        return temp
    }

    /// The same inputs annotated with the log merged at the end: what every state must answer.
    private func reference() throws -> (temp: TemporaryStore, answers: Answers, valued: Int) {
        let temp = try TemporaryStore()
        _ = try annotator(temp.store).annotate(Self.inputs)
        let state = try entries(temp.store)
        #expect(state.log == 0 && !state.merging)
        return (temp, try Answers(temp.store), state.index)
    }

    /// A small index is written directly: nothing goes to the log, nothing is left to merge
    /// (even when the end-of-run merge is off), and the answers are the same. Past the
    /// threshold, batches go to the log again.
    @Test func aSmallIndexIsWrittenDirectly() throws {
        let expected = try reference()
        let temp = try TemporaryStore()
        var direct = annotator(temp.store, mergesAtEnd: false)
        direct.directValueWritesBelow = ValueLog.directWritesBelow
        _ = try direct.annotate(Self.inputs)
        #expect(try entries(temp.store) == (expected.valued, 0, false))
        #expect(try Answers(temp.store) == expected.answers)
        #expect(try temp.store.check().isSound)

        let past = try TemporaryStore()
        var switching = annotator(past.store, mergesAtEnd: false)
        // Batches of four documents, eight value entries each: the first two go direct (the
        // index then holds 0 and 32 entries), the rest to the log.
        switching.directValueWritesBelow = 64
        _ = try switching.annotate(Self.inputs)
        let state = try entries(past.store)
        #expect(state.index == 64 && state.log == expected.valued - 64 && !state.merging)
        #expect(try Answers(past.store) == expected.answers)
    }

    @Test func aRunLeftUnmergedIsReadThroughTheLog() throws {
        let expected = try reference()
        #expect(!expected.answers.exact.isEmpty && !expected.answers.range.isEmpty && !expected.answers.prefix.isEmpty)
        #expect(expected.valued == 40 * 8)  // four numbers and four cities a document

        let temp = try unmerged()
        #expect(try entries(temp.store) == (0, expected.valued, false))
        #expect(try Answers(temp.store) == expected.answers)
        #expect(try temp.store.check().isSound)

        // The next annotation merges it, even with nothing new to write.
        _ = try annotator(temp.store).annotate(Self.inputs)
        #expect(try entries(temp.store) == (expected.valued, 0, false))
        #expect(try Answers(temp.store) == expected.answers)
        #expect(try temp.store.check().isSound)
    }

    @Test func aMergeLeftHalfDoneIsReadAndResumed() throws {
        let expected = try reference()
        let temp = try unmerged()
        try ValueLog.merge(temp.store, entriesPerTransaction: 30, transactions: 3)
        let halfway = try entries(temp.store)
        #expect(halfway.merging && halfway.index > 0 && halfway.index < expected.valued)
        #expect(try Answers(temp.store) == expected.answers)
        #expect(try temp.store.check().isSound)

        // A batch written meanwhile (by another process: `annotate` would finish the merge
        // first) goes to the other log, which the merge leaves alone; it is read at once, and
        // a delete finds its entries there.
        func writeLate() throws {
            try temp.store.write { ctx in
                ctx.appendsBatchRuns = true
                let text = "Paris 7"
                let hash = ContentHash.of(text)
                let id = try ctx.putDocument(name: "late", text: text, hash: hash, metadata: [:]).id
                for extractor in [DigitsExtractor() as any Extractor, CityExtractor()] {
                    let drafts = try extractor.extract(Document(name: "late", text: text))
                    _ = try ctx.replaceExtraction(document: id, extractorID: extractor.id, source: extractor.source,
                                                  textHash: hash, drafts: drafts)
                }
            }
        }
        try writeLate()
        #expect(try entries(temp.store) == (halfway.index, halfway.log + 2, true))
        #expect(try temp.store.spans(SpanQuery(labels: ["NUMBER"], value: "7")).contains { $0.document == "late" })
        #expect(try temp.store.check().isSound)
        #expect(try temp.store.removeDocument(name: "late"))
        #expect(try entries(temp.store) == (halfway.index, halfway.log, true))
        #expect(try Answers(temp.store) == expected.answers)

        // Written again, then merged: the merge under way ends, then the other log is merged.
        try writeLate()
        try ValueLog.merge(temp.store, entriesPerTransaction: 30)
        #expect(try entries(temp.store) == (expected.valued + 2, 0, false))
        _ = try temp.store.removeDocument(name: "late")
        #expect(try Answers(temp.store) == expected.answers)
        #expect(try temp.store.check().isSound)
    }

    /// A merge moves its full share per transaction however many runs the log holds: 120 runs
    /// (a document per batch) whose values lie in ranges of their own, merged 100 entries per
    /// transaction, put exactly 100 into the index in the first transaction, the smallest
    /// (a bound taken from every run's share, 100 / 120, moved 2), and all of them in 6.
    @Test func aMergeOfManyRunsMovesItsShareEachTransaction() throws {
        let inputs = (0..<120).map { i in
            AnnotationInput(name: "run\(i)", text: (0..<5).map { "\(i * 1_000 + $0)" }.joined(separator: " و "))
        }
        let temp = try TemporaryStore()
        var writer = annotator(temp.store, mergesAtEnd: false)
        writer.batchDocuments = 1
        _ = try writer.annotate(inputs)
        #expect(try entries(temp.store) == (0, 600, false))

        try ValueLog.merge(temp.store, entriesPerTransaction: 100, transactions: 1)
        #expect(try entries(temp.store) == (100, 600, true))
        let first = try temp.store.spans(SpanQuery(labels: ["NUMBER"], minimum: 0, maximum: 19_004))
        #expect(first.count == 100)
        try ValueLog.merge(temp.store, entriesPerTransaction: 100, transactions: 5)
        #expect(try entries(temp.store) == (600, 0, false))
        #expect(try temp.store.count(SpanQuery(labels: ["NUMBER"]), by: .value).count == 600)
        #expect(try temp.store.check().isSound)
    }

    /// `annotate` finishes a merge an interrupted run left half done before it writes, so that
    /// its batches go to the log again.
    @Test func annotateFinishesAnUnfinishedMergeFirst() throws {
        let expected = try reference()
        let temp = try unmerged()
        try ValueLog.merge(temp.store, entriesPerTransaction: 30, transactions: 2)
        #expect(try entries(temp.store).merging)
        _ = try annotator(temp.store, mergesAtEnd: false).annotate([AnnotationInput(name: "late", text: "Paris 7")])
        #expect(try entries(temp.store) == (expected.valued, 2, false))
        _ = try temp.store.removeDocument(name: "late")
        #expect(try Answers(temp.store) == expected.answers)
        #expect(try temp.store.check().isSound)
    }

    @Test func replacedAndRemovedDocumentsLeaveNoLogEntriesBehind() throws {
        let temp = try unmerged()
        let before = try entries(temp.store)
        // doc3's new text has no valued span, and doc5 goes: 8 entries each leave the log.
        try temp.store.addDocument(name: "doc3", text: "no numbers here")
        #expect(try temp.store.removeDocument(name: "doc5"))
        #expect(try entries(temp.store) == (0, before.log - 16, false))
        #expect(try temp.store.check().isSound)
        #expect(try temp.store.spans(SpanQuery(value: "Mosul")).allSatisfy { $0.document != "doc3" && $0.document != "doc5" })
        #expect(try temp.store.spans(SpanQuery(labels: ["NUMBER"], value: "21")).isEmpty)  // doc3's 3 × 7

        // Re-annotating a document inside one run: its first spans sit in an earlier run.
        var again = annotator(temp.store, mergesAtEnd: false)
        again.batchDocuments = 1
        _ = try again.annotate([AnnotationInput(name: "twice", text: "Paris 1"), AnnotationInput(name: "twice", text: "Paris 2")])
        #expect(try temp.store.spans(SpanQuery(value: "1")).allSatisfy { $0.document != "twice" })
        #expect(try temp.store.spans(SpanQuery(value: "2")).contains { $0.document == "twice" })
        #expect(try temp.store.check().isSound)
    }

    @Test func theLogIsMergedBetweenBatchesOnceItHoldsTheThreshold() throws {
        let expected = try reference()
        let temp = try TemporaryStore()
        _ = try annotator(temp.store, mergesAtEnd: false, mergeThreshold: 80).annotate(Self.inputs)
        // A batch of 4 documents adds 32 entries: the log reaches 80 after batches 3, 6 and 9,
        // and is merged then; the 10th batch's 32 stay in the log.
        #expect(try entries(temp.store) == (288, 32, false))
        #expect(288 + 32 == expected.valued)
        #expect(try Answers(temp.store) == expected.answers)
        #expect(try temp.store.check().isSound)
    }

    /// With merges a few steps long, `annotate` moves a merge on by a step in each batch's
    /// transaction (looking at the logs before the batch's own run goes in) while batches append
    /// to the other log, and finishes it at once only when that log fills first. Batches of 4
    /// documents add 32 entries; merges start at 80.
    /// Steps of 50: batch 4 starts merging the first log's 96 (50 moved), batch 5 ends it, with
    /// 64 in the other; batches 7–8 merge those 96; batch 10 starts on the next 96 (242 merged,
    /// 96 + 32 in the logs, a merge under way).
    /// Steps of 30: batches 4–6 move 90 of the first log's 96 while the other fills; batch 7
    /// finds 96 there, so the merge is finished once it is committed; batches 8–10 move 90 of
    /// the second log's 128 (186 merged, 128 + 96 in the logs, a merge under way).
    @Test(arguments: [(50, 242, 128), (30, 186, 224)])
    func aMergeGoesOnBesideTheBatches(step: Int, index: Int, log: Int) throws {
        let expected = try reference()
        let temp = try TemporaryStore()
        var stepping = annotator(temp.store, mergesAtEnd: false, mergeThreshold: 80)
        stepping.valueLogMergeStep = step
        _ = try stepping.annotate(Self.inputs)
        #expect(try entries(temp.store) == (index, log, true))
        #expect(try Answers(temp.store) == expected.answers)
        #expect(try temp.store.check().isSound)
        _ = try annotator(temp.store).annotate([])
        #expect(try entries(temp.store) == (expected.valued, 0, false))
        #expect(try Answers(temp.store) == expected.answers)
    }

    /// A version-4 store left with a merge under way (one log, no record of the current one) is
    /// upgraded with the other log current: it reads the same, and the merge ends as it would have.
    @Test func aVersion4MergeUnderWayIsUpgraded() throws {
        let expected = try reference()
        let temp = try unmerged()
        try ValueLog.merge(temp.store, entriesPerTransaction: 30, transactions: 2)
        let halfway = try entries(temp.store)
        #expect(halfway.merging)
        try temp.store.write { ctx in
            try ctx.txn.drop(ctx.schema.valueLogs[1])
            _ = try ctx.txn.delete(ctx.schema.meta, key: ValueLog.currentLogKey)
            try ctx.txn.put(ctx.schema.meta, key: MetaKey.schemaVersion, value: [0, 0, 0, 4])
        }
        let path = temp.store.path
        let reopened = try GlossStore(path: path)
        #expect(try reopened.read { ctx in try ctx.txn.get(ctx.schema.meta, key: MetaKey.schemaVersion).map(Array.init) } == [0, 0, 0, UInt8(Schema.version)])
        #expect(try entries(reopened) == halfway)
        #expect(try Answers(reopened) == expected.answers)
        #expect(try reopened.check().isSound)
        try ValueLog.merge(reopened, entriesPerTransaction: 30)
        #expect(try entries(reopened) == (expected.valued, 0, false))
        #expect(try Answers(reopened) == expected.answers)
    }

    /// A store of 60 documents of 80 numbers: 4,800 value entries (past
    /// ``ValueLog/smallRunsFrom``) in the index, the log empty.
    private func storePastSmallRunsFrom() throws -> TemporaryStore {
        let temp = try TemporaryStore()
        let inputs = (0..<60).map { i in
            AnnotationInput(name: "doc\(i)", text: (0..<80).map { "\(i * 1_000 + $0)" }.joined(separator: " و "))
        }
        #expect(4_800 >= ValueLog.smallRunsFrom)
        _ = try annotator(temp.store).annotate(inputs)
        #expect(try entries(temp.store) == (4_800, 0, false))
        return temp
    }

    /// `annotate` of a few documents at a time, on a store whose index is below
    /// ``ValueLog/directWritesBelow``, writes each batch as a small transaction: a run in the
    /// log, left there when the run ends, until the 16th merges them. A run whose batches went
    /// to the log as annotation batches merges everything at its end, small runs included.
    @Test func annotatingAFewDocumentsAtATimeAppendsSmallRuns() throws {
        let temp = try storePastSmallRunsFrom()
        var few = Annotator(store: temp.store, extractors: [DigitsExtractor()])
        #expect(few.directValueWritesBelow > 4_800)
        func annotateNew(_ k: Int) throws {
            let text = (0..<10).map { "\(100_000 + k * 100 + $0)" }.joined(separator: " و ")
            _ = try few.annotate([AnnotationInput(name: "new\(k)", text: text)])
        }
        for k in 0..<15 { try annotateNew(k) }
        #expect(try entries(temp.store) == (4_800, 150, false))
        #expect(try temp.store.spans(SpanQuery(labels: ["NUMBER"], minimum: 100_000, maximum: 200_000)).count == 150)
        #expect(try temp.store.spans(SpanQuery(labels: ["NUMBER"], value: "100705")).map(\.document) == ["new7"])
        #expect(try temp.store.check().isSound)
        // Annotating new7 again with other numbers replaces its entries in the log.
        _ = try few.annotate([AnnotationInput(name: "new7", text: "300001 و 300002")])
        #expect(try entries(temp.store) == (4_800 + 142, 0, false))  // the 16th run: merged
        #expect(try temp.store.spans(SpanQuery(labels: ["NUMBER"], value: "100705")).isEmpty)
        #expect(try temp.store.spans(SpanQuery(labels: ["NUMBER"], minimum: 300_000, maximum: 300_002)).count == 2)
        #expect(try temp.store.check().isSound)

        try annotateNew(20)
        #expect(try entries(temp.store) == (4_942, 10, false))
        few.directValueWritesBelow = 0  // a batch of an annotation run of a large store
        try annotateNew(21)
        #expect(try entries(temp.store) == (4_962, 0, false))
        #expect(try temp.store.check().isSound)
    }

    /// `annotate` merges at its end a log holding batch runs, not one holding only small runs,
    /// and never empty logs, whatever `meta` says (a Gloss before small runs merges without
    /// clearing the record of batch runs).
    @Test func whatAnnotateMergesAtItsEnd() throws {
        let temp = try storePastSmallRunsFrom()
        #expect(try !ValueLog.needsMerge(temp.store))
        try temp.store.write { ctx in try ctx.txn.put(ctx.schema.meta, key: ValueLog.batchRunsKey, value: [1]) }
        #expect(try !ValueLog.needsMerge(temp.store))  // empty logs
        try temp.store.importSpans([ImportedSpan(origin: "test", document: "doc0",
                                                 draft: SpanDraft(start: 0, end: 4, label: "AMOUNT", value: .integer(1)))],
                                   source: "gold")
        #expect(try entries(temp.store) == (4_800, 1, false))
        #expect(try ValueLog.needsMerge(temp.store))  // the record says batch runs
        try temp.store.write { ctx in _ = try ctx.txn.delete(ctx.schema.meta, key: ValueLog.batchRunsKey) }
        #expect(try !ValueLog.needsMerge(temp.store))  // one small run
    }

    /// Write transactions other than annotation batches (here imports, through the public
    /// API) append their few value entries to the log as a run once the index holds
    /// ``ValueLog/smallRunsFrom`` entries; the transaction that appends the 16th run merges
    /// the whole log. Queries see every entry throughout, a replaced import's entries leave the
    /// log, and an import that fails leaves the log as it was.
    @Test func smallTransactionsAppendRunsAndMergeEverySixteen() throws {
        let temp = try storePastSmallRunsFrom()

        /// `count` AMOUNT spans on document `document`, values `base`, `base + 1`, …, under
        /// source `s<document>`.
        func importAmounts(_ document: Int, count: Int, base: Int64, badOffsets: Bool = false) throws {
            let text = try temp.store.text(ofDocument: "doc\(document)")
            let spans = (0..<count).map { j in
                let start = badOffsets && j == count - 1 ? text.count : j * 4
                return ImportedSpan(origin: "test:\(j)", document: "doc\(document)",
                                    draft: SpanDraft(start: start, end: start + 2, label: "AMOUNT", value: .integer(base + Int64(j))))
            }
            try temp.store.importSpans(spans, source: "s\(document)")
        }
        func amounts() throws -> [Int64] {
            try temp.store.spans(SpanQuery(labels: ["AMOUNT"], minimum: 0, maximum: 1_000_000)).compactMap {
                if case .integer(let n)? = $0.value { return n } else { return nil }
            }.sorted()
        }
        var expected: [Int64] = []
        for document in 0..<15 {
            try importAmounts(document, count: 10, base: Int64(document * 100))
            expected += (0..<10).map { Int64(document * 100 + $0) }
        }
        #expect(try entries(temp.store) == (4_800, 150, false))
        #expect(try amounts() == expected.sorted())
        #expect(try temp.store.count(SpanQuery(labels: ["AMOUNT"]), by: .value).count == 150)
        #expect(try temp.store.spans(SpanQuery(labels: ["AMOUNT"], value: "702")).map(\.document) == ["doc7"])
        #expect(try temp.store.check().isSound)

        // An import that fails writes nothing, in the log or anywhere.
        #expect(throws: StoreError.self) { try importAmounts(20, count: 5, base: 5_000, badOffsets: true) }
        #expect(try entries(temp.store) == (4_800, 150, false))

        // Importing s3 again replaces its ten spans, whose entries leave the log; its five new
        // entries are the 16th run, and that transaction merges the log into the index.
        try importAmounts(3, count: 5, base: 9_000)
        expected.removeAll { $0 >= 300 && $0 < 400 }
        expected += (0..<5).map { 9_000 + $0 }
        #expect(try entries(temp.store) == (4_800 + 145, 0, false))
        #expect(try amounts() == expected.sorted())
        #expect(try temp.store.spans(SpanQuery(labels: ["AMOUNT"], value: "302")).isEmpty)
        #expect(try temp.store.check().isSound)

        // The next small transaction starts a new log.
        try importAmounts(40, count: 3, base: 7_000)
        #expect(try entries(temp.store) == (4_945, 3, false))
        #expect(try temp.store.spans(SpanQuery(labels: ["AMOUNT"], minimum: 7_000, maximum: 7_002)).count == 3)
    }

    /// A store whose index is a few pages, and a transaction of many entries, write the index.
    @Test func smallIndexesAndLargeTransactionsWriteTheIndex() throws {
        let temp = try TemporaryStore()
        _ = try annotator(temp.store).annotate(Self.inputs)
        #expect(try entries(temp.store) == (320, 0, false))
        try temp.store.importSpans([ImportedSpan(origin: "test", document: "doc0",
                                                 draft: SpanDraft(start: 0, end: 5, label: "AMOUNT", value: .integer(1)))],
                                   source: "gold")
        #expect(try entries(temp.store) == (321, 0, false))

        // One document of `smallRunEntries + 1` numbers, then all of its spans imported again.
        let large = try TemporaryStore()
        let text = (0...ValueLog.smallRunEntries).map { "\($0)" }.joined(separator: " ")
        _ = try annotator(large.store).annotate([AnnotationInput(name: "numbers", text: text)])
        let numbers = try large.store.spans(SpanQuery(labels: ["NUMBER"]))
        #expect(numbers.count == ValueLog.smallRunEntries + 1)
        #expect(try entries(large.store) == (numbers.count, 0, false))
        try large.store.importSpans(numbers.map { span in
            ImportedSpan(origin: "test", document: span.document,
                         draft: SpanDraft(start: span.start, end: span.end, label: "AMOUNT", value: span.value))
        }, source: "gold")
        #expect(try entries(large.store) == (2 * numbers.count, 0, false))
    }

    /// A check notices a log entry whose span is gone, and a valued span missing from both.
    @Test func checkCountsTheLog() throws {
        let temp = try unmerged()
        try temp.store.write { ctx in
            try ctx.txn.withCursor(ctx.schema.valueLogs[0]) { cursor in  // no merge yet: the first log
                _ = try cursor.first()
                try cursor.deleteCurrent()
            }
        }
        let report = try temp.store.check()
        #expect(!report.isSound)
        #expect(report.problems.contains { $0.contains("missing from the value index") })
        #expect(report.problems.contains { $0.contains("the value index has \(40 * 8 - 1) entries for \(40 * 8) spans") })
    }
}
