import Foundation
import GlossKit
import LMDB
import Testing
@testable import GlossStore

/// Texts are stored in chunks of 256 code points; spans anywhere — inside a chunk, across one or
/// several chunk boundaries, at the very end — must read back exactly.
@Suite("Text chunks")
struct TextChunkTests {
    /// A long text mixing 1-, 2-, 3- and 4-byte characters.
    static let text: String = {
        let pieces = ["قال الوزير ", "Minister ", "🙂", "١٢٣ ", "€ ", "عمّان "]
        var s = ""
        var i = 0
        while s.unicodeScalars.count < 1_300 {
            s += pieces[i % pieces.count]
            i += 1
        }
        return s
    }()

    /// Spans chosen around chunk boundaries (255, 256, 257, 511, 512…) and over three chunks.
    static let ranges: [(Int, Int)] = {
        let n = text.unicodeScalars.count
        return [(0, 1), (250, 256), (255, 257), (256, 300), (200, 800), (511, 512), (512, 513), (100, 1_200),
                (767, 1_025), (n - 3, n), (n - 1, n), (0, n)]
    }()

    @Test func spansAcrossChunkBoundariesReadBack() throws {
        let temp = try TemporaryStore()
        let drafts = Self.ranges.map { SpanDraft(start: $0.0, end: $0.1, label: "THING") }
        _ = try Annotator(store: temp.store, extractors: [ScriptedExtractor(drafts: drafts)])
            .annotate([AnnotationInput(name: "long", text: Self.text), AnnotationInput(name: "short", text: "ab")])
        let scalars = Array(Self.text.unicodeScalars)
        var expected: [String: String] = [:]
        for (start, end) in Self.ranges {
            var s = String.UnicodeScalarView()
            s.append(contentsOf: scalars[start..<end])
            expected["\(start)-\(end)"] = String(s)
        }
        let spans = try temp.store.spans(SpanQuery(documents: ["long"]))
        #expect(spans.count == Self.ranges.count)
        for span in spans { #expect(span.text == expected["\(span.start)-\(span.end)"], "\(span.start)-\(span.end)") }
        var streamed = 0
        try temp.store.forEachSpanReference(SpanQuery(documents: ["long"])) { span in
            #expect(String(decoding: span.text, as: UTF8.self) == expected["\(span.start)-\(span.end)"])
            streamed += 1
            return true
        }
        #expect(streamed == Self.ranges.count)
        #expect(try temp.store.text(ofDocument: "long") == Self.text)
        #expect(try temp.store.text(ofDocument: "short") == "ab")
        #expect(try temp.store.check().isSound)
        // 1,300 code points: six chunks, plus one for the short text.
        #expect(try temp.store.read { try $0.txn.count(temp.store.schema.texts) } == 7)
    }

    /// The walker that finds a code point's byte offset in a chunk (sixteen bytes at a time, then
    /// eight, then bytes) lands on the same byte as counting code points one by one, for targets
    /// near and far, forward and back, kept or not, in text of 1- to 4-byte characters.
    @Test func codePointWalkerFindsEveryOffset() throws {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func random(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let alphabet: [Unicode.Scalar] = ["a", " ", "ق", "ّ", "€", "🙂", "٣", "Z"]
        for _ in 0..<40 {
            var scalars: [Unicode.Scalar] = []
            let length = random(300)
            // Runs of one character, so that blocks of one width (ASCII, Arabic, emoji) occur.
            while scalars.count < length {
                let scalar = alphabet[random(alphabet.count)]
                scalars += Array(repeating: scalar, count: 1 + random(40))
            }
            scalars = Array(scalars.prefix(length))
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars)
            let bytes = Array(String(view).utf8)
            var offsets = [0]
            for scalar in scalars { offsets.append(offsets[offsets.count - 1] + UTF8.width(scalar)) }
            try bytes.withUnsafeBytes { (raw: UnsafeRawBufferPointer) throws in
                var walker = CodePointWalker(bytes: raw)
                for _ in 0..<60 {
                    let target = random(scalars.count + 1)
                    #expect(try walker.offset(of: target, keep: random(2) == 0) == offsets[target], "\(target) of \(scalars.count)")
                }
                #expect(throws: StoreError.self) { try walker.offset(of: scalars.count + 1 + random(20), keep: true) }
            }
        }
    }

    /// Hundreds of spans at seeded random places over several texts, nested and overlapping,
    /// with two labels in random turns (so that a label's spans lie 0 to dozens of spans
    /// apart): every access path — the whole store, one label through the label index, a value
    /// range through the value index — reads back each span's text, label and value exactly.
    @Test func randomSpansReadBackThroughEveryPath() throws {
        struct TwoLabels: Extractor {
            let id = "two-labels"
            let version = "1"
            let labels = ["A", "B"]
            let drafts: [String: [SpanDraft]]
            func extract(_ document: Document) throws -> [SpanDraft] { drafts[document.name] ?? [] }
        }
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func random(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let scalars = Array(Self.text.unicodeScalars)
        var drafts: [String: [SpanDraft]] = [:]
        var expected: [String: (label: String, value: Int64, text: String)] = [:]
        for document in 0..<4 {
            let name = "doc\(document)"
            for _ in 0..<(150 + random(150)) {
                let start = random(scalars.count)
                let end = min(scalars.count, start + 1 + random(document == 3 ? 600 : 24))
                let label = random(7) == 0 ? "A" : "B"
                let value = Int64(random(1_000))
                let key = "\(name) \(start) \(end) \(label) \(value)"
                guard expected[key] == nil else { continue }
                drafts[name, default: []].append(SpanDraft(start: start, end: end, label: label, value: .integer(value)))
                var text = String.UnicodeScalarView()
                text.append(contentsOf: scalars[start..<end])
                expected[key] = (label, value, String(text))
            }
        }
        let temp = try TemporaryStore()
        _ = try Annotator(store: temp.store, extractors: [TwoLabels(drafts: drafts)])
            .annotate((0..<4).map { AnnotationInput(name: "doc\($0)", text: Self.text) })
        func readBack(_ query: SpanQuery, where include: ((label: String, value: Int64, text: String)) -> Bool) throws {
            var seen = 0
            try temp.store.forEachSpanReference(query) { span in
                guard case .integer(let value)? = span.valueRef else {
                    Issue.record("span without its value")
                    return false
                }
                let key = "\(span.document) \(span.start) \(span.end) \(span.label) \(value)"
                #expect(expected[key]?.text == String(decoding: span.text, as: UTF8.self), "\(key)")
                seen += 1
                return true
            }
            #expect(seen == expected.values.filter(include).count, "\(query)")
        }
        try readBack(SpanQuery()) { _ in true }
        try readBack(SpanQuery(labels: ["A"])) { $0.label == "A" }
        try readBack(SpanQuery(labels: ["B"])) { $0.label == "B" }
        try readBack(SpanQuery(labels: ["A"], minimum: 100, maximum: 400)) { $0.label == "A" && (100...400).contains($0.value) }
    }

    @Test func replacingAndRemovingDropsEveryChunk() throws {
        let temp = try TemporaryStore()
        #expect(try temp.store.addDocument(name: "d", text: Self.text) == .added)
        #expect(try temp.store.addDocument(name: "d", text: "short now") == .replaced)
        #expect(try temp.store.text(ofDocument: "d") == "short now")
        #expect(try temp.store.read { try $0.txn.count(temp.store.schema.texts) } == 1)
        #expect(try temp.store.removeDocument(name: "d"))
        #expect(try temp.store.read { try $0.txn.count(temp.store.schema.texts) } == 0)
        #expect(try temp.store.check().isSound)
    }

    /// A store in the layout of schema 1 (whole texts under `doc u32`; indexes `by_label`,
    /// `by_value`, `by_source` with the span key at the end of the key) is
    /// upgraded when opened for writing, and reads back the same.
    @Test func aVersion1StoreIsUpgraded() throws {
        let temp = try TemporaryStore()
        let path = temp.store.path
        let drafts = Self.ranges.enumerated().map { i, range in
            SpanDraft(start: range.0, end: range.1, label: "THING", value: i % 3 == 0 ? nil : .integer(Int64(i % 2)))
        }
        _ = try Annotator(store: temp.store, extractors: [ScriptedExtractor(drafts: drafts)])
            .annotate([AnnotationInput(name: "long", text: Self.text), AnnotationInput(name: "short", text: "ab")])
        let before = try temp.store.spans()
        let valueCounts = try temp.store.count(SpanQuery(labels: ["THING"]), by: .value)
        // Rewrite it as schema 1 with raw LMDB (the index entries in their old layout).
        do {
            let env = try rawEnvironment(path)
            let texts = try env.openDatabase("texts")
            let meta = try env.openDatabase("meta")
            let bySource = try env.openDatabase("by_source", flags: .create)
            let byLabel = try env.openDatabase("by_label", flags: .create)
            let byValue = try env.openDatabase("by_value", flags: .create)
            let labelIndex = try env.openDatabase("label_index", flags: [.duplicateSort, .duplicateFixed])
            let valueIndex = try env.openDatabase("value_index", flags: [.duplicateSort, .duplicateFixed])
            try env.write { txn in
                // Move the index entries to the old layout.
                var labels: [[UInt8]] = []
                try txn.scan(labelIndex) { key, value in labels.append(Array(key) + Array(value)); return true }
                var values: [[UInt8]] = []
                try txn.scan(valueIndex) { key, value in values.append(Array(key) + Array(value)); return true }
                #expect(labels.count == Self.ranges.count)
                #expect(!values.isEmpty)
                try txn.clear(labelIndex)
                try txn.clear(valueIndex)
                for entry in labels {
                    // label · doc · position → label · span key (doc · position)
                    try txn.put(byLabel, key: Array(entry[0..<4]) + Array(entry[4...]), value: [])
                }
                for entry in values { try txn.put(byValue, key: entry, value: []) }
                try txn.clear(texts)
                for (id, text) in [(UInt32(1), Self.text), (UInt32(2), "ab")] {
                    try txn.put(texts, key: IndexKey.prefix(id), value: Array(text.utf8))
                }
                try txn.put(bySource, key: [0, 0, 0, 1] + [UInt8](repeating: 0, count: 20), value: [])
                try txn.put(meta, key: MetaKey.schemaVersion, value: [0, 0, 0, 1])
            }
        }
        let reopened = try GlossStore(path: path)
        #expect(try reopened.spans() == before)
        #expect(try reopened.count(SpanQuery(labels: ["THING"]), by: .value).map { "\($0.key)=\($0.count)" }
                == valueCounts.map { "\($0.key)=\($0.count)" })
        #expect(try reopened.text(ofDocument: "long") == Self.text)
        #expect(try reopened.check().isSound)
        #expect(try reopened.read { try $0.txn.count(reopened.schema.texts) } == 7)
        for old in ["by_source", "by_label", "by_value"] {
            #expect(throws: LMDBError.self) { try reopened.environment.openDatabase(old) }
        }
    }
}
