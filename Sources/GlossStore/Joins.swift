import GlossKit
import LMDB

/// A position condition between a span and the spans of another label in the same document.
///
/// `SpanJoin(.near(30), label: "PLACE")` keeps spans that lie within 30 code points of a
/// `PLACE` span. A span never satisfies a join through itself.
public struct SpanJoin: Sendable, Hashable {
    /// How the two spans must lie.
    public enum Relation: Sendable, Hashable {
        /// The span lies within one of the other spans (`other.start <= start && end <= other.end`).
        case inside
        /// The span encloses one of the other spans.
        case contains
        /// The span shares at least one code point with one of the other spans.
        case overlaps
        /// The span is at most N code points away from one of the other spans (overlap is distance 0).
        case near(Int)
        /// The span ends before one of the other spans starts — at most N code points before, if given.
        case before(Int?)
        /// The span starts after one of the other spans ends — at most N code points after, if given.
        case after(Int?)
        /// The span starts in a sentence where one of the other spans starts (sentences from the tokenizer).
        case sameSentence
    }

    /// The relation that must hold.
    public var relation: Relation
    /// The label of the other spans.
    public var label: String

    /// Creates a join.
    public init(_ relation: Relation, label: String) {
        self.relation = relation
        self.label = label
    }
}

/// Evaluates joins one document at a time: buffers the candidates of a document (keys and
/// records in place: nothing is copied), loads the other label's spans of that document from
/// `by_label` (already sorted by start), and tests every candidate with binary searches over
/// prefix/suffix extremes — O((n + m) log m) per document, with buffers reused across documents.
struct JoinEvaluator {
    private let joins: [(relation: SpanJoin.Relation, label: UInt32)]
    private let ctx: ReadContext
    private var document: UInt32?
    private var buffer: [(key: SpanKey, record: SpanRecordView)] = []
    private var keep: [Bool] = []
    private var others: [OtherSpans]
    private let pages: MappedPageReleaser?

    init(joins: [SpanJoin], ctx: ReadContext, pages: MappedPageReleaser?) throws {
        self.ctx = ctx
        self.pages = pages
        self.joins = try joins.map { join in
            guard let id = try ctx.lookup(.label, join.label) else {
                throw StoreError.unknownLabel(join.label, known: try ctx.store.dictionary.all(.label, in: ctx.txn, schema: ctx.schema).map(\.name).sorted())
            }
            return (join.relation, id)
        }
        others = Array(repeating: OtherSpans(), count: joins.count)
    }

    /// Buffers a candidate; flushes the previous document first. Returns false to stop.
    mutating func add(_ key: SpanKey, _ record: SpanRecordView, emit: (SpanKey, SpanRecordView) throws -> Bool) throws -> Bool {
        if document != key.document {
            guard try flush(emit) else { return false }
            document = key.document
        }
        buffer.append((key, record))
        return true
    }

    /// Flushes the last document.
    mutating func finish(_ emit: (SpanKey, SpanRecordView) throws -> Bool) throws -> Bool { try flush(emit) }

    private mutating func flush(_ emit: (SpanKey, SpanRecordView) throws -> Bool) throws -> Bool {
        defer { buffer.removeAll(keepingCapacity: true) }
        guard let document, !buffer.isEmpty else { return true }
        keep.removeAll(keepingCapacity: true)
        keep.append(contentsOf: repeatElement(true, count: buffer.count))
        var sentences: [Range<Int>]?
        for (j, (relation, label)) in joins.enumerated() {
            let loaded = try others[j].load(ctx: ctx, label: label, document: document, for: relation)
            pages?.tick(loaded)
            if case .sameSentence = relation, sentences == nil {
                sentences = DocumentText(try ctx.text(of: document)).sentences
            }
            for i in buffer.indices where keep[i] {
                let key = buffer[i].key
                keep[i] = others[j].satisfies(relation, start: Int(key.start), end: Int(key.end), id: key.id, sentences: sentences ?? [])
            }
        }
        for i in buffer.indices where keep[i] {
            guard try emit(buffer[i].key, buffer[i].record) else { return false }
        }
        return true
    }
}

/// The spans of one label in one document, with the precomputed extremes the joins need.
struct OtherSpans {
    private var starts: [Int] = []
    private var ends: [Int] = []
    private var ids: [UInt64] = []
    /// For each prefix `0...i`: the largest end and its id, and the second largest end.
    private var prefixMax: [(end: Int, id: UInt64, second: Int)] = []
    /// For each suffix `i...`: the smallest end and its id, and the second smallest end (made
    /// for ``SpanJoin/Relation/contains`` only).
    private var suffixMin: [(end: Int, id: UInt64, second: Int)] = []
    /// Ends sorted ascending (made for ``SpanJoin/Relation/after(_:)`` only).
    private var sortedEnds: [Int] = []

    /// Loads the spans of `label` in `document`, reusing the buffers, with the extremes
    /// `relation` is tested with; returns how many.
    @discardableResult
    mutating func load(ctx: ReadContext, label: UInt32, document: UInt32, for relation: SpanJoin.Relation) throws -> Int {
        starts.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        ids.removeAll(keepingCapacity: true)
        prefixMax.removeAll(keepingCapacity: true)
        suffixMin.removeAll(keepingCapacity: true)
        sortedEnds.removeAll(keepingCapacity: true)
        try ctx.forEachIndexedSpan(label: label, document: document) { spanKey in
            starts.append(Int(spanKey.start))
            ends.append(Int(spanKey.end))
            ids.append(spanKey.id)
            return true
        }
        var best = (end: Int.min, id: UInt64.max, second: Int.min)
        for i in starts.indices {
            if ends[i] > best.end { best = (ends[i], ids[i], best.end) } else if ends[i] > best.second { best.second = ends[i] }
            prefixMax.append(best)
        }
        switch relation {
        case .contains:
            suffixMin.append(contentsOf: repeatElement((end: Int.max, id: UInt64.max, second: Int.max), count: starts.count))
            var low = (end: Int.max, id: UInt64.max, second: Int.max)
            for i in starts.indices.reversed() {
                if ends[i] < low.end { low = (ends[i], ids[i], low.end) } else if ends[i] < low.second { low.second = ends[i] }
                suffixMin[i] = low
            }
        case .after:
            sortedEnds.append(contentsOf: ends)
            sortedEnds.sort()
        case .inside, .overlaps, .near, .before, .sameSentence:
            break
        }
        return starts.count
    }

    /// Number of elements of the sorted array `a` that satisfy `a[i] < bound` (or `<=` when `inclusive`).
    private static func count(_ a: [Int], below bound: Int, inclusive: Bool) -> Int {
        var low = 0
        var high = a.count
        while low < high {
            let mid = (low + high) / 2
            if a[mid] < bound || (inclusive && a[mid] == bound) { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The largest end among the first `k` spans, not counting the span `id` itself.
    private func maxEnd(first k: Int, excluding id: UInt64) -> Int? {
        guard k > 0 else { return nil }
        let m = prefixMax[k - 1]
        let value = m.id == id ? m.second : m.end
        return value == Int.min ? nil : value
    }

    /// The smallest end among spans from index `j` on, not counting the span `id` itself.
    private func minEnd(from j: Int, excluding id: UInt64) -> Int? {
        guard j < suffixMin.count else { return nil }
        let m = suffixMin[j]
        let value = m.id == id ? m.second : m.end
        return value == Int.max ? nil : value
    }

    /// Whether the span `start..<end` (id `id`) stands in `relation` to one of these spans.
    func satisfies(_ relation: SpanJoin.Relation, start: Int, end: Int, id: UInt64, sentences: [Range<Int>]) -> Bool {
        let span = (start: start, end: end, id: id)
        switch relation {
        case .inside:
            let k = Self.count(starts, below: span.start, inclusive: true)
            return (maxEnd(first: k, excluding: span.id) ?? Int.min) >= span.end
        case .contains:
            let j = Self.count(starts, below: span.start, inclusive: false)
            return (minEnd(from: j, excluding: span.id) ?? Int.max) <= span.end
        case .overlaps:
            let k = Self.count(starts, below: span.end, inclusive: false)
            return (maxEnd(first: k, excluding: span.id) ?? Int.min) > span.start
        case .near(let n):
            let k = Self.count(starts, below: span.end + n, inclusive: true)
            return (maxEnd(first: k, excluding: span.id) ?? Int.min) >= span.start - n
        case .before(let n):
            let j = Self.count(starts, below: span.end, inclusive: false)
            guard j < starts.count else { return false }
            return n.map { starts[j] - span.end <= $0 } ?? true
        case .after(let n):
            let k = Self.count(sortedEnds, below: span.start, inclusive: true)
            guard k > 0 else { return false }
            return n.map { span.start - sortedEnds[k - 1] <= $0 } ?? true
        case .sameSentence:
            guard let sentence = Self.sentence(of: span.start, in: sentences) else { return false }
            let range = sentences[sentence]
            let first = Self.count(starts, below: range.lowerBound, inclusive: false)
            let last = Self.count(starts, below: range.upperBound, inclusive: false)
            return (first..<last).contains { ids[$0] != span.id }
        }
    }

    private static func sentence(of offset: Int, in sentences: [Range<Int>]) -> Int? {
        var low = 0
        var high = sentences.count
        while low < high {
            let mid = (low + high) / 2
            if sentences[mid].lowerBound <= offset { low = mid + 1 } else { high = mid }
        }
        return low == 0 ? nil : low - 1
    }
}
