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
        return annotator
    }

    private func entries(_ store: GlossStore) throws -> (index: Int, log: Int, merging: Bool) {
        try store.read { ctx in
            (try ctx.txn.count(ctx.schema.byValue), try ctx.txn.count(ctx.schema.valueLog),
             try ctx.txn.get(ctx.schema.meta, key: ValueLog.mergedBelowKey) != nil)
        }
    }

    /// Entries of the log still live: not below the point a merge under way has reached (the
    /// merge has put those into the index; they stay in the log until it ends).
    private func liveLogEntries(_ store: GlossStore) throws -> Int {
        try store.read { ctx in
            let mergedBelow = try ctx.txn.get(ctx.schema.meta, key: ValueLog.mergedBelowKey).map { Array($0) } ?? []
            var live = 0
            try ctx.txn.scan(ctx.schema.valueLog, prefix: []) { key, _ in
                if !Array(key.dropFirst(ValueLog.runBytes)).lexicographicallyPrecedes(mergedBelow) { live += 1 }
                return true
            }
            return live
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

        // A batch written meanwhile adds a run, but its entries below the point the merge has
        // reached go to the index: "1" is among the numbers merged, Paris among the cities not.
        let mergedBelow = try temp.store.read { ctx in try #require(try ctx.txn.get(ctx.schema.meta, key: ValueLog.mergedBelowKey)).map { $0 } }
        try temp.store.write { ctx in
            ctx.defersValueIndex = true
            let text = "Paris 1"
            let hash = ContentHash.of(text)
            let id = try ctx.putDocument(name: "late", text: text, hash: hash, metadata: [:]).id
            for extractor in [DigitsExtractor() as any Extractor, CityExtractor()] {
                let drafts = try extractor.extract(Document(name: "late", text: text))
                _ = try ctx.replaceExtraction(document: id, extractorID: extractor.id, source: extractor.source,
                                              textHash: hash, drafts: drafts)
            }
        }
        let late = try entries(temp.store)
        #expect(late.index == halfway.index + 1 && late.log == halfway.log + 1 && late.merging, "\(late) after \(halfway)")
        #expect(try temp.store.read { ctx in try ctx.txn.get(ctx.schema.meta, key: ValueLog.mergedBelowKey).map { Array($0) } } == mergedBelow)
        #expect(try temp.store.spans(SpanQuery(labels: ["NUMBER"], value: "1")).contains { $0.document == "late" })
        #expect(try temp.store.spans(SpanQuery(value: "Paris")).contains { $0.document == "late" })
        #expect(try temp.store.check().isSound)

        try ValueLog.merge(temp.store, entriesPerTransaction: 30)
        #expect(try entries(temp.store) == (expected.valued + 2, 0, false))
        _ = try temp.store.removeDocument(name: "late")
        #expect(try Answers(temp.store) == expected.answers)
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

    /// With merge steps smaller than the log, a merge goes on over several batches, one step in
    /// each, while the batches add runs; the store answers as a merged one throughout.
    @Test(arguments: [(80, 30), (60, 7), (40, 100)])
    func aMergeGoesOnAStepPerBatch(threshold: Int, step: Int) throws {
        let expected = try reference()
        let temp = try TemporaryStore()
        var annotator = annotator(temp.store, mergesAtEnd: false, mergeThreshold: threshold)
        annotator.valueLogMergeStep = step
        var sawMerging = false
        for start in stride(from: 0, to: Self.inputs.count, by: 4) {
            // One batch at a time through the store's own write path, as `annotate` does.
            let batch = Array(Self.inputs[start ..< start + 4])
            try temp.store.write { ctx in
                ctx.defersValueIndex = true
                ctx.valueLogMergeThreshold = threshold
                ctx.valueLogMergeStep = step
                for input in batch {
                    let hash = ContentHash.of(input.text)
                    let id = try ctx.putDocument(name: input.name, text: input.text, hash: hash, metadata: [:]).id
                    for extractor in [DigitsExtractor() as any Extractor, CityExtractor()] {
                        let drafts = try extractor.extract(Document(name: input.name, text: input.text))
                        _ = try ctx.replaceExtraction(document: id, extractorID: extractor.id, source: extractor.source,
                                                      textHash: hash, drafts: drafts)
                    }
                }
            }
            let state = try entries(temp.store)
            sawMerging = sawMerging || state.merging
            #expect(try state.index + liveLogEntries(temp.store) == (start + 4) * 8)
            #expect(try temp.store.check().isSound)
        }
        #expect(sawMerging == (step < threshold), "a step smaller than the log leaves the merge under way")
        #expect(try Answers(temp.store) == expected.answers)
        // Annotating more finishes nothing early and loses nothing.
        _ = try annotator.annotate([AnnotationInput(name: "late", text: "Paris 7")])
        _ = try temp.store.removeDocument(name: "late")
        try ValueLog.merge(temp.store)
        #expect(try entries(temp.store) == (expected.valued, 0, false))
        #expect(try Answers(temp.store) == expected.answers)
        #expect(try temp.store.check().isSound)
    }

    /// A check notices a log entry whose span is gone, and a valued span missing from both.
    @Test func checkCountsTheLog() throws {
        let temp = try unmerged()
        try temp.store.write { ctx in
            try ctx.txn.withCursor(ctx.schema.valueLog) { cursor in
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
