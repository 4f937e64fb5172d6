import Foundation
import GlossKit
import LMDB
import Testing
@testable import GlossStore

/// Span records (format 2, schema 6) say where their text lies in the stored text, so that
/// reading a span cuts it without counting code points. Both write paths must find the same
/// place counting would; records of format 1 (schema 5) must still read; `check` must catch a
/// record whose place is wrong.
@Suite("Span text locations")
struct SpanTextLocationTests {
    /// What a record must hold for code points `start..<end` of `text`, counted one code point
    /// at a time: the UTF-8 bytes from the start of the span's chunk to the span, and the span's.
    static func expectedLocation(_ text: String, _ start: Int, _ end: Int) -> SpanTextLocation {
        let scalars = Array(text.unicodeScalars)
        func bytes(_ range: Range<Int>) -> Int { scalars[range].reduce(0) { $0 + UTF8.width($1) } }
        let chunkStart = start / TextChunks.codePoints * TextChunks.codePoints
        return SpanTextLocation(offset: bytes(chunkStart ..< start), length: bytes(start ..< end))
    }

    /// Every span record of the store at `path` with its key, read raw.
    static func records(_ store: GlossStore) throws -> [(key: SpanKey, record: SpanRecord)] {
        try store.read { ctx in
            var records: [(key: SpanKey, record: SpanRecord)] = []
            try ctx.txn.scan(ctx.schema.spans) { key, value in
                records.append((try SpanKey(suffixOf: key), try SpanRecord.decode(value)))
                return true
            }
            return records
        }
    }

    /// Rewrites every span record of the store at `path` through `transform`.
    static func rewriteRecords(_ path: String, version: UInt32? = nil, _ transform: ([UInt8]) throws -> [UInt8]) throws {
        let env = try rawEnvironment(path)
        let spans = try env.openDatabase("spans")
        let meta = try env.openDatabase("meta")
        try env.write { txn in
            var rewritten: [([UInt8], [UInt8])] = []
            try txn.scan(spans) { key, value in
                rewritten.append((Array(key), try transform(Array(value))))
                return true
            }
            for (key, value) in rewritten { try txn.put(spans, key: key, value: value) }
            if let version {
                var w = ByteWriter()
                w.u32(version)
                try txn.put(meta, key: MetaKey.schemaVersion, value: w.bytes)
            }
        }
    }

    /// A record of format 2 cut in three: its text location and the fields after it.
    static func split(_ record: [UInt8]) throws -> (offset: UInt64, length: UInt64, rest: ArraySlice<UInt8>) {
        let (offset, length, position) = try record.withUnsafeBytes { bytes in
            var reader = ByteReader(bytes)
            guard try reader.u8() == SpanRecord.format else { throw StoreError.corrupt("not a record of format 2") }
            return (try reader.varint(), try reader.varint(), reader.position)
        }
        return (offset, length, record[position...])
    }

    /// A record of format 2 with its text location replaced.
    static func relocated(_ record: [UInt8], offset: UInt64, length: UInt64) throws -> [UInt8] {
        var w = ByteWriter()
        w.u8(SpanRecord.format)
        w.varint(offset)
        w.varint(length)
        return w.bytes + (try split(record).rest)
    }

    /// A record of format 2 turned into format 1, as schema 5 wrote it (no text location).
    static func withoutLocation(_ record: [UInt8]) throws -> [UInt8] {
        [SpanRecord.formatWithoutLocation] + (try split(record).rest)
    }

    /// The locator extraction threads use finds, for every range of a long mixed text, what
    /// counting code points finds.
    @Test func locatorAgreesWithCounting() throws {
        let text = TextChunkTests.text
        var utf8Text = text
        let n = text.unicodeScalars.count
        let starts = Array(stride(from: 0, to: n, by: 7)) + [255, 256, 257, 511, 512, n - 1]
        try utf8Text.withUTF8 { (utf8: UnsafeBufferPointer<UInt8>) throws -> Void in
            var locator = SpanTextLocator(utf8: UnsafeRawBufferPointer(utf8))
            for start in starts {
                for end in [start + 1, start + 2, start + 40, start + 300, n] where end <= n {
                    #expect(try locator.locate(start, end) == Self.expectedLocation(text, start, end), "\(start)..<\(end)")
                }
            }
            // Backwards, and out of the text.
            #expect(try locator.locate(3, 9) == Self.expectedLocation(text, 3, 9))
            #expect(throws: StoreError.self) { try locator.locate(n + 300, n + 301) }
            #expect(throws: StoreError.self) { try locator.locate(n - 1, n + 1) }
            #expect(throws: StoreError.self) { try locator.locate(9, 3) }
        }
    }

    /// Spans written by the writer (the first run: its names are new to the store) and spans
    /// encoded ahead on the extraction threads (the second run) hold the places counting finds,
    /// across chunk boundaries and in every script, and read back exactly.
    @Test func bothWritePathsLocateTheirSpans() throws {
        let temp = try TemporaryStore()
        let drafts = TextChunkTests.ranges.map { SpanDraft(start: $0.0, end: $0.1, label: "THING") }
        let annotator = Annotator(store: temp.store, extractors: [ScriptedExtractor(drafts: drafts)])
        _ = try annotator.annotate([AnnotationInput(name: "first", text: TextChunkTests.text)])
        _ = try annotator.annotate([AnnotationInput(name: "second", text: TextChunkTests.text)])
        let records = try Self.records(temp.store)
        #expect(records.count == 2 * drafts.count)
        for (key, record) in records {
            #expect(record.text == Self.expectedLocation(TextChunkTests.text, Int(key.start), Int(key.end)), "\(key.start)..<\(key.end)")
        }
        let scalars = Array(TextChunkTests.text.unicodeScalars)
        for span in try temp.store.spans() {
            var expected = String.UnicodeScalarView()
            expected.append(contentsOf: scalars[span.start ..< span.end])
            #expect(span.text == String(expected))
        }
        #expect(try temp.store.check().isSound)
        // The writer's locator, on the stored text: the same places; no backward range.
        try temp.store.read { ctx in
            let id = try #require(try ctx.documentID("first"))
            try ctx.txn.withCursor(ctx.schema.texts) { (texts: Cursor) throws -> Void in
                var slicer = TextSlicer(texts: texts)
                slicer.reset(document: id)
                #expect(try slicer.locate(300, 700) == Self.expectedLocation(TextChunkTests.text, 300, 700))
                #expect(throws: StoreError.self) { try slicer.locate(9, 3) }
                #expect(throws: StoreError.self) { try slicer.locate(1_290, 1_400) }
            }
        }
    }

    /// A store of schema 5, whose records lack text locations, reads the same once opened (the
    /// upgrade only records the new version); spans added afterwards carry locations, and a
    /// document holding both kinds reads back exactly.
    @Test func aVersion5StoreReadsTheSameAndTakesNewRecords() throws {
        let temp = try TemporaryStore()
        let inputs = [AnnotationInput(name: "long", text: TextChunkTests.text),
                      AnnotationInput(name: "mixed", text: "Paris 12 و بغداد ٣٤ ثم الموصل 56 and Paris 78")]
        _ = try Annotator(store: temp.store, extractors: [DigitsExtractor(),
                                                          ScriptedExtractor(drafts: TextChunkTests.ranges.map { SpanDraft(start: $0.0, end: $0.1, label: "THING") })])
            .annotate([inputs[0]])
        _ = try Annotator(store: temp.store, extractors: [DigitsExtractor()]).annotate([inputs[1]])
        let before = try temp.store.spans()
        let path = temp.store.path
        try Self.rewriteRecords(path, version: 5, Self.withoutLocation)

        var options = GlossStore.Options()
        options.durable = false
        let reopened = try GlossStore(path: path, options: options)
        #expect(try reopened.read { ctx in try ctx.txn.get(ctx.schema.meta, key: MetaKey.schemaVersion).map(Array.init) } == [0, 0, 0, UInt8(Schema.version)])
        #expect(try Self.records(reopened).allSatisfy { $0.record.text == nil })
        #expect(try reopened.spans() == before)
        // Labels over a fifth of the spans: their records are read and filtered by label.
        for label in ["NUMBER", "THING"] {
            #expect(try reopened.read { ctx in
                try QueryRunner(ctx: ctx, query: SpanQuery()).readsRecords(of: [try #require(try ctx.lookup(.label, label))])
            })
            #expect(try reopened.spans(SpanQuery(labels: [label])) == before.filter { $0.label == label })
        }
        #expect(try reopened.check().isSound)

        // A second extractor on the mixed document: its records (format 2) sit between the
        // digits' (format 1).
        _ = try Annotator(store: reopened, extractors: [CityExtractor()]).annotate([inputs[1]])
        let mixed = try reopened.spans(SpanQuery(documents: ["mixed"]))
        #expect(Set(mixed.map(\.label)) == ["NUMBER", "CITY"])
        #expect(try reopened.spans(SpanQuery(labels: ["NUMBER"], documents: ["mixed"])) == mixed.filter { $0.label == "NUMBER" })
        let scalars = Array(inputs[1].text.unicodeScalars)
        for span in mixed {
            var expected = String.UnicodeScalarView()
            expected.append(contentsOf: scalars[span.start ..< span.end])
            #expect(span.text == String(expected), "\(span.label) \(span.start)..<\(span.end)")
        }
        let mixedID = try #require(try reopened.read { try $0.documentID("mixed") })
        let formats = try Self.records(reopened).filter { $0.key.document == mixedID }.map { $0.record.text != nil }
        #expect(formats.contains(true) && formats.contains(false))
        #expect(try reopened.check().isSound)
    }

    /// `check` reports a record whose location is not where its code points lie; a location
    /// past the end of the text is an error on reading, not a crash.
    @Test func aWrongLocationIsFound() throws {
        let temp = try TemporaryStore()
        _ = try Annotator(store: temp.store, extractors: [DigitsExtractor()])
            .annotate([AnnotationInput(name: "d", text: "عدد ١٢ و 34 and 56")])
        let path = temp.store.path
        // Shift every span's place one byte on.
        try Self.rewriteRecords(path) { record in
            let (offset, length, _) = try Self.split(record)
            return try Self.relocated(record, offset: offset + 1, length: length)
        }
        let report = try temp.store.check()
        #expect(!report.isSound)
        #expect(report.problems.contains { $0.contains("places its text at byte") })

        // A text running past the end of the document.
        try Self.rewriteRecords(path) { try Self.relocated($0, offset: 0, length: 5_000) }
        #expect(throws: StoreError.self) { try temp.store.spans() }
    }
}
